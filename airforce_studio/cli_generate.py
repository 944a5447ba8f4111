"""`generate` and `resume`: input checked before anything is journaled, cost shown first.

Every bound is checked here, before the journal sees the request, so a command that
exits 2 has queued nothing and paid nothing: the count, the seed range, image files
(regular files only, read with a hard limit) and the prompt (from a file or stdin).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path

from .api.errors import RequestInvalid
from .api.types import InputImage, Model, TaskRequest
from .cli_common import CliError, need_key
from .cli_progress import ProgressView, exit_code_for
from .core.engine import EngineConfig, UnknownModel
from .core.events import EngineEvent, EngineNotice, english
from .core.images import prepare_file_async
from .core.journal import FINAL_STATES, Item, ItemState
from .core.ledger import money
from .core.session import Session
from .core.settings import Settings
from .errors import EXIT_API, EXIT_INVALID, EXIT_LOCAL, EXIT_OK

MAX_COUNT = 100  # larger batches are shot lists
MAX_SEED = 2**32 - 1  # what the provider accepts
MAX_PROMPT_BYTES = 1024 * 1024  # far beyond any model's limit; a runaway pipe stops here


def add_arguments(gen: argparse.ArgumentParser) -> None:
    gen.add_argument("prompt", nargs="?",
                     help="the prompt (a lone `-` is a literal prompt; see --prompt-file)")
    gen.add_argument("--prompt-file", metavar="PATH",
                     help="read the prompt from a file, or from stdin with `-`")
    gen.add_argument("--model", required=True)
    gen.add_argument("--mode", choices=["text", "image", "reference"])
    gen.add_argument("--duration", type=int)
    gen.add_argument("--aspect")
    gen.add_argument("--quality")
    gen.add_argument("--seed", type=int,
                     help=f"first seed; clip i gets seed+i, all within 0..{MAX_SEED} (2^32-1)")
    gen.add_argument("--sound", action="store_true")
    gen.add_argument("--image", action="append", metavar="PATH_OR_URL",
                     help="an image file (regular files only) or an http(s) URL")
    gen.add_argument("--count", type=int, default=1, help=f"clips to make, 1-{MAX_COUNT}")
    gen.add_argument("--no-wait", action="store_true")
    gen.add_argument("--yes", action="store_true",
                     help="send even when the total is above the cost guard "
                          "(cost_guard_cents in settings, $10 by default)")
    add_patience(gen)


def add_patience(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--patience", type=_seconds, default=30.0, metavar="SECONDS",
                        help="give up (exit 3, items kept for `resume`) once a kind of "
                             "request has not succeeded for this long (default 30)")


def _seconds(text: str) -> float:
    """A duration of 0 s or more (`inf`: never give up). `nan` compares false with every
    time, so it silently meant "never"; a negative one meant "at the first failures"."""
    value = float(text)
    if not value >= 0:  # also false for nan
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds >= 0")
    return value


# -- input, before anything is journaled ---------------------------------------------------

def check_bounds(args: argparse.Namespace) -> None:
    if not 1 <= args.count <= MAX_COUNT:
        raise CliError(f"--count must be between 1 and {MAX_COUNT} (got {args.count}); "
                       f"for more, split the batch", EXIT_INVALID)
    if args.seed is not None:
        last = args.seed + args.count - 1
        if args.seed < 0 or last > MAX_SEED:
            raise CliError(f"--seed {args.seed} with --count {args.count} uses seeds up to "
                           f"{last}; seeds must be within 0..{MAX_SEED}", EXIT_INVALID)


def read_prompt(args: argparse.Namespace) -> str:
    """The positional prompt, or the text of --prompt-file (`-`: stdin). Exactly one."""
    if args.prompt_file is None:
        if args.prompt is None:
            raise CliError("give a prompt, or --prompt-file PATH (`-` reads stdin)",
                           EXIT_INVALID)
        return args.prompt
    if args.prompt is not None:
        raise CliError("give either a prompt or --prompt-file, not both", EXIT_INVALID)
    if args.prompt_file == "-":
        raw = sys.stdin.buffer.read(MAX_PROMPT_BYTES + 1)
        where = "stdin"
    else:
        where = args.prompt_file
        try:
            with open(Path(where).expanduser(), "rb") as file:
                raw = file.read(MAX_PROMPT_BYTES + 1)
        except OSError as exc:
            raise CliError(f"cannot read the prompt file {where}: {exc.strerror or exc}",
                           EXIT_INVALID) from exc
    if len(raw) > MAX_PROMPT_BYTES:
        raise CliError(f"the prompt in {where} is longer than {MAX_PROMPT_BYTES // 1024} KB",
                       EXIT_INVALID)
    try:
        text = raw.decode("utf-8").strip()
    except UnicodeDecodeError as exc:
        raise CliError(f"the prompt in {where} is not UTF-8 text", EXIT_INVALID) from exc
    if not text:
        raise CliError(f"the prompt in {where} is empty", EXIT_INVALID)
    return text


async def build_request(args: argparse.Namespace, prompt: str) -> TaskRequest:
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
    return TaskRequest(model=args.model, prompt=prompt, mode=mode,
                       duration_seconds=args.duration, aspect_ratio=args.aspect,
                       quality=args.quality, input_images=tuple(images), seed=args.seed,
                       sound=True if args.sound else None)


async def price(session: Session, request: TaskRequest) -> tuple[Model, int]:
    """The model and the cost of one clip; refuses what the server would refuse."""
    models = await session.engine.models()
    model = models.get(request.model)
    if model is None:
        raise UnknownModel(f"unknown model {request.model!r}; available: "
                           f"{', '.join(sorted(models))}")
    request.validate(model)
    return model, model.cost_cents(request.effective_duration(model))


def guard_cost(total_cents: int, count: int, each_cents: int, settings: Settings,
               yes: bool) -> None:
    """Above the guard without --yes: exit 2 stating the total; else print the cost."""
    clips = f"{count} clip{'s' if count != 1 else ''}"
    if total_cents > settings.cost_guard_cents and not yes:
        raise CliError(f"this batch costs {money(total_cents)} ({clips} × {money(each_cents)}), "
                       f"above the cost guard of {money(settings.cost_guard_cents)}; add --yes "
                       f"to send it (or change cost_guard_cents in settings)", EXIT_INVALID)
    print(f"cost: {clips} × {money(each_cents)} = {money(total_cents)}", file=sys.stderr)


# -- waiting -------------------------------------------------------------------------------

async def wait_for(session: Session, ids: set[int], view: ProgressView,
                   until: frozenset[ItemState]) -> list[Item]:
    """Until every one of `ids` reaches `until`, or the queue stops without them (paused,
    gave up, local trouble). A pause for the account or the user holds only sending: clips
    already paid are still followed and archived before the wait ends (the engine goes
    idle then), else a 402 for clip 2 would strand clip 1 until the account is topped up.
    Only these items are shown: older items that share the queue are not this command's
    results."""
    done = asyncio.Event()
    reported: set[int] = set()

    def on_event(event: EngineEvent) -> None:
        if isinstance(event, EngineNotice):
            view.on_event(event)
            if event.kind == "paused" and event.get("reason") == "local":
                done.set()  # nothing can be archived on a full disk: stop at once
        elif event.id in ids:
            view.on_event(event)
            if event.state in until and event.id not in reported:
                reported.add(event.id)
                view.result(event)
            if reported >= ids:
                done.set()

    unsubscribe = session.engine.subscribe(on_event)
    try:
        for item in (session.journal.get(i) for i in ids):
            on_event(item)
        if session.engine.stopped_by == "local":  # stopped before we listened
            done.set()
        finished = asyncio.ensure_future(done.wait())
        idle = asyncio.ensure_future(session.engine.wait_idle())  # drained, or it stopped
        try:
            await asyncio.wait([finished, idle], return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in (finished, idle):
                waiter.cancel()
    finally:
        unsubscribe()
    return [session.journal.get(i) for i in sorted(ids)]


async def run_items(session: Session, args: argparse.Namespace, ids: set[int],
                    no_wait: bool = False, view: ProgressView | None = None) -> int:
    view = view or ProgressView(args.json, session.library)
    until = FINAL_STATES | ({ItemState.CREATED, ItemState.FOLLOWING} if no_wait else set())
    items = await wait_for(session, ids, view, frozenset(until))
    engine = session.engine
    if engine.local_error is not None:
        raise engine.local_error  # exit 4; the journal keeps every clip
    unfinished = [i for i in items if i.state not in until]
    if engine.gave_up is not None and unfinished:
        kind, error = engine.gave_up
        raise CliError(f"gave up: {kind} requests have not succeeded for more than "
                       f"{args.patience:g} s (last: {error}); {_clips(len(unfinished))} kept "
                       f"in the journal: `airforce-studio resume` continues", EXIT_API)
    if engine.stopped_by and unfinished:
        code = EXIT_LOCAL if engine.stopped_by == "local" else EXIT_API
        raise CliError(f"{engine.pause_reasons[engine.stopped_by]} — the unfinished clips "
                       f"are kept; "
                       f"`airforce-studio resume` continues", code)
    return exit_code_for(items)


@contextlib.contextmanager
def early_notices(session: Session, view: ProgressView) -> Iterator[None]:
    """Say what recovery finds (paid twice, lost, adopted) from the moment the engine
    starts: `wait_for` listens only once this command's clips are known."""
    def on_event(event: EngineEvent) -> None:
        if isinstance(event, EngineNotice):
            view.on_event(event)

    unsubscribe = session.engine.subscribe(on_event)
    try:
        yield
    finally:
        unsubscribe()


