"""A crash dialog via sys.excepthook instead of a silent exit; the key is never shown."""

from __future__ import annotations

import logging
import sys
import traceback

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from ..core.secrets import redact, remember_secret
from .i18n import arg

log = logging.getLogger(__name__)
translate = QCoreApplication.translate
_open_boxes: list[QMessageBox] = []


register_secret = remember_secret  # widgets that take a key call this before using it


def install_crash_handler() -> None:
    """Unexpected errors become a dialog with the details (redacted), and a log entry."""

    def hook(kind, value, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        details = redact("".join(traceback.format_exception(kind, value, tb)))
        log.error("unexpected error:\n%s", details)
        if QApplication.instance() is None:
            sys.stderr.write(details)
            return
        box = QMessageBox(QMessageBox.Icon.Critical,
                          translate("CrashDialog", "Airforce Studio hit a problem"),
                          redact(arg(translate("CrashDialog", "Something went wrong: %1"), value)),
                          parent=QApplication.activeWindow())
        box.setObjectName("crashDialog")
        box.setInformativeText(translate(
            "CrashDialog", "Your queue and library are safe: every task is journaled. "
            "You can keep working; if this repeats, please report it with the details below."))
        box.setDetailedText(details)
        _open_boxes.append(box)  # without a reference Python would delete it at once
        box.finished.connect(lambda _result: _open_boxes.remove(box))
        box.open()

    sys.excepthook = hook
