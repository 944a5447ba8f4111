"""`airforce-studio film render|import`: a shot list made into clips and one MP4.

Registered by cli.py (`add_parser`, `run_command`); it imports nothing from cli.py so
the two cannot import each other in a circle. Exit codes are `generate`'s: 0 done,
1 a shot got no take (or the export failed), 2 a bad file or an unconfirmed cost with
nothing sent, 3 API or network trouble, 130 interrupted (a re-run resumes).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import threading
from pathlib import Path

from .cli_progress import ProgressView
from .core.film.export import default_output, export_film
from .core.film.imports import from_csv, from_folder
from .core.film.preflight import local_statuses, money
from .core.film.render import FilmEvent, FilmRender, RenderStopped, ShotEvent, cost_lines
from .core.film.shotlist import Film
from .core.session import Session, open_library
from .core.settings import Settings
from .errors import (
    EXIT_API,
    EXIT_INVALID,
    EXIT_LOCAL,
    EXIT_OK,
    EXIT_TASK_FAILED,
    StudioError,
    exit_code,
    local_error_from_os,
)


def add_parser(sub, common: argparse.ArgumentParser) -> None:
    film = sub.add_parser("film", help="render a shot list into a film; import shot lists")
    commands = film.add_subparsers(dest="film_command", required=True)
    render = commands.add_parser("render", parents=[common],
                                 help="generate every shot without a take, then assemble")
    render.add_argument("file", help="the shot list (*.afilm.json)")
    render.add_argument("--out", metavar="OUT.mp4", help="default: <file stem>.mp4 beside it")
    render.add_argument("--yes", action="store_true",
                        help="send even when the cost is above the cost guard")
    render.add_argument("--no-assemble", action="store_true",
                        help="make the takes, write them back, but export nothing")
    imp = commands.add_parser("import", parents=[common],
                              help="a shot list from a CSV or a folder of images")
    imp.add_argument("source", metavar="CSV|FOLDER")
    imp.add_argument("--out", required=True, metavar="FILE.afilm.json")
    imp.add_argument("--model", help="for a folder: the model of every shot")
    imp.add_argument("--prompt", help="for a folder: the prompt of every shot")


async def run_command(args: argparse.Namespace, base: str, key: str | None) -> int:
    try:
        if args.film_command == "import":
            return await cmd_import(args)
        return await cmd_render(args, base, key)
    except RenderStopped as exc:
        return _error(f"{exc} — the clips already sent are kept; run the same command again "
                      f"to continue", EXIT_API)
    except StudioError as exc:
        return _error(str(exc), exit_code(exc))
    except OSError as exc:  # writing the film file or the export: disk full, read-only
        local = local_error_from_os(exc)
        if local is not None:
            return _error(str(local), exit_code(local))
        # A path that cannot be written at all (no such folder, /proc, a device): say which,
        # never a traceback; takes already made stay in the library and the film file.
        where = exc.filename or getattr(args, "out", None) or ""
        kept = ("; takes already made are kept (choose another --out and run the command "
                "again)" if args.film_command == "render" else "")
        return _error(f"cannot write {where}: {exc.strerror or exc}{kept}", EXIT_LOCAL)


def _error(message: str, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# -- render ----------------------------------------------------------------------------

async def cmd_render(args: argparse.Namespace, base: str, key: str | None) -> int:
    path = Path(args.file).expanduser()
    film = await asyncio.to_thread(Film.load, path)
    states, _ = await local_statuses(film)
    if any(s.needs_take for s in states.values()):
        if not key:
            return _error("no API key: set AIRFORCE_API_KEY, run `airforce-studio key set`, "
                          "or try `--demo`", EXIT_INVALID)
        code = await _generate(film, args, base, key)
        if code != EXIT_OK:
            return code
    else:
        _say(f"every shot of {path.name} has a take: nothing to generate")
    if args.no_assemble:
        return EXIT_OK
    out = Path(args.out).expanduser() if args.out else default_output(path)
    library = open_library(base, demo=args.demo)
    try:
        result = await _export(film, library, out)
    finally:
        library.close()
    for note in result.notes:
        _say(f"note: {note}")
    if args.json:
        print(json.dumps({"film": str(out.resolve()), "duration_seconds":
                          round(result.duration_seconds, 3), "shots": len(film.shots)}))
    else:
        print(out.resolve())
    return EXIT_OK


async def _generate(film: Film, args: argparse.Namespace, base: str, key: str) -> int:
    session = Session.open(base, key, demo=args.demo)
    try:
        await session.engine.start()
        view = ProgressView(args.json, session.library)

        def on_event(event: FilmEvent) -> None:
            if not isinstance(event, ShotEvent):
                view.on_event(event)
                return
            detail = f" ({event.detail})" if event.detail else ""
            _say(f"shot {event.shot_id}: {event.state}{detail}")
            if event.state == "ready":
                for item_id in event.item_ids:
                    view.result(session.journal.get(item_id))

        renderer = FilmRender(film, session.engine, session.journal, session.library,
                              session.paths.profile, on_event)
        plan = await renderer.prepare()
        for line in cost_lines(plan.costs):
            _say(f"  {line}")
        total = plan.total_cents
        _say(f"{len(plan.costs)} shots to make; total {money(total)}")
        if total:
            renderer.check_budget(total)
            guard = Settings.load().cost_guard_cents
            if total > guard and not args.yes:
                return _error(f"this film costs {money(total)}, above the cost guard of "
                              f"{money(guard)}: nothing was sent; add --yes to send it",
                              EXIT_INVALID)
        outcome = await renderer.run()
        for shot_id, why in outcome.failed.items():
            _say(f"shot {shot_id} has no take: {why}")
        return EXIT_OK if outcome.ok else EXIT_TASK_FAILED
    finally:
        await session.aclose()


async def _export(film: Film, library, out: Path):
    tty = sys.stderr.isatty()
    _say(f"assembling {out.name} ({film.output.quality}, {film.output.aspect_ratio})")

    def progress(fraction: float) -> None:
        if tty:
            sys.stderr.write(f"\r\x1b[2Kassembling: {fraction:4.0%}")
            sys.stderr.flush()

    cancel = threading.Event()
    try:
        result = await export_film(film, library, out, progress, cancel)
    except asyncio.CancelledError:
        cancel.set()  # the worker thread stops at its next frame and removes its file
        raise
    if tty:
        sys.stderr.write("\r\x1b[2K")
    return result


# -- import ----------------------------------------------------------------------------

async def cmd_import(args: argparse.Namespace) -> int:
    source, out = Path(args.source).expanduser(), Path(args.out).expanduser()
    if out.exists():
        return _error(f"{out} already exists; choose another --out (nothing was changed)",
                      EXIT_INVALID)
    if source.is_dir():
        if not args.model or not args.prompt:
            return _error("importing a folder needs --model and --prompt", EXIT_INVALID)
        film = await asyncio.to_thread(from_folder, source, out, args.model, args.prompt)
    else:
        film = await asyncio.to_thread(from_csv, source, out)
    out.parent.mkdir(parents=True, exist_ok=True)
    await asyncio.to_thread(film.save)
    if args.json:
        print(json.dumps({"film": str(out.resolve()), "shots": len(film.shots)}))
    else:
        print(out.resolve())
    return EXIT_OK
