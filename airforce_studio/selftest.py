"""`airforce-studio --self-test`: one clip end to end on the embedded simulator, no display.

Runs in a throw-away data folder so it never touches the user's library, and prints a
one-line summary; exit 0 when the clip was generated, archived and decodes.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time

from .api.types import TaskRequest
from .core import secrets
from .core.journal import ItemState
from .core.media import probe_video
from .core.session import Session
from .simulator import Knobs, Simulator


async def _one_clip(sim: Simulator) -> str:
    session = Session.open(sim.api_base, sim.key, demo=True)
    try:
        await session.engine.start()
        [item] = await session.engine.submit(
            TaskRequest(model="wan-2.6", prompt="self-test: a paper plane over a lake",
                        duration_seconds=5, sound=True))
        await asyncio.wait_for(session.engine.wait_idle(), 120)
        item = session.journal.get(item.id)
        if item.state != ItemState.ARCHIVED or not item.file:
            raise RuntimeError(f"clip ended {item.state}: {item.error}")
        seconds = await asyncio.to_thread(probe_video, session.library.absolute(item.file))
        return f"clip {item.task_id} archived and decodes ({seconds:.1f} s)"
    finally:
        await session.aclose()


def run() -> int:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="airforce-selftest-") as home:
        for var in ("XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            os.environ[var] = os.path.join(home, var.lower())
        try:
            with Simulator(Knobs(task_seconds=1.0)) as sim:
                clip = asyncio.run(_one_clip(sim))
        except Exception as exc:  # the one-line summary is the point of a self-test
            print(f"self-test FAILED: {exc!r}", file=sys.stderr)
            return 1
    keyring = (f"keyring {secrets.backend_name()}" if secrets.keyring_available()
               else "no OS keyring (keys would be kept for the session only)")
    print(f"self-test passed in {time.monotonic() - started:.1f} s: {clip}; {keyring}")
    return 0
