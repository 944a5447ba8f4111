"""Entry point: `airforce-studio` opens the window; with a subcommand it is the CLI.

Ctrl-C at any moment from here on, even while the heavy imports below are still
loading, ends with exit 130 and one line on stderr, never a traceback: the journal
already holds whatever was started.
"""

import contextlib
import os
import signal
import sys

INTERRUPTED = "interrupted: the journal keeps every task; `airforce-studio resume` finishes them"
EXIT_INTERRUPTED = 130


def main(argv: list[str] | None = None) -> int:
    """The program (argv None: from sys.argv) or, with argv, a call from Python code."""
    as_program = argv is None
    try:
        return _main(argv)
    except KeyboardInterrupt:
        if not as_program:
            raise
        _leave_interrupted()
    finally:
        if as_program:  # only interpreter shutdown is left: a late Ctrl-C prints nothing
            _ignore_sigint()
    return EXIT_INTERRUPTED  # not reached: _leave_interrupted exits


def _main(argv: list[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if set(argv) <= {"--demo"}:  # the window: skip the CLI's imports (issue 14, start-up)
        _load_qt_free_modules_first()
        from .app import run_gui

        return run_gui(demo="--demo" in argv)
    from .cli import build_parser, run

    args, _ = build_parser().parse_known_args(argv)
    if args.self_test:
        from .selftest import run as self_test

        return self_test()
    if args.command is None:
        from .app import run_gui

        return run_gui(demo=args.demo)
    return run(argv)


def _load_qt_free_modules_first() -> None:
    """Import the Qt-free part of the window's start (the profile's databases, the API's
    types, the stdlib they use) before PySide6: once PySide6 is loaded it reads the source
    of every module imported after it, looking for `__feature__` use (~0.1 ms a module,
    ~4 ms for these)."""
    from .core import session  # noqa: F401


def _ignore_sigint() -> None:
    with contextlib.suppress(ValueError, OSError):  # not the main thread
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def _leave_interrupted() -> None:
    """One line and exit 130 at once: no teardown that a second Ctrl-C could interrupt."""
    _ignore_sigint()
    with contextlib.suppress(Exception):  # stdout may be a closed pipe: leaving anyway
        sys.stdout.flush()
    with contextlib.suppress(Exception):
        sys.stderr.write(("\n" if sys.stderr.isatty() else "") + INTERRUPTED + "\n")
        sys.stderr.flush()
    os._exit(EXIT_INTERRUPTED)


if __name__ == "__main__":
    sys.exit(main())
