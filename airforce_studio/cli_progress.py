"""What the CLI shows while it waits: progress on stderr, results on stdout.

On a terminal a one-line status is redrawn in place; elsewhere each change of state is
a plain line, so logs stay readable. `--json` makes stdout JSON Lines, one per clip.
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from .core.events import EngineEvent, EngineNotice
from .core.journal import Item, ItemState
from .core.library import Library
from .errors import EXIT_OK, EXIT_TASK_FAILED


def result_of(item: Item, library: Library) -> dict[str, Any]:
    status = "submitted" if item.state in (ItemState.CREATED, ItemState.FOLLOWING) else str(
        item.state)
    file = str(library.absolute(item.file)) if item.file else None
    return {"item_id": item.id, "task_id": item.task_id, "status": status, "file": file,
            "cost_cents": item.cost_cents, "seed": item.seed, "model": item.model,
            "error": item.error}


class ProgressView:
    def __init__(self, as_json: bool, library: Library, err: TextIO = sys.stderr,
                 out: TextIO = sys.stdout) -> None:
        self.as_json = as_json
        self.library = library
        self.err, self.out = err, out
        self.tty = err.isatty()
        self._last: dict[int, tuple[str, int | None]] = {}
        self._items: dict[int, Item] = {}

    def on_event(self, event: EngineEvent) -> None:
        if isinstance(event, EngineNotice):
            self._line(f"{event.kind}: {event.message}")
            return
        self._items[event.id] = event
        key = (str(event.state), event.progress)
        if self._last.get(event.id) == key:
            return
        state_changed = self._last.get(event.id, ("", None))[0] != key[0]
        self._last[event.id] = key
        if self.tty:
            self._redraw()
        elif state_changed:
            extra = f" ({event.error})" if event.error else ""
            self._line(f"clip {event.id} [{event.task_id or 'local'}]: {event.state}{extra}")

    def _redraw(self) -> None:
        parts = []
        for item in self._items.values():
            if item.state == ItemState.FOLLOWING:
                parts.append(f"#{item.id} {_bar(item.progress or 0)} {item.progress or 0:3d}%")
            else:
                parts.append(f"#{item.id} {item.state}")
        self.err.write("\r\x1b[2K" + "  ".join(parts)[-200:])
        self.err.flush()

    def _line(self, text: str) -> None:
        if self.tty:
            self.err.write("\r\x1b[2K")
        self.err.write(text + "\n")
        self.err.flush()

    def result(self, item: Item) -> None:
        data = result_of(item, self.library)
        if self.tty:
            self.err.write("\r\x1b[2K")
        if self.as_json:
            self.out.write(json.dumps(data) + "\n")
        elif data["file"]:
            self.out.write(f"{data['file']}\n")
        else:
            why = f": {item.error}" if item.error else ""
            self.out.write(f"{item.task_id or f'clip {item.id}'} {data['status']}{why}\n")
        self.out.flush()


def _bar(percent: int, width: int = 20) -> str:
    filled = percent * width // 100
    return "[" + "#" * filled + "." * (width - filled) + "]"


def exit_code_for(items: list[Item]) -> int:
    bad = {ItemState.FAILED, ItemState.EXPIRED, ItemState.LOST, ItemState.NEEDS_ATTENTION}
    return EXIT_TASK_FAILED if any(i.state in bad for i in items) else EXIT_OK
