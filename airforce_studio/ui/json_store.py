"""A small JSON file of the window's own (prompt history, presets, the editor's draft):
read once, written whole and atomically in a worker thread, never on the event loop.

Saves go to one writer thread of their own (not `asyncio.to_thread`): they keep their
order, the last one wins, and a save asked for while no loop runs (a window closing)
still happens. A damaged or hand-edited file never blocks the window: it reads as
empty, and the next save replaces it.
"""

from __future__ import annotations

import json
import logging
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any

from ..core.files import write_atomically
from ..lazy import asyncio  # loads on first use: the window paints first (issue 14)

log = logging.getLogger(__name__)


def read_json(path: Path, default: Any) -> Any:
    """The file's value when it has `default`'s type, else `default`."""
    try:
        value = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return default
    return value if isinstance(value, type(default)) else default


WRITER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="studio-save")


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, data)
    except OSError as error:  # a full disk loses a history entry, never the window
        log.warning("could not save %s: %s", path.name, error)


class JsonSaver:
    """Saves the latest value in the writer thread; `flush()` awaits what is pending."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pending: Future | None = None

    def save(self, value: Any) -> Future:
        data = json.dumps(value, indent=1, ensure_ascii=False).encode("utf-8")
        self._pending = WRITER.submit(_write, self.path, data)
        return self._pending

    async def flush(self) -> None:
        if self._pending is not None:
            await asyncio.wrap_future(self._pending)
