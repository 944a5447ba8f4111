"""A small JSON file of the window's own (prompt history, presets, the editor's draft):
read once, written whole and atomically in a worker thread, never on the event loop.

A damaged or hand-edited file never blocks the window: it reads as empty, and the next
save replaces it.
"""

from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Any

from ..core.files import write_atomically
from .tasks import spawn

log = logging.getLogger(__name__)


def read_json(path: Path, default: Any) -> Any:
    """The file's value when it has `default`'s type, else `default`."""
    try:
        value = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return default
    return value if isinstance(value, type(default)) else default


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data)


class JsonSaver:
    """Saves the latest value in the background; saves queue up in order, and the last
    one wins. `flush()` awaits what is pending (tests, quitting)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pending: asyncio.Task | None = None

    def save(self, value: Any) -> asyncio.Task:
        data = json.dumps(value, indent=1, ensure_ascii=False).encode("utf-8")
        previous = self._pending

        async def write() -> None:
            if previous is not None and not previous.done():
                await asyncio.wait([previous])
            try:
                await asyncio.to_thread(_write, self.path, data)
            except OSError as error:  # a full disk loses a draft, never the window
                log.warning("could not save %s: %s", self.path.name, error)

        self._pending = spawn(write(), name=f"save-{self.path.name}")
        return self._pending

    async def flush(self) -> None:
        if self._pending is not None and not self._pending.done():
            await asyncio.wait([self._pending])
