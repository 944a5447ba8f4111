"""The main window: editor | player over (queue, library), with menus, tray and status.

It turns widget signals into engine calls and engine events into widget updates; every
expected failure becomes a plain message, never a traceback.
"""

from __future__ import annotations

import asyncio
import binascii
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, Qt
from PySide6.QtGui import QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QSystemTrayIcon,
    QTabWidget,
)

from ..api.errors import ApiError, RequestInvalid
from ..api.types import TaskRequest
from ..core import secrets
from ..core.engine import UnknownModel
from ..core.events import EngineNotice
from ..core.history import History
from ..core.images import ImageRejected, prepare_bytes_async, prepare_file_async
from ..core.journal import Item, ItemState
from ..core.ledger import OverBudget
from ..core.library import ClipRecord
from ..core.media import frame_image
from ..core.session import Session
from ..core.settings import Settings
from .bridge import EngineBridge
from .editor import EditorPanel, money
from .history_view import HistoryView
from .key_dialog import KeyDialog
from .library_view import LibraryView
from .player import PlayerPanel
from .queue_panel import QueuePanel
from .settings_dialog import SettingsDialog

# The states an item enters when money is debited, adjusted or refunded.
MONEY_MOVES = frozenset({ItemState.CREATED, ItemState.DOWNLOADING, ItemState.FAILED,
                         ItemState.EXPIRED})

SHORTCUTS = [
    ("Ctrl+Enter", "Generate"),
    ("Ctrl+L", "Focus the prompt"),
    ("Ctrl+Shift+V", "Paste an image into the visible drop zone"),
    ("Ctrl+1 / Ctrl+2", "Queue / Library"),
    ("Ctrl+F", "Search the library"),
    ("Space", "Play / pause (player focused)"),
    ("F", "Full screen video"),
    ("M", "Mute"),
    ("O", "Loop"),
    ("Delete", "Cancel a waiting clip"),
    ("Ctrl+Up / Ctrl+Down", "Reorder waiting clips"),
    ("Ctrl+R", "Retry a failed clip"),
    ("F5", "Reload models"),
    ("Ctrl+,", "API key"),
    ("Ctrl+Shift+,", "Settings: budget cap, tasks in flight"),
    ("F1", "This list"),
    ("Ctrl+Q", "Quit"),
]


