"""The loop rule, and `spawn()`: the one way the window starts background coroutines.

Under qasync the GUI thread *is* the asyncio loop. Everything in `ui/` follows four rules
(DESIGN.md, "The loop rule"):

1. Only the loop uses the shared database connections (journal, library), the engine and
   the widgets. Worker threads (`asyncio.to_thread`) get and return plain values: bytes,
   paths, frozen dataclasses. Nothing fsyncs, decodes or hashes on the loop.
2. Engine events reach widgets through a *queued* Qt connection (`EngineBridge`), never
   inside the engine's own call: a slot that raises, opens a dialog or calls back into the
   engine then cannot break the engine's bookkeeping.
3. No `exec()`-modal anywhere a coroutine or an engine callback could be on the stack:
   `QMessageBox.warning()`, `QDialog.exec()` run a nested event loop from which qasync
   cannot resume other tasks ("Cannot enter into task … while another task … is being
   executed"): streams freeze and in-flight slots stay held for good. Use `dialog.open()`
   with signals (`ask()` below) or a non-modal notice (`ui/notices.py`).
4. Every background coroutine of the window starts through `spawn()`, so an unexpected
   exception reaches the crash path (`sys.excepthook` → a non-modal crash dialog) instead
   of vanishing with its task.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Coroutine
from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from ..lazy import asyncio  # loads on first use: the window paints first (issue 14)

log = logging.getLogger(__name__)
_running: set[asyncio.Task] = set()  # strong references: the loop keeps only weak ones
# Before the loop exists (start-up paints first, issue 14) spawn() holds coroutines here;
# `loop_started()` runs them. None: no start-up in progress, spawn() runs at once.
_held: list[tuple[Coroutine[Any, Any, Any], str | None]] | None = None


def hold_until_loop() -> None:
    """From now until `loop_started()`, spawn() keeps coroutines instead of running them."""
    global _held
    _held = []


def loop_started() -> None:
    """The asyncio loop runs: start what spawn() held."""
    global _held
    held, _held = _held or [], None
    for coro, name in held:
        spawn(coro, name=name)


def loop_ready() -> bool:
    """False while start-up holds coroutines (no asyncio loop yet)."""
    return _held is None


def spawn(coro: Coroutine[Any, Any, Any], *, name: str | None = None) -> asyncio.Task | None:
    """Run `coro` in the background; an exception it raises reaches the crash path.

    During start-up, before the loop runs, the coroutine waits for it (returns None)."""
    if _held is not None:
        _held.append((coro, name))
        return None
    task = asyncio.ensure_future(coro)
    if name:
        task.set_name(name)
    _running.add(task)
    task.add_done_callback(_finished)
    return task


def _finished(task: asyncio.Task) -> None:
    _running.discard(task)
    if task.cancelled():
        return
    error = task.exception()
    if error is not None:
        log.error("background task %s failed", task.get_name(), exc_info=error)
        sys.excepthook(type(error), error, error.__traceback__)


def running() -> set[asyncio.Task]:
    """The background tasks still running (tests and shutdown look at them)."""
    return set(_running)


async def cancel_all(timeout: float = 1.0) -> None:
    """Cancel every spawned task and give them `timeout` seconds to unwind."""
    tasks = [t for t in _running if not t.done()]
    for task in tasks:
        task.cancel()
    if tasks:
        await asyncio.wait(tasks, timeout=timeout)


async def ask(box: QMessageBox) -> QMessageBox.StandardButton:
    """Show a question window-modally with `open()` and await the button, never `exec()`.

    The loop keeps running while the box is up: streams advance, downloads finish.
    """
    future: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def done(_result: int) -> None:
        if not future.done():
            clicked = box.clickedButton()
            future.set_result(box.standardButton(clicked) if clicked is not None
                              else QMessageBox.StandardButton.Cancel)

    box.finished.connect(done)
    box.open()
    try:
        return QMessageBox.StandardButton(await future)
    finally:
        box.deleteLater()


def message_box(parent: QWidget | None, icon: QMessageBox.Icon, title: str, text: str,
                buttons=QMessageBox.StandardButton.Ok,
                default=QMessageBox.StandardButton.NoButton, name: str = "") -> QMessageBox:
    """A QMessageBox ready for `ask()` (or `open()`), named for tests."""
    box = QMessageBox(icon, title, text, buttons, parent)
    if default != QMessageBox.StandardButton.NoButton:
        box.setDefaultButton(default)
    box.setObjectName(name)
    return box
