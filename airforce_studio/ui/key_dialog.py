"""Set, replace or remove the API key; say which keyring holds it, or that none can.

A new key is checked against `/v1/models` before it is saved (the check itself comes
from the composition root: widgets never hold an API client). keyring calls run in a
worker thread because Secret Service can block on D-Bus.
"""

from __future__ import annotations

import contextlib
from collections.abc import Awaitable, Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from ..api.errors import ApiError, AuthError, ConnectionFailed, PaymentRequired
from ..core import secrets
from ..lazy import asyncio  # loads on first use: the window paints first (issue 14)
from .crash import register_secret
from .i18n import arg
from .tasks import spawn

translate = QCoreApplication.translate
KeyCheck = Callable[[str], Awaitable[None]]  # raises with a user-facing message if bad


def check_failed_text(error: Exception) -> str:
    """Why a key check failed, without blaming the key for a network or server fault."""
    if isinstance(error, ConnectionFailed):
        return arg(translate("KeyDialog", "Could not reach the provider, so the key was not "
                             "checked: %1. Check your connection and try again."), error)
    if isinstance(error, ApiError) and not isinstance(error, (AuthError, PaymentRequired)):
        return arg(translate("KeyDialog", "The provider could not check the key right now: "
                             "%1. Try again in a minute."), error)
    return arg(translate("KeyDialog", "That key did not work: %1"), error)


class KeyDialog(QDialog):
    def __init__(self, store: secrets.KeyStore, check: KeyCheck, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("API key"))
        self.setObjectName("keyDialog")
        self.store = store
        self.check = check
        self.saved_key: str | None = None
        self._jobs: set[asyncio.Task] = set()
        self.backend = QLabel()
        self.backend.setObjectName("keyBackend")
        self.backend.setWordWrap(True)
        self.status = QLabel()
        self.status.setObjectName("keyStatus")
        self.status.setWordWrap(True)
        self.status.setMinimumHeight(self.status.fontMetrics().lineSpacing() * 3)
        self.setMinimumWidth(480)
        self.key = QLineEdit()
        self.key.setObjectName("keyInput")
        self.key.setAccessibleName(self.tr("API key"))
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText("sk-air-…")
        self.save = QPushButton(self.tr("Check and save"))
        self.save.setObjectName("keySave")
        self.save.setAccessibleName(self.tr("Check and save the key"))
        self.save.setDefault(True)
        self.remove = QPushButton(self.tr("Remove key"))
        self.remove.setObjectName("keyRemove")
        self.remove.setAccessibleName(self.tr("Remove the stored key"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.save, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.remove, QDialogButtonBox.ButtonRole.DestructiveRole)
        buttons.rejected.connect(self.reject)
        # Enter in the key field checks and saves; it must never reach Close (which
        # Qt makes the default while Save is still disabled) and drop the pasted key.
        for button in (buttons.button(QDialogButtonBox.StandardButton.Close), self.remove):
            button.setAutoDefault(False)
            button.setDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.backend)
        layout.addWidget(QLabel(self.tr("Paste a new key to set or replace the current one:")))
        layout.addWidget(self.key)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.save.clicked.connect(lambda: self._run(self.check_and_save()))
        self.remove.clicked.connect(lambda: self._run(self.forget()))
        self.key.textChanged.connect(lambda text: self.save.setEnabled(bool(text.strip())))
        self.save.setEnabled(False)
        self._describe_backend()
        with contextlib.suppress(RuntimeError):  # a loop runs (always, in the window)
            asyncio.get_running_loop()
            self.remove.setEnabled(False)  # until the store says there is a key to remove
            self._run(self._has_key())

    def _run(self, coro) -> None:
        job = spawn(coro, name="key-dialog")
        self._jobs.add(job)
        job.add_done_callback(self._jobs.discard)

    def _describe_backend(self) -> None:
        if secrets.keyring_available():
            self.backend.setText(arg(self.tr("Keys are kept in your system keyring (%1), "
                                             "never in a file."), secrets.backend_name()))
        else:
            self.backend.setText(self.tr("No system keyring is available on this computer. "
                                         "A key you enter is kept for this session only and "
                                         "must be entered again next time. It is never "
                                         "written to disk."))

    async def check_and_save(self) -> bool:
        key = self.key.text().strip()
        self.save.setEnabled(False)
        self.status.setText(self.tr("Checking the key with the provider…"))
        try:
            await self.check(key)
        except Exception as exc:  # the check's message is meant for the user
            self.status.setText(check_failed_text(exc))
            self.save.setEnabled(True)
            return False
        register_secret(key)  # used and about to be saved: from now on hidden in logs
        where = await asyncio.to_thread(self.store.save, key)
        self.saved_key = key
        self.remove.setEnabled(True)
        self.key.clear()
        self.status.setText(self.tr("Saved in the system keyring.") if where == "keyring" else
                            self.tr("Key accepted — kept for this session only (no keyring)."))
        return True

    async def _has_key(self) -> None:
        source = await asyncio.to_thread(self.store.load)
        stored = source.origin in ("keyring", "session")
        self.remove.setEnabled(stored)
        self.remove.setToolTip("" if stored else self.tr("No key is stored, so there is "
                                                         "nothing to remove."))

    async def forget(self) -> None:
        removed = await asyncio.to_thread(self.store.delete)
        self.status.setText(self.tr("The key was removed.") if removed else
                            self.tr("No key was stored."))
        self.remove.setEnabled(False)
