"""The main window: notices over editor | player over (queue, library), menus from the
keyboard map, and a quit that never leaves a process behind.

It wires widget signals to engine calls (`ClipActions`) and engine events to widgets
(`WindowStatus`), through `EngineBridge`'s queued connections. The loop rule it obeys is
written in `ui/tasks.py`: no `exec()`, every background coroutine through `spawn()`.

Built in two steps (issue 14, start-up): the widgets from a `LocalProfile` (the journal's
queue, the library's rows: SQLite and Qt only), painted; then `attach()` adds the engine,
the history tab, the clip actions and the media player. Given a whole `Session`, the
constructor does both at once.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QIcon
from PySide6.QtWidgets import (
    QMainWindow,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QSystemTrayIcon,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ..core import secrets
from ..core.journal import ItemState
from ..core.session import LocalProfile, Session
from ..core.settings import Settings
from . import keymap, window_attach, window_layout
from .editor import EditorPanel
from .editor_draft import DraftStore
from .i18n import arg
from .library_view import LibraryView
from .model_loading import ModelLoader
from .player import PlayerPanel
from .queue_model import IN_FLIGHT
from .queue_panel import QueuePanel
from .tasks import message_box, spawn
from .window_status import WindowStatus

if TYPE_CHECKING:  # these load in attach(), after the first paint, or when first used
    import asyncio

    from .key_dialog import KeyDialog
    from .settings_dialog import SettingsDialog

log = logging.getLogger(__name__)
QUIT_NOTE_MS = 700  # how long the "still rendering at the provider" note shows on quit
# lupdate reads the menu titles here; _build_menus asks self.tr(title) for them
MENU_TITLES = (QT_TRANSLATE_NOOP("MainWindow", "&File"), QT_TRANSLATE_NOOP("MainWindow", "&View"),
               QT_TRANSLATE_NOOP("MainWindow", "&Queue"), QT_TRANSLATE_NOOP("MainWindow", "&Help"))


class MainWindow(QMainWindow):
    def __init__(self, session: Session | LocalProfile, *, demo: bool,
                 key_store: secrets.KeyStore | None = None,
                 check_key: Callable[[str], Awaitable[None]] | None = None,
                 icon: QIcon | None = None) -> None:
        super().__init__()
        self.session = session
        self.engine = None  # attach()
        self.demo = demo
        self.key_store = key_store
        self.check_key = check_key
        self.closed: asyncio.Future[None] | None = None  # attach()
        self._shown_once = False
        self._quitting = False
        self._closed_early = False
        self.setObjectName("mainWindow")
        self.setWindowTitle(self.tr("Airforce Studio — Demo (simulated, nothing is paid)")
                            if demo else "Airforce Studio")
        if icon is not None:
            self.setWindowIcon(icon)

        self.editor = EditorPanel()
        self.model_loader = ModelLoader(self)
        self.player = PlayerPanel(media=False)  # QtMultimedia after the first paint
        self.player.focus_elsewhere = self.editor.prompt.setFocus
        self.queue = QueuePanel()
        self.library_view = LibraryView(session.library)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.addTab(self.queue, self.tr("Queue"))
        self.tabs.addTab(self.library_view, self.tr("Library"))
        # -- polish: the provider's history tab (attach()); selection previews in the player --
        self.history = None
        self.library_view.clipSelected.connect(lambda clip: self.player.preview(
            clip, session.library.absolute(clip.thumbnail) if clip and clip.thumbnail else None))
        # -- end polish --
        editor_scroll = QScrollArea()
        editor_scroll.setWidget(self.editor)
        editor_scroll.setWidgetResizable(True)
        # studio: the editor scrolls its own form and keeps Generate in view
        editor_scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
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
        self.tray = QSystemTrayIcon(icon or QIcon(), self)
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray.show()

        self.status = WindowStatus(self)
        self.clip_actions = self.bridge = None  # attach()
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.status.notices)
        column.addWidget(self.split, 1)
        self.setCentralWidget(central)
        self.menu_actions: dict[str, QAction] = {}
        self._build_menus()
        # -- studio: in the demo the key dialog is not offered (it would check real keys
        # against the simulator); the editor's draft is kept per profile --
        if demo:
            self.menu_actions["apiKey"].setEnabled(False)
            self.menu_actions["apiKey"].setToolTip(self.tr(
                "The demo needs no key. Start Airforce Studio without --demo to use yours."))
        self.editor.extras.attach_draft(DraftStore(session.paths.data_dir / "draft"))
        self.editor.clipDropped.connect(lambda task_id: task_id in session.library and spawn(
            self.clip_actions.chain(session.library.get(task_id)), name="chain"))
        # -- end studio --
        self.editor.submitted.connect(
            lambda req, n: spawn(self.clip_actions.submit(req, n), name="submit"))
        self.editor.loading.linkActivated.connect(lambda _link: self.load_models())
        self.player.errorOccurred.connect(lambda text: self.statusBar().showMessage(
            arg(self.tr("Cannot play this clip: %1"), text), 8000))
        for item in session.journal.items():
            self.queue.on_item(item)
        self.status.update_spend()
        window_layout.restore(self)
        self.editor.prompt.setFocus()
        if isinstance(session, Session):
            self.attach(session)

    def attach(self, session: Session) -> None:
        """The engine, the history tab, the clip actions and the player's media objects:
        what needs asyncio, httpx or QtMultimedia (issue 14: after the first paint)."""
        window_attach.engine_parts(self, session)
        self._hook_queue()
        self._hook_library_view()
        # -- films (issue 12): the Storyboard tab, and the film entries of the File menu --
        from .film_menu import install_films

        self.storyboard = install_films(self, session)
        # -- end films --
        window_attach.engine_events(self)

    # -- wiring -----------------------------------------------------------------------

    def _hook_queue(self) -> None:
        queue, actions = self.queue, self.clip_actions
        queue.removeRequested.connect(self.engine.cancel)
        queue.moveRequested.connect(self.move)
        queue.retryRequested.connect(lambda item: spawn(actions.retry(item), name="retry"))
        queue.playRequested.connect(lambda item: (clip := actions.clip_of(item))
                                    and actions.play(clip))
        queue.editRequested.connect(lambda item: spawn(actions.rerun(item.request)))
        queue.revealRequested.connect(lambda item: (clip := actions.clip_of(item))
                                      and actions.reveal(clip))
        queue.deleteRemoteRequested.connect(lambda item: spawn(actions.delete_remote(
            item.task_id, item.prompt, running=item.state in IN_FLIGHT), name="delete"))
        queue.pauseRequested.connect(self.set_paused)
        queue.clearFinishedRequested.connect(self.clear_finished)

    def _hook_library_view(self) -> None:
        """The library view (owned by another panel) meets the clip actions here only."""
        view, actions = self.library_view, self.clip_actions
        view.playRequested.connect(actions.play)
        view.rerunRequested.connect(lambda clip: spawn(actions.rerun(clip.request)))
        view.chainRequested.connect(lambda clip: spawn(actions.chain(clip), name="chain"))
        view.deleteRemoteRequested.connect(lambda clip: spawn(
            actions.delete_remote(clip.task_id, clip.prompt), name="delete"))

    def _build_menus(self) -> None:
        bar = self.menuBar()
        menus = {
            "&File": (("apiKey", self.tr("API key…"), self.open_key_dialog),
                      ("settings", self.tr("Settings…"), self.open_settings),
                      ("reloadModels", self.tr("Reload models"), self.load_models),
                      None, ("quit", self.tr("Quit"), self.request_quit)),
            "&View": (("focusPrompt", self.tr("Focus prompt"), self.editor.prompt.setFocus),
                      ("showQueue", self.tr("Queue"),
                       lambda: window_attach.show_tab(self, self.queue)),
                      ("showLibrary", self.tr("Library"),
                       lambda: window_attach.show_tab(self, self.library_view)),
                      ("search", self.tr("Search library"), self._focus_search),
                      ("pasteImage", self.tr("Paste image"), self._paste_image),
                      ("notices", self.tr("Notices"), self.status.notices.toggle_list)),
            "&Queue": (("pauseQueue", self.tr("Pause / resume sending"),
                        lambda: self.set_paused("user" not in self.engine.pause_reasons)),
                       ("clearFinished", self.tr("Clear finished"), self.clear_finished)),
            "&Help": (("shortcuts", self.tr("Keyboard shortcuts"), self.show_shortcuts),
                      (None, self.tr("About Airforce Studio"), self._about)),
        }
        for title, entries in menus.items():
            menu = bar.addMenu(self.tr(title))
            for entry in entries:
                if entry is None:
                    menu.addSeparator()
                    continue
                binding, text, slot = entry
                action = QAction(text, self)
                if binding:
                    keymap.bind(action, binding)
                    self.menu_actions[binding] = action
                else:
                    action.setObjectName("action_about")
                action.triggered.connect(lambda _checked=False, s=slot: s())
                menu.addAction(action)

    # -- models -----------------------------------------------------------------------

    def load_models(self) -> asyncio.Task:
        return self.model_loader.load()

    async def _load_models(self) -> None:
        await self.model_loader.run()  # retries by itself after a passing failure

    # -- engine events and queue commands -----------------------------------------------

    def _on_notice(self, notice) -> None:
        if not self.closed.done():  # a queued event may land after the session closed
            self.status.on_notice(notice)

    def _on_item(self, item) -> None:
        if self.closed.done():
            return
        self.queue.on_item(item)
        self.status.on_item(item)
        if item.state == ItemState.ARCHIVED:
            self.library_view.clip_added(item.task_id)

    def move(self, item_id: int, index: int) -> None:
        try:
            self.engine.move(item_id, index)
        except ValueError:
            return  # it left the waiting list meanwhile (it was just sent)
        QTimer.singleShot(0, lambda: self.queue.select_item(item_id))

    def set_paused(self, paused: bool) -> None:
        if paused:
            self.engine.pause("user", self.tr("paused by you"))
        else:
            self.engine.resume_queue("user")
        self.queue.set_paused(self.engine.pause_reasons)

    def clear_finished(self) -> None:
        self.queue.model.remove(self.engine.clear_finished())

    def notify_error(self, key: str, text: str) -> None:
        self.status.post(key, text, "error")

    # -- dialogs (all opened with open(), never exec()) ---------------------------------

    def open_key_dialog(self) -> KeyDialog:
        from .key_dialog import KeyDialog  # dialogs load when first opened (issue 14)

        dialog = KeyDialog(self.key_store, self.check_key, self)
        dialog.finished.connect(lambda _result: self._key_dialog_closed(dialog))
        dialog.open()
        return dialog

    def _key_dialog_closed(self, dialog: KeyDialog) -> None:
        if dialog.saved_key and not self.demo:
            self.engine.use_key(dialog.saved_key)
            self.load_models()

    def open_settings(self) -> SettingsDialog:
        from .settings_dialog import SettingsDialog

        dialog = SettingsDialog(Settings.load(), self)
        dialog.accepted.connect(lambda: self.apply_settings(dialog.result_settings()))
        dialog.open()
        return dialog

    def apply_settings(self, settings: Settings) -> None:
        """Saved for next time and applied to the running queue at once."""
        try:
            settings.save()
        except OSError as error:
            self.notify_error("settings", arg(self.tr("Could not save settings: %1"), str(error)))
            return
        self.engine.apply_settings(settings)
        self.statusBar().showMessage(self.tr("Settings saved."), 4000)

    def show_shortcuts(self) -> QMessageBox:
        return keymap.show_help(self)

    def _about(self) -> QMessageBox:
        from .. import __version__

        box = message_box(self, QMessageBox.Icon.Information, self.tr("About Airforce Studio"),
                          arg(self.tr("Airforce Studio %1<br>Video clips from the Airforce API, "
                                  "archived locally before they expire."), __version__),
                          name="aboutDialog")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def _focus_search(self) -> None:
        self.tabs.setCurrentWidget(self.library_view)
        self.library_view.search.setFocus()

    def _paste_image(self) -> None:
        zone = {"image": self.editor.first_frame,
                "reference": self.editor.references}.get(self.editor.state.mode)
        if zone is None or not zone.paste():
            self.statusBar().showMessage(
                self.tr("Switch to an image mode and copy an image first."), 5000)

    def activate(self) -> None:
        """Another start asked for this window (single instance): bring it forward."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # -- layout memory (ui/window_layout.py) ------------------------------------------

    def save_layout(self) -> None:
        window_layout.save(self)

    # -- quitting ---------------------------------------------------------------------

    def in_flight(self) -> int:
        return sum(1 for i in self.queue.model.items() if i.state in IN_FLIGHT)

    def request_quit(self) -> None:
        """Ctrl+Q and the close button: say once that the provider keeps rendering, close."""
        if self._quitting:
            return
        self._quitting = True
        count = self.in_flight()
        if not count:
            self.close()
            return
        text = self.tr("%n clip(s) keep rendering at the provider; the next start downloads "
                       "them. Closing…", None, count)
        log.info("quitting with %d clips in flight", count)
        self.status.post("quit", text, "info")
        self.tray.showMessage("Airforce Studio", text,
                              QSystemTrayIcon.MessageIcon.Information, 5000)
        QTimer.singleShot(QUIT_NOTE_MS, self.close)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._shown_once:
            self._shown_once = True
            self.editor.prompt.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def closeEvent(self, event: QCloseEvent) -> None:
        if event.spontaneous() and not self._quitting:  # the window manager's close button
            event.ignore()
            self.request_quit()
            return
        self._quitting = True
        self.save_layout()
        self.editor.extras.save_draft()  # studio: the last keystrokes are kept too
        self.library_view.shutdown()
        if self.history is not None:
            self.history.shutdown()
        self.queue.shutdown()
        self.player.stop()
        if self.bridge is not None:
            self.bridge.detach()
        self.tray.hide()
        if self.closed is None:
            self._closed_early = True  # closed before attach(): it resolves `closed` at once
        elif not self.closed.done():
            self.closed.set_result(None)
        super().closeEvent(event)
