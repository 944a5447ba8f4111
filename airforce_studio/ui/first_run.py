"""First run without a key: enter one (checked before it is kept), or try the demo."""

from __future__ import annotations

import html
from collections.abc import Awaitable, Callable

from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from ..core import secrets
from ..lazy import asyncio  # loads on first use: the window paints first (issue 14)
from .crash import register_secret
from .key_dialog import check_failed_text
from .tasks import spawn


class FirstRunDialog(QDialog):
    """Resolves `choice` with ("key", key), ("demo", None) or ("quit", None)."""

    def __init__(self, store: secrets.KeyStore, check: Callable[[str], Awaitable[None]],
                 parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("firstRunDialog")
        self.setWindowTitle(self.tr("Welcome to Airforce Studio"))
        self.store = store
        self.check = check
        self.choice: asyncio.Future[tuple[str, str | None]] = (
            asyncio.get_event_loop().create_future())
        self._jobs: set[asyncio.Task] = set()
        self.session_note: str | None = None  # set when no keyring could keep the key
        heading = self.tr("Make video clips with the Airforce API")
        title = QLabel(f"<h3>{html.escape(heading)}</h3>")
        intro = QLabel(self.tr("Paste your API key to start, or try everything first in the "
                               "demo: a simulated provider, nothing is paid."))
        intro.setWordWrap(True)
        intro.setMinimumHeight(intro.heightForWidth(480))  # wrapped labels get clipped
        self.key = QLineEdit()
        self.key.setObjectName("firstRunKey")
        self.key.setAccessibleName(self.tr("API key"))
        self.key.setEchoMode(QLineEdit.EchoMode.Password)
        self.key.setPlaceholderText("sk-air-…")
        self.status = QLabel()
        self.status.setObjectName("firstRunStatus")
        self.status.setWordWrap(True)
        self.status.setMinimumWidth(480)
        self.status.setMinimumHeight(self.status.fontMetrics().lineSpacing() * 3)
        self.use_key = QPushButton(self.tr("Check key and start"))
        self.use_key.setObjectName("firstRunUseKey")
        self.use_key.setDefault(True)
        self.demo = QPushButton(self.tr("Try the demo"))
        self.demo.setObjectName("firstRunDemo")
        self.quit = QPushButton(self.tr("Quit"))
        self.quit.setObjectName("firstRunQuit")
        buttons = QHBoxLayout()
        buttons.addWidget(self.demo)
        buttons.addStretch()
        buttons.addWidget(self.quit)
        buttons.addWidget(self.use_key)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.key)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)
        self.setMinimumWidth(520)
        self.use_key.clicked.connect(self._start_check)
        self.demo.clicked.connect(lambda: self._finish("demo", None))
        self.quit.clicked.connect(lambda: self._finish("quit", None))
        self.rejected.connect(lambda: self._finish("quit", None))

    def _start_check(self) -> None:
        job = spawn(self.check_and_use(), name="first-run")
        self._jobs.add(job)
        job.add_done_callback(self._jobs.discard)

    async def check_and_use(self) -> None:
        key = self.key.text().strip()
        if not key:
            self.status.setText(self.tr("Paste a key first."))
            return
        self.use_key.setEnabled(False)
        self.status.setText(self.tr("Checking the key…"))
        try:
            await self.check(key)
        except Exception as exc:
            self.status.setText(check_failed_text(exc))
            self.use_key.setEnabled(True)
            return
        register_secret(key)  # used from now on: hidden in logs and crash reports
        where = await asyncio.to_thread(self.store.save, key)
        if where != "keyring":  # the dialog closes now: the window repeats it (app.py)
            self.status.setText(
                self.tr("No system keyring: the key is kept for this session only."))
            self.session_note = self.tr(
                "No system keyring: your API key is kept for this session only, and the "
                "next start asks for it again.")
        self._finish("key", key)

    def _finish(self, kind: str, key: str | None) -> None:
        if not self.choice.done():
            self.choice.set_result((kind, key))
        self.accept() if kind != "quit" else self.hide()
