"""The main window's second stage (issue 14, start-up): what needs asyncio, httpx or
QtMultimedia joins the painted window. Called by `MainWindow.attach` (kept here so the
window's module stays small)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QWidget

from . import keymap
from .i18n import translate  # lupdate reads translate("Context", "…")

if TYPE_CHECKING:
    from ..core.session import Session
    from .main_window import MainWindow


def engine_parts(window: MainWindow, session: Session) -> None:
    """The engine, the `closed` future, the player's media, the history tab, clip actions."""
    import asyncio

    from ..core.history import History
    from .clip_actions import ClipActions
    from .history_view import HistoryView

    window.session = session
    window.engine = window.status.engine = session.engine
    window.closed = asyncio.get_event_loop().create_future()
    if window._closed_early:
        window.closed.set_result(None)
    window.player.attach_media()
    window.queue.read_image = window.engine.read_input_image
    window.queue.model.server_now = window.engine.client.server_now
    window.history = HistoryView(History(session.engine))
    add_tab(window, window.history, translate("MainWindow", "History"), "showHistory")
    window.clip_actions = ClipActions(window)


def show_tab(window: MainWindow, page: QWidget) -> None:
    """Ctrl+1…4: the tab, and the keyboard in its list, so arrows and Enter work at once
    (the prompt keeps its text; Ctrl+L goes back to it)."""
    window.tabs.setCurrentWidget(page)
    views = [v for v in page.findChildren(QAbstractItemView)
             if v.isVisibleTo(page) and v.focusPolicy() & Qt.FocusPolicy.TabFocus]
    if views:
        views[0].setFocus(Qt.FocusReason.ShortcutFocusReason)


def add_tab(window: MainWindow, page: QWidget, title: str, binding: str) -> QAction:
    """A tab, and its key in the View menu (beside Queue and Library), so every tab can be
    reached from the keyboard and the key shows under F1."""
    window.tabs.addTab(page, title)
    action = keymap.bind(QAction(title, window), binding)
    action.triggered.connect(lambda: show_tab(window, page))
    view_menu = window.menuBar().actions()[1].menu()
    after = [a for a in view_menu.actions() if a.objectName().startswith("action_show")]
    position = view_menu.actions().index(after[-1]) + 1 if after else 0
    following = view_menu.actions()[position:]
    view_menu.insertAction(following[0] if following else None, action)
    window.menu_actions[binding] = action
    return action


def engine_events(window: MainWindow) -> None:
    """Engine events to the widgets, through the bridge's queued connections."""
    from .bridge import EngineBridge

    window.bridge = EngineBridge(window.engine, window)
    queued = Qt.ConnectionType.QueuedConnection  # never inside the engine's own call
    window.bridge.itemChanged.connect(window._on_item, queued)
    window.bridge.notice.connect(window._on_notice, queued)
    window.queue.set_paused(window.engine.pause_reasons)
    window.library_view.grid.viewport().update()  # posters asked for before the loop ran
