"""`airforce-studio <command>`: the engine in a terminal, and the way to script batches.

Exit status: 0 all archived (or submitted with --no-wait); 1 a task failed, expired or
was lost; 2 invalid input found before anything was paid; 3 API or network trouble;
130 interrupted (the journal keeps every task: `resume` picks them up).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import getpass
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from . import __version__, cli_film
from .api.client import ApiClient
from .api.errors import RequestInvalid, UnsafeUrl
from .api.origin import api_base_from_env, normalize_api_base
from .api.types import InputImage, TaskRequest, TaskStatus
from .cli_progress import ProgressView, exit_code_for
from .core import secrets
from .core.events import EngineEvent, EngineNotice
from .core.images import prepare_file_async
from .core.journal import FINAL_STATES, Item, ItemState
from .core.session import Session, open_library
from .errors import EXIT_API, EXIT_INTERRUPTED, EXIT_INVALID, EXIT_OK, StudioError, exit_code
from .simulator import Knobs, Simulator
from .simulator.server import serve_forever


class CliError(Exception):
    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


# -- where to talk to ----------------------------------------------------------------------

@contextlib.contextmanager
def target(demo: bool) -> Iterator[tuple[str, str | None]]:
    """(api_base, key): the embedded simulator for --demo, else the environment/keyring."""
    if demo:
        with Simulator(Knobs(task_seconds=8.0)) as sim:
            yield sim.api_base, sim.key
        return
    try:
        base = str(normalize_api_base(api_base_from_env()))
    except UnsafeUrl as exc:
        raise CliError(str(exc), EXIT_INVALID) from exc
    yield base, secrets.KeyStore.for_api_base(base).load().key


def need_key(key: str | None) -> str:
    if not key:
        raise CliError("no API key: set AIRFORCE_API_KEY, run `airforce-studio key set`, "
                       "or try `--demo`", EXIT_INVALID)
    return key


# -- commands ------------------------------------------------------------------------------

async def build_request(args: argparse.Namespace) -> TaskRequest:
    images: list[InputImage] = []
    for source in args.image or []:
        if source.startswith(("http://", "https://")):
            images.append(InputImage(url=source))
        else:
            prepared = await prepare_file_async(Path(source).expanduser())
            images.append(prepared.as_input())
    mode = args.mode or ("image" if len(images) == 1 else "text")
    if mode == "text" and len(images) > 1:
        raise RequestInvalid("mode", "several images need --mode reference")
    return TaskRequest(model=args.model, prompt=args.prompt, mode=mode,
                       duration_seconds=args.duration, aspect_ratio=args.aspect,
                       quality=args.quality, input_images=tuple(images), seed=args.seed,
                       sound=True if args.sound else None)


async def wait_for(session: Session, ids: set[int], view: ProgressView,
                   until: frozenset[ItemState]) -> list[Item]:
    """Until every item reaches `until` (or the queue pauses with nothing left moving)."""
    done = asyncio.Event()
    reported: set[int] = set()

    def on_event(event: EngineEvent) -> None:
        view.on_event(event)
        if isinstance(event, EngineNotice) and event.kind == "paused":
            done.set()
        elif not isinstance(event, EngineNotice) and event.id in ids:
            if event.state in until and event.id not in reported:
                reported.add(event.id)
                view.result(event)
            if reported >= ids:
                done.set()

    unsubscribe = session.engine.subscribe(on_event)
    try:
        for item in (session.journal.get(i) for i in ids):
            on_event(item)
        await done.wait()
    finally:
        unsubscribe()
    return [session.journal.get(i) for i in sorted(ids)]


async def run_items(session: Session, args: argparse.Namespace, ids: set[int],
                    no_wait: bool = False) -> int:
    view = ProgressView(args.json, session.library)
    until = FINAL_STATES | ({ItemState.CREATED, ItemState.FOLLOWING} if no_wait else set())
    items = await wait_for(session, ids, view, frozenset(until))
    if session.engine.paused and any(i.state == ItemState.QUEUED for i in items):
        raise CliError(f"{session.engine.paused} — the unsent clips stay queued; "
                       f"`airforce-studio resume` sends them", EXIT_API)
    return exit_code_for(items)


async def cmd_generate(args: argparse.Namespace, base: str, key: str | None) -> int:
    key = need_key(key)
    request = await build_request(args)
    session = Session.open(base, key, demo=args.demo)
    try:
        await session.engine.start()
        items = await session.engine.submit(request, args.count)
        return await run_items(session, args, {i.id for i in items}, args.no_wait)
    finally:
        await session.aclose()


async def cmd_resume(args: argparse.Namespace, base: str, key: str | None) -> int:
    session = Session.open(base, need_key(key), demo=args.demo)
    try:
        await session.engine.start()
        ids = {i.id for i in session.engine.pending()}
        if not ids:
            print("nothing to resume", file=sys.stderr)
            return EXIT_OK
        return await run_items(session, args, ids)
    finally:
        await session.aclose()


async def cmd_models(args: argparse.Namespace, base: str, key: str | None) -> int:
    async with ApiClient(base, need_key(key)) as client:
        models = await client.list_models()
    for m in models:
        caps = m.caps
        if args.json:
            print(json.dumps({"id": m.id, "modes": caps.modes, "aspect_ratios": caps.aspect_ratios,
                              "qualities": caps.qualities, "min_duration_s": caps.min_duration_s,
                              "max_duration_s": caps.max_duration_s,
                              "price_per_second_cents": caps.price_per_second_cents,
                              "supports_sound": m.supports_sound,
                              "supports_seed": m.supports_seed}))
        else:
            print(f"{m.id:16} {caps.min_duration_s}-{caps.max_duration_s}s "
                  f"{'/'.join(caps.modes):22} {','.join(caps.aspect_ratios):20} "
                  f"{','.join(caps.qualities):18} {caps.price_per_second_cents}¢/s")
    return EXIT_OK


async def cmd_tasks(args: argparse.Namespace, base: str, key: str | None) -> int:
    status = TaskStatus(args.status) if args.status else None
    async with ApiClient(base, need_key(key)) as client:
        tasks = await client.list_tasks(limit=args.limit, status=status)
    for t in tasks:
        if args.json:
            print(json.dumps({"task_id": t.task_id, "status": str(t.status), "model": t.model,
                              "duration_seconds": t.duration_seconds, "created": t.created,
                              "expires_at": t.expires_at, "cost_cents": t.cost_cents,
                              "progress": t.progress}))
        else:
            print(f"{t.task_id:24} {t.status:10} {t.model or '?':14} "
                  f"{t.duration_seconds or '?'}s {t.cost_cents or 0}¢")
    return EXIT_OK


def cmd_library(args: argparse.Namespace, base: str) -> int:
    library = open_library(base, demo=args.demo)
    try:
        if args.action == "rebuild":
            count = library.rebuild()
            print(json.dumps({"clips": count}) if args.json else f"{count} clips indexed")
            return EXIT_OK
        for clip in library.search(args.search or ""):
            path = str(library.absolute(clip.file))
            if args.json:
                print(json.dumps({"task_id": clip.task_id, "file": path, "prompt": clip.prompt,
                                  "model": clip.model, "seed": clip.seed,
                                  "created": clip.created, "favourite": clip.favourite}))
            else:
                print(f"{path}\t{clip.model}\t{clip.prompt[:60]}")
        return EXIT_OK
    finally:
        library.close()


def cmd_key(args: argparse.Namespace, base: str) -> int:
    store = secrets.KeyStore.for_api_base(base)
    if args.action == "set":
        key = sys.stdin.readline().strip() if not sys.stdin.isatty() else getpass.getpass(
            "API key (input hidden): ")
        if not key:
            raise CliError("no key given", EXIT_INVALID)
        where = store.save(key)
        message = ("saved in the keyring" if where == "keyring"
                   else "no keyring available: the key was NOT saved")
        print(json.dumps({"saved": where == "keyring", "backend": secrets.backend_name()})
              if args.json else f"{message} ({secrets.backend_name()})")
        return EXIT_OK if where == "keyring" else EXIT_INVALID
    if args.action == "delete":
        removed = store.delete()
        print(json.dumps({"deleted": removed}) if args.json else
              ("key removed" if removed else "no key was stored"))
        return EXIT_OK
    source = store.load()
    status = {"configured": source.key is not None, "source": source.origin,
              "backend": secrets.backend_name(), "keyring_available": secrets.keyring_available()}
    print(json.dumps(status) if args.json else
          f"key: {'set' if source.key else 'not set'} (from {source.origin}); "
          f"keyring backend: {status['backend']}")
    return EXIT_OK


def cmd_simulator(args: argparse.Namespace) -> int:
    knobs = Knobs.from_arguments(args)

    def announce(sim: Simulator) -> None:
        print(f"AIRFORCE_API_BASE={sim.api_base}")
        print(f"AIRFORCE_API_KEY={sim.key}")
        print(f"# result host: {sim.cdn_base}; Ctrl+C stops", flush=True)

    serve_forever(knobs, args.port, args.cdn_port, args.balance, announce)
    return EXIT_OK


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
    gen.add_argument("prompt")
    gen.add_argument("--model", required=True)
    gen.add_argument("--mode", choices=["text", "image", "reference"])
    gen.add_argument("--duration", type=int)
    gen.add_argument("--aspect")
    gen.add_argument("--quality")
    gen.add_argument("--seed", type=int)
    gen.add_argument("--sound", action="store_true")
    gen.add_argument("--image", action="append", metavar="PATH_OR_URL")
    gen.add_argument("--count", type=int, default=1)
    gen.add_argument("--no-wait", action="store_true")

    sub.add_parser("resume", parents=[common], help="finish everything left unfinished")
    sub.add_parser("models", parents=[common], help="list video models and their caps")
    tasks = sub.add_parser("tasks", parents=[common], help="the server's task history")
    tasks.add_argument("--status", choices=[s.value for s in TaskStatus])
    tasks.add_argument("--limit", type=int, default=50)
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
    Knobs.add_arguments(sim)
    return parser


async def dispatch(args: argparse.Namespace) -> int:
    if args.command == "simulator":
        return cmd_simulator(args)
    with target(args.demo) as (base, key):
        if args.command == "library":
            return cmd_library(args, base)
        if args.command == "key":
            return cmd_key(args, base)
        handlers: dict[str, Any] = {"generate": cmd_generate, "resume": cmd_resume,
                                    "models": cmd_models, "tasks": cmd_tasks,
                                    "film": cli_film.run_command}
        return await handlers[args.command](args, base, key)


def run(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "simulator":
            return cmd_simulator(args)
        return asyncio.run(dispatch(args))
    except KeyboardInterrupt:
        print("\ninterrupted: the journal keeps every task; `airforce-studio resume` "
              "finishes them", file=sys.stderr)
        return EXIT_INTERRUPTED
    except CliError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except StudioError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exit_code(exc)