def _clips(count: int) -> str:
    return f"{count} clip is" if count == 1 else f"{count} clips are"


def open_session(args: argparse.Namespace, base: str, key: str,
                 settings: Settings) -> Session:
    config = EngineConfig(max_in_flight=settings.max_in_flight,
                          adopt_unknown=settings.adopt_unknown, patience=args.patience)
    session = Session.open(base, key, demo=args.demo, settings=settings, config=config)
    # A database moved aside and rebuilt: the engine announces it when it starts, before
    # this command listens, so say it here (once: the file is healthy from now on).
    for kind, params in session.engine.startup_notices:
        print(f"warning: {english(EngineNotice(kind, params))}", file=sys.stderr)
    return session


async def cmd_generate(args: argparse.Namespace, base: str, key: str | None) -> int:
    check_bounds(args)
    prompt = read_prompt(args)
    key = need_key(key)
    request = await build_request(args, prompt)
    settings = Settings.load()
    session = open_session(args, base, key, settings)
    try:
        _, each = await price(session, request)
        guard_cost(each * args.count, args.count, each, settings, args.yes)
        older = session.engine.pending()
        if older:
            print(f"{len(older)} older unfinished clip{'s' if len(older) != 1 else ''} "
                  f"from an earlier run go first; only this command's clips are reported "
                  f"(`airforce-studio queue` lists them all)", file=sys.stderr)
        view = ProgressView(args.json, session.library)
        await session.engine.start()
        with early_notices(session, view):
            items = await session.engine.submit(request, args.count)
        return await run_items(session, args, {i.id for i in items}, args.no_wait, view)
    finally:
        await session.aclose()


async def cmd_resume(args: argparse.Namespace, base: str, key: str | None) -> int:
    session = open_session(args, base, need_key(key), Settings.load())
    try:
        view = ProgressView(args.json, session.library)
        await session.engine.start()
        session.engine.resume_queue("user")  # asking to resume clears the user's pause
        # A paid task the journal does not know yet (a lost create's late duplicate, a
        # clip made elsewhere) is found by the start's recovery: ask only after it.
        ids = {i.id for i in session.engine.pending()}  # reported even if recovery ends them
        with early_notices(session, view):
            await session.engine.wait_recovered()
        ids |= {i.id for i in session.engine.pending()}
        if not ids:
            print("nothing to resume", file=sys.stderr)
            return EXIT_OK
        return await run_items(session, args, ids, view=view)
    finally:
        await session.aclose()
