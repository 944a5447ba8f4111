"""What every CLI command shares: where to talk to, the key, and errors with exit codes."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

from .api.errors import UnsafeUrl
from .api.origin import api_base_from_env, normalize_api_base
from .core import secrets
from .core.paths import DEMO_PROFILE, Paths
from .errors import EXIT_INVALID, StudioError

DEMO_TASK_SECONDS = 8.0


class CliError(StudioError):
    """A refusal worded for the terminal, with its exit code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def demo_simulator_dir() -> Path:
    """Inside the demo profile: its simulator keeps tasks and balances there."""
    return Paths(DEMO_PROFILE).data_dir / "simulator"


def api_base(demo: bool) -> str:
    """The API origin without starting anything (offline commands: library, queue)."""
    if demo:
        return "http://127.0.0.1"  # the demo profile's name does not depend on the port
    try:
        return str(normalize_api_base(api_base_from_env()))
    except UnsafeUrl as exc:
        raise CliError(str(exc), EXIT_INVALID) from exc


@contextlib.contextmanager
def target(demo: bool) -> Iterator[tuple[str, str | None]]:
    """(api_base, key): the embedded simulator for --demo, else the environment/keyring.

    The demo simulator keeps its state in the demo profile, so clips still rendering when
    a command was stopped are finished by the next one.
    """
    if demo:
        from .simulator import Knobs, Simulator  # aiohttp, PyAV: only the demo needs them

        state_dir = demo_simulator_dir()
        with Simulator(Knobs(task_seconds=DEMO_TASK_SECONDS), state_dir=state_dir) as sim:
            yield sim.api_base, sim.key
        return
    base = api_base(demo)
    yield base, secrets.KeyStore.for_api_base(base).load().key


def need_key(key: str | None) -> str:
    if not key:
        raise CliError("no API key: set AIRFORCE_API_KEY, run `airforce-studio key set`, "
                       "or try `--demo`", EXIT_INVALID)
    if not all("!" <= char <= "~" for char in key):
        # Never echo it: httpx's own error for such a header quotes the whole key.
        raise CliError("the API key has characters no API key has (a space, a line break or "
                       "a non-ASCII letter): check AIRFORCE_API_KEY or run "
                       "`airforce-studio key set`", EXIT_INVALID)
    return key


# Arguments that end up in JSON, SQL or a URL. A byte sequence that is not UTF-8 reaches
# Python as lone surrogates, which fail only when encoded: for a prompt, after the clip
# was journaled (it ended "needs attention", exit 1). File paths may be any bytes.
TEXT_ARGUMENTS = ("prompt", "model", "aspect", "quality", "search", "task_id")


def check_text_arguments(args: object) -> None:
    """Refuse (exit 2) a text argument that is not valid UTF-8, before anything is done."""
    named = [(name, getattr(args, name, None)) for name in TEXT_ARGUMENTS]
    urls = [u for u in getattr(args, "image", None) or [] if u.startswith(("http:", "https:"))]
    for name, value in [*named, *(("image URL", u) for u in urls)]:
        if isinstance(value, str) and not _encodes(value):
            raise CliError(f"the {name.replace('_', ' ')} {value!r} is not valid UTF-8 text",
                           EXIT_INVALID)


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True

