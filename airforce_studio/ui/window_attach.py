"""The main window's second stage (issue 14, start-up): what needs asyncio, httpx or
QtMultimedia joins the painted window. Called by `MainWindow.attach` (kept here so the
window's module stays small)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

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
    window.history = HistoryView(History(session.engine))
    window.tabs.addTab(window.history, translate("MainWindow", "History"))
    window.clip_actions = ClipActions(window)


def engine_events(window: MainWindow) -> None:
    """Engine events to the widgets, through the bridge's queued connections."""
    from .bridge import EngineBridge

    window.bridge = EngineBridge(window.engine, window)
    queued = Qt.ConnectionType.QueuedConnection  # never inside the engine's own call
    window.bridge.itemChanged.connect(window._on_item, queued)
    window.bridge.notice.connect(window._on_notice, queued)
    window.queue.set_paused(window.engine.pause_reasons)
    window.library_view.grid.viewport().update()  # posters asked for before the loop ran
