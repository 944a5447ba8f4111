"""Background coroutines and questions for the film windows, without a nested event loop.

`start()` keeps a strong reference and sends an unexpected error to `sys.excepthook` (the
crash path); `ask()` shows a box with `open()` and awaits the button (never `exec()`,
which would wedge qasync). Same contract as the window's `spawn()` / `ask()`.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Coroutine
from typing import Any

import shiboken6
from PySide6.QtWidgets import QMessageBox

_running: set[asyncio.Task] = set()


def start(coro: Coroutine[Any, Any, Any]) -> asyncio.Task:
    task = asyncio.ensure_future(coro)
    _running.add(task)
    task.add_done_callback(_finished)
    return task


def _finished(task: asyncio.Task) -> None:
    _running.discard(task)
    if not task.cancelled() and task.exception() is not None:
        error = task.exception()
        sys.excepthook(type(error), error, error.__traceback__)


async def ask(box: QMessageBox) -> QMessageBox.StandardButton:
    future: asyncio.Future[QMessageBox.StandardButton] = \
        asyncio.get_running_loop().create_future()

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


def alive(widget) -> bool:
    """Whether a widget still exists after an await (a window closed meanwhile is deleted)."""
    return shiboken6.isValid(widget)
