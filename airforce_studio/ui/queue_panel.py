"""The live queue: every item newest first, fed by the engine's events.

Progress is painted by a delegate (no widget per row), elapsed time and time left
before expiry tick once a second, and the actions follow what an item allows:
cancel or reorder while it waits locally, retry (a new paid task) once it failed,
play once it is archived.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence, QPixmap
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..core.journal import Item, ItemState
from .editor import money
from .thumbnails import make_thumb, to_qimage

COLUMNS = ["Prompt", "Model", "Status", "Progress", "Elapsed", "Cost", "Expires in"]
PROGRESS_COLUMN = 3
ROLE_ITEM = Qt.ItemDataRole.UserRole + 1


def _duration(seconds: float) -> str:
    seconds = max(0, int(seconds))
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
    return f"{seconds // 60}:{seconds % 60:02d}"


class QueueModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[Item] = []  # newest first
        self._rows: dict[int, int] = {}
        self.paused: str | None = None
        self._thumbs: dict[int, QPixmap] = {}

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def item_at(self, row: int) -> Item:
        return self._items[row]

    def upsert(self, item: Item) -> None:
        row = self._rows.get(item.id)
        if row is None:
            self.beginInsertRows(QModelIndex(), 0, 0)
            self._items.insert(0, item)
            self._reindex()
            self.endInsertRows()
            return
        was_waiting = self._items[row].state == ItemState.QUEUED
        self._items[row] = item
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
        if was_waiting or item.state == ItemState.QUEUED:
            self.tick()  # waiting positions may have shifted

    def set_thumbnail(self, item_id: int, pixmap: QPixmap) -> None:
        self._thumbs[item_id] = pixmap
        row = self._rows.get(item_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, 0))

    def _reindex(self) -> None:
        self._rows = {item.id: row for row, item in enumerate(self._items)}

    def tick(self) -> None:
        if self._items:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self._items) - 1,
                                                                len(COLUMNS) - 1))

    def waiting_position(self, item: Item) -> int:
        waiting = sorted((i for i in self._items if i.state == ItemState.QUEUED),
                         key=lambda i: i.position)
        return next(n for n, i in enumerate(waiting, 1) if i.id == item.id)

    def status_text(self, item: Item) -> str:
        state = item.state
        if state == ItemState.QUEUED:
            where = f"Waiting (#{self.waiting_position(item)})"
            return f"{where} — paused: {self.paused}" if self.paused else where
        if state == ItemState.FOLLOWING:
            if item.status == "running":
                return f"Rendering {item.progress or 0}%"
            return "Queued at provider"
        if state in (ItemState.FAILED, ItemState.EXPIRED):
            refund = f" — refunded {money(item.cost_cents or 0)}" if item.refunded else ""
            return f"{state.value.capitalize()}: {item.error or 'no reason given'}{refund}"
        if state == ItemState.LOST:
            return f"LOST (not refunded): {item.error}"
        if state == ItemState.DOWNLOADING and item.error:
            return f"Downloading — {item.error}"
        return {ItemState.SUBMITTING: "Sending…", ItemState.CREATED: "Sent",
                ItemState.DOWNLOADING: "Downloading…", ItemState.ARCHIVED: "In library",
                ItemState.CANCELLED: "Cancelled"}.get(state, str(state))

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == ROLE_ITEM:
            return item
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            return self._thumbs.get(item.id)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{item.prompt}\n{self.status_text(item)}"
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        now = time.time()
        if column == 0:
            return item.prompt.replace("\n", " ")
        if column == 1:
            return item.model
        if column == 2:
            return self.status_text(item)
        if column == PROGRESS_COLUMN:
            if item.state == ItemState.ARCHIVED:
                return 100
            return item.progress if item.state == ItemState.FOLLOWING else None
        if column == 4:
            end = now if not item.state.is_final else item.updated_at
            return _duration(end - (item.submit_started or item.added_at))
        if column == 5:
            return money(item.cost_cents or 0)
        if column == 6:
            if item.expires_at and item.state in (ItemState.CREATED, ItemState.FOLLOWING,
                                                  ItemState.DOWNLOADING):
                return _duration(item.expires_at - now)
            return ""
        return None


class ProgressDelegate(QStyledItemDelegate):
    """Paints a progress bar in the cell; nothing when there is no progress to show."""

    def paint(self, painter, option, index) -> None:
        value = index.data()
        if value is None:
            super().paint(painter, option, index)
            return
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(4, 6, -4, -6)
        bar.minimum, bar.maximum, bar.progress = 0, 100, int(value)
        bar.text, bar.textVisible = f"{int(value)}%", True
        bar.state = option.state
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)


class QueuePanel(QWidget):
    cancelRequested = Signal(int)
    moveRequested = Signal(int, int)  # item id, +1 down / -1 up
    retryRequested = Signal(object)  # Item
    playRequested = Signal(object)  # Item

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # Blocking reader of a request's image entry (stored or inline), set by the window;
        # called from a worker thread only.
        self.read_image: Callable[[dict], bytes | None] = lambda image: None
        self.model = QueueModel(self)
        self.view = QTableView()
        self.view.setObjectName("queueTable")
        self.view.setAccessibleName("Queue of clips")
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(PROGRESS_COLUMN, ProgressDelegate(self.view))
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(2, 220)
        header.resizeSection(PROGRESS_COLUMN, 110)
        self.view.doubleClicked.connect(lambda index: self._play(index.row()))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)

        self.actions_: dict[str, QAction] = {}
        buttons = QHBoxLayout()
        for name, label, keys, handler in (
            ("play", "Play", "Return", self._play_selected),
            ("cancel", "Cancel", "Delete", self._cancel_selected),
            ("up", "Move up", "Ctrl+Up", lambda: self._move_selected(-1)),
            ("down", "Move down", "Ctrl+Down", lambda: self._move_selected(1)),
            ("retry", "Retry…", "Ctrl+R", self._retry_selected),
        ):
            action = QAction(label, self)
            action.setObjectName(f"queue_{name}")
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(handler)
            self.addAction(action)
            self.actions_[name] = action
            button = QPushButton(label)
            button.setObjectName(f"queue{name.capitalize()}Button")
            button.setAccessibleName(f"{label.rstrip('…')} the selected clip")
            button.clicked.connect(action.trigger)
            action.changed.connect(lambda b=button, a=action: b.setEnabled(a.isEnabled()))
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.view)
        self.view.selectionModel().selectionChanged.connect(self._update_actions)
        self.model.dataChanged.connect(self._update_actions)
        self._jobs: set[asyncio.Task] = set()
        self._timer = QTimer(self, interval=1000, timeout=self.model.tick)
        self._timer.start()
        self._update_actions()

    def shutdown(self) -> None:
        self._timer.stop()

    # -- feeding --------------------------------------------------------------------------

    def on_item(self, item: Item) -> None:
        is_new = item.id not in self.model._rows
        self.model.upsert(item)
        images = item.request.get("input_images") or []
        if is_new and images and ("stored" in images[0] or "b64_json" in images[0]):
            job = asyncio.ensure_future(self._thumbnail(item.id, images[0]))
            self._jobs.add(job)
            job.add_done_callback(self._jobs.discard)

    async def _thumbnail(self, item_id: int, image: dict) -> None:
        def decode():
            data = self.read_image(image)
            return None if data is None else make_thumb(data, 48, 32)
        try:
            thumb = await asyncio.to_thread(decode)
        except (ValueError, OSError):
            return  # no thumbnail for an image that will not decode; the row still shows
        if thumb is not None:
            self.model.set_thumbnail(item_id, QPixmap.fromImage(to_qimage(thumb)))

    def set_paused(self, reason: str | None) -> None:
        self.model.paused = reason
        self.model.tick()

    # -- actions --------------------------------------------------------------------------

    def selected(self) -> Item | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.item_at(rows[0].row()) if rows else None

    def select_item(self, item_id: int) -> None:
        row = self.model._rows.get(item_id)
        if row is not None:
            self.view.selectRow(row)

    def _update_actions(self, *_args) -> None:
        item = self.selected()
        waiting = item is not None and item.state == ItemState.QUEUED
        self.actions_["play"].setEnabled(item is not None and item.state == ItemState.ARCHIVED)
        self.actions_["cancel"].setEnabled(waiting)
        self.actions_["up"].setEnabled(waiting)
        self.actions_["down"].setEnabled(waiting)
        self.actions_["retry"].setEnabled(item is not None and item.state in (
            ItemState.FAILED, ItemState.EXPIRED, ItemState.LOST, ItemState.CANCELLED)
            and item.source == "local")

    def _play(self, row: int) -> None:
        item = self.model.item_at(row)
        if item.state == ItemState.ARCHIVED:
            self.playRequested.emit(item)

    def _play_selected(self) -> None:
        if (item := self.selected()) and item.state == ItemState.ARCHIVED:
            self.playRequested.emit(item)

    def _cancel_selected(self) -> None:
        if (item := self.selected()) and item.state == ItemState.QUEUED:
            self.cancelRequested.emit(item.id)

    def _move_selected(self, delta: int) -> None:
        if (item := self.selected()) and item.state == ItemState.QUEUED:
            self.moveRequested.emit(item.id, delta)

    def _retry_selected(self) -> None:
        if (item := self.selected()) is not None and self.actions_["retry"].isEnabled():
            self.retryRequested.emit(item)

    def _menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.view.selectRow(index.row())
        menu = QMenu(self)
        for action in self.actions_.values():
            if action.isEnabled():
                menu.addAction(action)
        if not menu.isEmpty():
            menu.popup(self.view.viewport().mapToGlobal(pos))
