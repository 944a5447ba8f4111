"""Engine events as Qt signals: the one place where core's callbacks meet the widgets.

Connect to these signals with `Qt.QueuedConnection` (the window does): the engine's
callback then only posts an event, and widgets update after the engine's call returned
(the loop rule in `ui/tasks.py`).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..core.events import EngineEvent, EngineNotice
from ..core.journal import Item


class EngineBridge(QObject):
    """Re-emits engine events on the GUI thread (the engine runs on the qasync loop)."""

    itemChanged = Signal(object)  # Item
    notice = Signal(object)  # EngineNotice

    def __init__(self, engine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.engine = engine
        self._unsubscribe = engine.subscribe(self._on_event)

    def _on_event(self, event: EngineEvent) -> None:
        if isinstance(event, Item):
            self.itemChanged.emit(event)
        elif isinstance(event, EngineNotice):
            self.notice.emit(event)

    def detach(self) -> None:
        self._unsubscribe()
