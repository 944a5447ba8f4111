"""`airforce-studio <command>`: the engine in a terminal, and the way to script batches.

Exit status: 0 all archived (or submitted with --no-wait); 1 a task failed, expired, was
lost or needs attention; 2 invalid input found before anything was queued or paid; 3 API
or network trouble (items kept for `resume`); 4 local trouble: disk full, data folder
unwritable, or the profile busy in another process; 130 interrupted (the journal keeps
every task: `resume` picks them up).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from pathlib import Path
from typing import Any

from . import __version__, cli_film, cli_generate, cli_queue
from .api.types import TaskStatus
from .cli_common import CliError, api_base, check_text_arguments, target
from .cli_info import cmd_key, cmd_library, cmd_models, cmd_simulator, cmd_tasks
from .core.session import ProfileBusy
from .errors import EXIT_INTERRUPTED, LocalStorageError, StudioError, exit_code
from .simulator.knobs import Knobs

INTERRUPTED = "interrupted: the journal keeps every task; `airforce-studio resume` finishes them"


# -- parsing -------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="airforce-studio", description=__doc__.split("\n")[0])
    parser.add_argument("--version", action="version", version=f"airforce-studio {__version__}")
    parser.add_argument("--demo", action="store_true",
                        help="use the embedded simulator (no key, nothing paid)")
    parser.add_argument("--self-test", action="store_true",
                        help="generate one clip end to end on the simulator and exit 0/1")
    sub = parser.add_subparsers(dest="command")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--json", action="store_true", help="JSON Lines on stdout")

    gen = sub.add_parser("generate", parents=[common], help="make clips and wait for them")
    cli_generate.add_arguments(gen)

    resume = sub.add_parser("resume", parents=[common], help="finish everything left unfinished")
    cli_generate.add_patience(resume)
    cli_queue.add_arguments(sub, common)
    sub.add_parser("models", parents=[common], help="list video models and their caps")
    tasks = sub.add_parser("tasks", parents=[common],
                           help="the server's task history; `tasks delete TASK_ID --yes`")
    tasks.add_argument("action", nargs="?", choices=["delete"])
    tasks.add_argument("task_id", nargs="?", metavar="TASK_ID")
    tasks.add_argument("--status", choices=[s.value for s in TaskStatus])
    tasks.add_argument("--limit", type=int, default=50)
    tasks.add_argument("--yes", action="store_true", help="with delete: really delete")
    lib = sub.add_parser("library", parents=[common], help="search or rebuild the clip library")
    lib.add_argument("action", nargs="?", choices=["rebuild"])
    lib.add_argument("--search", metavar="TEXT")
    key = sub.add_parser("key", parents=[common], help="the API key in the OS keyring")
    key.add_argument("action", choices=["set", "status", "delete"])
    cli_film.add_parser(sub, common)

    sim = sub.add_parser("simulator", help="run the API simulator on loopback")
    sim.add_argument("--port", type=int, default=0)
    sim.add_argument("--cdn-port", type=int, default=0)
    sim.add_argument("--balance", type=int, default=50_000, metavar="CENTS")
    sim.add_argument("--state-dir", type=Path, metavar="DIR",
                     help="keep accounts, tasks and clips here across restarts")
    Knobs.add_arguments(sim)
    return parser


async def dispatch(args: argparse.Namespace) -> int:
    if args.command == "library":  # offline: no simulator, no key
        return cmd_library(args, api_base(args.demo))
    if args.command == "queue":
        return cli_queue.cmd_queue(args)
    with target(args.demo) as (base, key):
        if args.command == "key":
            return cmd_key(args, base)
        if args.command == "tasks" and args.action == "delete":
            return await cli_queue.cmd_tasks_delete(args, base, key)
        handlers: dict[str, Any] = {"generate": cli_generate.cmd_generate,
                                    "resume": cli_generate.cmd_resume,
                                    "models": cmd_models, "tasks": cmd_tasks,
                                    "film": cli_film.run_command}
        return await handlers[args.command](args, base, key)


def say_interrupted() -> int:
    """One line, never a traceback; the journal already holds everything."""
    with contextlib.suppress(Exception):
        sys.stderr.write(("\n" if sys.stderr.isatty() else "") + INTERRUPTED + "\n")
        sys.stderr.flush()
    return EXIT_INTERRUPTED


def run(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        check_text_arguments(args)
        if args.command == "simulator":
            return cmd_simulator(args)
        return asyncio.run(dispatch(args))
    except KeyboardInterrupt:
        return say_interrupted()
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except LocalStorageError as exc:
        hint = "" if isinstance(exc, ProfileBusy) else (
            ": free some space (or make the folder writable), then run "
            "`airforce-studio resume`; every clip waits in the journal")
        print(f"error: {exc}{hint}", file=sys.stderr)
        return exit_code(exc)
    except StudioError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exit_code(exc)
