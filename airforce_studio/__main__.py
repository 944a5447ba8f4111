"""Entry point: `airforce-studio` opens the window; with a subcommand it is the CLI."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from .cli import build_parser, run

    argv = list(sys.argv[1:] if argv is None else argv)
    args, _ = build_parser().parse_known_args(argv)
    if args.self_test:
        from .selftest import run as self_test

        return self_test()
    if args.command is None:
        from .app import run_gui

        return run_gui(demo=args.demo)
    return run(argv)


if __name__ == "__main__":
    sys.exit(main())