class MainWindow(QMainWindow):
    def __init__(self, session: Session, *, demo: bool, key_store: secrets.KeyStore,
                 check_key: Callable[[str], Awaitable[None]], icon: QIcon | None = None) -> None:
        super().__init__()
        self.session = session
        self.engine = session.engine
        self.demo = demo
        self.key_store = key_store
        self.check_key = check_key
        self.closed: asyncio.Future[None] = asyncio.get_event_loop().create_future()
        self._jobs: set[asyncio.Task] = set()
        self._busy_since_drain = False
        self._shown_once = False
        self.setObjectName("mainWindow")
        self.setWindowTitle("Airforce Studio — Demo (simulated, nothing is paid)" if demo
                            else "Airforce Studio")
        if icon is not None:
            self.setWindowIcon(icon)

        self.editor = EditorPanel()
        self.player = PlayerPanel()
        self.player.focus_elsewhere = self.editor.prompt.setFocus
        self.queue = QueuePanel()
        self.queue.read_image = self.engine.read_input_image
        self.library = LibraryView(session.library)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.addTab(self.queue, "Queue")
        self.tabs.addTab(self.library, "Library")
        # -- polish: the provider's history tab; library selection previews in the player --
        self.history = HistoryView(History(session.engine))
        self.tabs.addTab(self.history, self.tr("History"))
        self.library.clipSelected.connect(lambda clip: self.player.preview(
            clip, session.library.absolute(clip.thumbnail) if clip and clip.thumbnail else None))
        # -- end polish --
        editor_scroll = QScrollArea()
        editor_scroll.setWidget(self.editor)
        editor_scroll.setWidgetResizable(True)
        editor_scroll.setMinimumWidth(340)
        self.right = QSplitter(Qt.Orientation.Vertical)
        self.right.setObjectName("rightSplitter")
        self.right.addWidget(self.player)
        self.right.addWidget(self.tabs)
        self.right.setSizes([420, 380])
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.setObjectName("mainSplitter")
        self.split.addWidget(editor_scroll)
        self.split.addWidget(self.right)
        self.split.setSizes([380, 820])
        self.setCentralWidget(self.split)

        self.spend = QLabel()
        self.spend.setObjectName("spend")
        self.paused = QLabel()
        self.paused.setObjectName("pausedBanner")
        self.paused.setStyleSheet("color: #e5484d; font-weight: 600;")
        self.resume = QPushButton("Resume sending")
        self.resume.setObjectName("resumeQueue")
        self.resume.setAccessibleName("Resume sending the queue")
        self.resume.clicked.connect(self._resume_queue)
        self.statusBar().addWidget(self.spend)
        self.statusBar().addPermanentWidget(self.paused)
        self.statusBar().addPermanentWidget(self.resume)
        self.paused.hide()
        self.resume.hide()
        self.tray = QSystemTrayIcon(icon or QIcon(), self)
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray.show()

        self._build_menus()
        self.bridge = EngineBridge(self.engine, self)
        self.bridge.itemChanged.connect(self._on_item)
        self.bridge.notice.connect(self._on_notice)
        self.editor.submitted.connect(lambda req, n: self.run(self.submit(req, n)))
        self.editor.loading.linkActivated.connect(lambda _link: self.load_models())
        self.queue.cancelRequested.connect(self.engine.cancel)
        self.queue.moveRequested.connect(self._move)
        self.queue.retryRequested.connect(lambda item: self.run(self.retry(item)))
        self.queue.playRequested.connect(self._play_item)
        self.library.playRequested.connect(self.play_clip)
        self.library.rerunRequested.connect(lambda clip: self.run(self.rerun(clip)))
        self.library.chainRequested.connect(lambda clip: self.run(self.chain(clip)))
        self.library.deleteRemoteRequested.connect(lambda c: self.run(self.delete_remote(c)))
        self.player.errorOccurred.connect(lambda text: self.statusBar().showMessage(
            f"Cannot play this clip: {text}", 8000))
        for item in session.journal.items():
            self.queue.on_item(item)
        self._update_spend()
        self._restore_layout()
        self.editor.prompt.setFocus()

    # -- plumbing -------------------------------------------------------------------------

    def run(self, coro) -> asyncio.Task:
        """Start a coroutine tied to the window; unexpected errors reach the crash dialog."""
        job = asyncio.ensure_future(coro)
        self._jobs.add(job)
        job.add_done_callback(self._job_done)
        return job

    def _job_done(self, job: asyncio.Task) -> None:
        self._jobs.discard(job)
        if not job.cancelled() and job.exception() is not None:
            error = job.exception()
            sys.excepthook(type(error), error, error.__traceback__)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self._action(file_menu, "API key…", "Ctrl+,", self.open_key_dialog, "actionKey")
        self._action(file_menu, "Settings…", "Ctrl+Shift+,", self.open_settings,
                     "actionSettings")
        self._action(file_menu, "Reload models", "F5", self.load_models, "actionReloadModels")
        file_menu.addSeparator()
        self._action(file_menu, "Quit", "Ctrl+Q", self.close, "actionQuit")
        view = bar.addMenu("&View")
        self._action(view, "Focus prompt", "Ctrl+L", self.editor.prompt.setFocus, "actionPrompt")
        self._action(view, "Queue", "Ctrl+1", lambda: self.tabs.setCurrentIndex(0), "actionQueue")
        self._action(view, "Library", "Ctrl+2", lambda: self.tabs.setCurrentIndex(1),
                     "actionLibrary")
        self._action(view, "Search library", "Ctrl+F", self._focus_search, "actionSearch")
        self._action(view, "Paste image", "Ctrl+Shift+V", self._paste_image, "actionPasteImage")
        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "Keyboard shortcuts", "F1", self.show_shortcuts,
                     "actionShortcuts")
        self._action(help_menu, "About Airforce Studio", None, self._about, "actionAbout")

    def _action(self, menu, text: str, keys: str | None, slot, name: str) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    # -- models ---------------------------------------------------------------------------

    def load_models(self) -> asyncio.Task:
        return self.run(self._load_models())

    async def _load_models(self) -> None:
        self.editor.set_loading("Loading models…")
        try:
            models = await self.engine.models(refresh=True)
        except ApiError as error:
            self.editor.set_loading(f"Could not load models: {error} "
                                    f"<a href='retry'>Retry</a> (F5)")
            return
        self.editor.set_models(sorted(models.values(), key=lambda m: m.id))

    # -- engine events --------------------------------------------------------------------

    def _on_item(self, item: Item) -> None:
        self.queue.on_item(item)
        if not item.state.is_final:
            self._busy_since_drain = True
        if item.state == ItemState.ARCHIVED:
            self.library.clip_added(item.task_id)
        if item.state in MONEY_MOVES:  # not on every progress event: it reads the ledger
            self._update_spend()

    def _on_notice(self, notice: EngineNotice) -> None:
        if notice.kind == "paused":
            self.paused.setText(notice.message)
            self.paused.show()
            self.resume.show()
            self.queue.set_paused(self.engine.paused)
        elif notice.kind == "resumed":
            self.paused.hide()
            self.resume.hide()
            self.queue.set_paused(None)
        elif notice.kind == "drained" and self._busy_since_drain:
            self._busy_since_drain = False
            self.tray.showMessage("Airforce Studio", "Every clip in the queue is done.",
                                  QSystemTrayIcon.MessageIcon.Information, 5000)
        elif notice.kind in ("lost", "warning"):
            self.statusBar().showMessage(notice.message, 15000)
            if notice.kind == "lost":
                QMessageBox.warning(self, "A clip was lost", notice.message)

    def _update_spend(self) -> None:
        summary = self.session.ledger.summary()
        self.spend.setText(f"Spent today {money(summary.today_cents)} · this month "
                           f"{money(summary.month_cents)}" + (" (demo)" if self.demo else ""))

    def _resume_queue(self) -> None:
        self.engine.resume_queue()

    # -- actions --------------------------------------------------------------------------

    async def submit(self, request: TaskRequest, count: int) -> None:
        try:
            items = await self.engine.submit(request, count)
        except (RequestInvalid, OverBudget, UnknownModel) as error:
            self.editor.problem.setText(str(error))
            return
        self.tabs.setCurrentWidget(self.queue)
        self.queue.select_item(items[-1].id)
        self.statusBar().showMessage(
            f"Queued {count} clip{'s' if count > 1 else ''} "
            f"({money(sum(i.cost_cents or 0 for i in items))})", 5000)

    def _move(self, item_id: int, delta: int) -> None:
        waiting = [i.id for i in self.session.journal.items([ItemState.QUEUED])]
        if item_id in waiting:
            self.engine.move(item_id, waiting.index(item_id) + delta)
            self.queue.select_item(item_id)

    async def retry(self, item: Item) -> None:
        cost = money(item.cost_cents or 0) if item.cost_cents else "the usual price"
        answer = QMessageBox.question(self, "Retry as a new task",
                                      f"Retrying sends a new, paid task ({cost}). Continue?")
        if answer == QMessageBox.StandardButton.Yes:
            try:
                await self.engine.retry(item.id)
            except (RequestInvalid, OverBudget, UnknownModel, ApiError) as error:
                QMessageBox.warning(self, "Cannot retry", str(error))

    def _play_item(self, item: Item) -> None:
        if item.task_id and item.task_id in self.session.library:
            self.play_clip(self.session.library.get(item.task_id))

    def play_clip(self, clip: ClipRecord) -> None:
        path = self.session.library.absolute(clip.file)
        if not path.exists():
            self.statusBar().showMessage(f"The file is missing: {path}", 8000)
            return
        self.player.load_clip(path, clip)
        self.player.setFocus()

    async def rerun(self, clip: ClipRecord) -> None:
        images = []
        for index, image in enumerate(clip.request.get("input_images") or []):
            try:
                raw = await asyncio.to_thread(self.engine.read_input_image, image)
                if raw is None:
                    continue
                images.append(await prepare_bytes_async(raw, f"image {index + 1}"))
            except (binascii.Error, ImageRejected) as error:
                self.statusBar().showMessage(f"An input image could not be restored: {error}")
        self.editor.fill_from(clip.request, images)

    async def chain(self, clip: ClipRecord) -> None:
        """Use the clip's last frame as the next clip's first frame."""
        source = self.session.library.absolute(clip.file)
        folder = Path(tempfile.mkdtemp(prefix="airforce-frame-"))
        try:
            frame = await asyncio.to_thread(frame_image, source, folder / "last-frame.png",
                                            last=True)
            prepared = await prepare_file_async(frame)
        except Exception as error:
            self.statusBar().showMessage(f"Could not take the last frame: {error}", 8000)
            return
        self.editor.use_first_frame(prepared)

    async def delete_remote(self, clip: ClipRecord) -> None:
        answer = QMessageBox.warning(
            self, "Delete from the provider",
            "This deletes the task and its video at the provider. There is NO refund, and "
            "the link stops working. Your local copy stays. Continue?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            await self.engine.delete_remote(clip.task_id)
        except ApiError as error:
            QMessageBox.warning(self, "Could not delete", str(error))
            return
        self.statusBar().showMessage("Deleted at the provider (no refund).", 5000)

    def open_key_dialog(self) -> KeyDialog:
        dialog = KeyDialog(self.key_store, self.check_key, self)
        dialog.finished.connect(lambda _result: self._key_dialog_closed(dialog))
        dialog.open()
        return dialog

    def open_settings(self) -> SettingsDialog:
        dialog = SettingsDialog(Settings.load(), self)
        dialog.accepted.connect(lambda: self.apply_settings(dialog.result_settings()))
        dialog.open()
        return dialog

    def apply_settings(self, settings: Settings) -> None:
        """Saved for next time and applied to the running queue at once."""
        try:
            settings.save()
        except OSError as error:
            QMessageBox.warning(self, "Settings not saved", f"Could not save settings: {error}")
            return
        self.engine.apply_settings(settings)
        self.statusBar().showMessage("Settings saved.", 4000)

    def _key_dialog_closed(self, dialog: KeyDialog) -> None:
        if dialog.saved_key and not self.demo:
            self.engine.use_key(dialog.saved_key)
            self.load_models()

    def _focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.library)
        self.library.search.setFocus()

    def _paste_image(self) -> None:
        mode = self.editor.mode.currentData()
        zone = {"image": self.editor.first_frame, "reference": self.editor.references}.get(mode)
        if zone is None or not zone.paste():
            self.statusBar().showMessage("Switch to an image mode and copy an image first.", 5000)

    def show_shortcuts(self) -> QMessageBox:
        rows = "".join(f"<tr><td><b>{k}</b></td><td>&nbsp;{v}</td></tr>" for k, v in SHORTCUTS)
        box = QMessageBox(QMessageBox.Icon.Information, "Keyboard shortcuts",
                          f"<table>{rows}</table>", parent=self)
        box.setObjectName("shortcutsDialog")
        box.open()
        return box

    def _about(self) -> None:
        from .. import __version__

        QMessageBox.about(self, "About Airforce Studio",
                          f"Airforce Studio {__version__}<br>Video clips from the Airforce "
                          f"API, archived locally before they expire.")

    # -- layout memory --------------------------------------------------------------------

    def _settings(self) -> QSettings:
        return QSettings("airforce-studio", "window")

    def _restore_layout(self) -> None:
        settings = self._settings()
        for key, restore in (("geometry", self.restoreGeometry),
                             ("main_split", self.split.restoreState),
                             ("right_split", self.right.restoreState)):
            value = settings.value(key)
            if isinstance(value, QByteArray):
                restore(value)
        if not settings.value("geometry"):
            self.resize(1280, 800)

    def save_layout(self) -> None:
        settings = self._settings()
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("main_split", self.split.saveState())
        settings.setValue("right_split", self.right.saveState())
        settings.sync()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.editor.prompt.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_layout()
        self.library.shutdown()
        self.history.shutdown()
        self.queue.shutdown()
        self.player.stop()
        self.bridge.detach()
        self.tray.hide()
        if not self.closed.done():
            self.closed.set_result(None)
        super().closeEvent(event)
