"""A crash dialog via sys.excepthook instead of a silent exit; the key is never shown."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable

from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger(__name__)
_open_boxes: list[QMessageBox] = []


def redact(text: str, secrets: Callable[[], list[str]]) -> str:
    for secret in secrets():
        if secret:
            text = text.replace(secret, "sk-air-…(hidden)")
    return text


def install_crash_handler(secrets: Callable[[], list[str]]) -> None:
    """Unexpected errors become a dialog with the details (redacted), and a log entry."""

    def hook(kind, value, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        details = redact("".join(traceback.format_exception(kind, value, tb)), secrets)
        log.error("unexpected error:\n%s", details)
        if QApplication.instance() is None:
            sys.stderr.write(details)
            return
        box = QMessageBox(QMessageBox.Icon.Critical, "Airforce Studio hit a problem",
                          redact(f"Something went wrong: {value}", secrets),
                          parent=QApplication.activeWindow())
        box.setObjectName("crashDialog")
        box.setInformativeText("Your queue and library are safe: every task is journaled. "
                               "You can keep working; if this repeats, please report it "
                               "with the details below.")
        box.setDetailedText(details)
        _open_boxes.append(box)  # without a reference Python would delete it at once
        box.finished.connect(lambda _result: _open_boxes.remove(box))
        box.open()

    sys.excepthook = hook
