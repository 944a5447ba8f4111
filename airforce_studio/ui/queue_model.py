"""The queue as a table model, in real order: in flight first, then the waiting clips in
dispatch order (the next to be sent first), then finished ones, newest first.

Waiting rows can be dragged; a drop becomes a `moveRequested(item_id, index)` and the
rows move when the engine publishes the new positions, so the view never shows an
order the engine does not have.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QByteArray, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QPixmap

from ..core.journal import Item, ItemState
from . import i18n
from .formatting import duration, money
from .i18n import arg

ROLE_ITEM = Qt.ItemDataRole.UserRole + 1
MIME = "application/x-airforce-queue-item"
IN_FLIGHT = (ItemState.SUBMITTING, ItemState.CREATED, ItemState.FOLLOWING,
             ItemState.DOWNLOADING)
COLUMN_IDS = ("prompt", "model", "duration", "aspect", "quality", "seed", "status",
              "progress", "elapsed", "cost", "expires")
PROGRESS_COLUMN = COLUMN_IDS.index("progress")
STATUS_COLUMN = COLUMN_IDS.index("status")


def _group(item: Item) -> int:
    if item.state in IN_FLIGHT:
        return 0
    return 1 if item.state == ItemState.QUEUED else 2


def sort_key(item: Item) -> tuple:
    if item.state == ItemState.QUEUED:
        return (1, item.position, item.id)
    return (_group(item), -item.id, 0)


class QueueModel(QAbstractTableModel):
    moveRequested = Signal(int, int)  # item id, index among the waiting items

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._items: list[Item] = []
        self._rows: dict[int, int] = {}
        self.paused: str | None = None
        self.retried: dict[int, int] = {}  # item id → the id of the item that retried it
        self._money: dict[int, set[str]] = {}  # item id → ledger kinds (debit, refund, …)
        self._thumbs: dict[int, QPixmap] = {}
        # Now on the server's clock (the window sets the engine's client's once it is
        # there): expiry times are the server's.
        self.server_now: Callable[[], float] = time.time
        self.headers = [self.tr("Prompt"), self.tr("Model"), self.tr("Length"),
                        self.tr("Aspect"), self.tr("Quality"), self.tr("Seed"),
                        self.tr("Status"), self.tr("Progress"), self.tr("Elapsed"),
                        self.tr("Cost"), self.tr("Expires in")]

    # -- Qt's table interface ---------------------------------------------------------

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMN_IDS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None

    def flags(self, index: QModelIndex):
        flags = super().flags(index) | Qt.ItemFlag.ItemIsDropEnabled
        if index.isValid() and self._items[index.row()].state == ItemState.QUEUED:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        return flags

    def supportedDropActions(self):
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [MIME]

    def mimeData(self, indexes) -> QMimeData:
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        waiting = [self._items[r].id for r in rows if self._items[r].state == ItemState.QUEUED]
        if waiting:
            mime.setData(MIME, QByteArray(str(waiting[0]).encode()))
        return mime

    def dropMimeData(self, data: QMimeData, action, row: int, column: int,
                     parent: QModelIndex) -> bool:
        """A waiting row dropped before `row`: ask the engine to move it there."""
        if not data.hasFormat(MIME):
            return False
        item_id = int(bytes(data.data(MIME).data()).decode())
        if row < 0:
            row = parent.row() if parent.isValid() else len(self._items)
        before = [i.id for i in self._items[:row] if i.state == ItemState.QUEUED
                  and i.id != item_id]
        self.moveRequested.emit(item_id, len(before))
        return False  # the rows move when the engine publishes the new order

    # -- feeding ----------------------------------------------------------------------

    def item_at(self, row: int) -> Item:
        return self._items[row]

    def row_of(self, item_id: int) -> int | None:
        return self._rows.get(item_id)

    def items(self) -> list[Item]:
        return list(self._items)

    def waiting_ids(self) -> list[int]:
        return [i.id for i in self._items if i.state == ItemState.QUEUED]

    def upsert(self, item: Item) -> None:
        row = self._rows.get(item.id)
        if row is None:
            new_row = self._insert_row(item)
            self.beginInsertRows(QModelIndex(), new_row, new_row)
            self._items.insert(new_row, item)
            self._reindex()
            self.endInsertRows()
            return
        old = self._items[row]
        self._items[row] = item
        if sort_key(old) != sort_key(item):
            self._resort()
        else:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMN_IDS) - 1))
        if old.state == ItemState.QUEUED or item.state == ItemState.QUEUED:
            self.tick()  # waiting positions may have shifted

    def remove(self, item_ids) -> None:
        for item_id in item_ids:
            row = self._rows.get(item_id)
            if row is None:
                continue
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._items[row]
            self._reindex()
            self.endRemoveRows()

    def set_ledger(self, rows: list[dict]) -> None:
        kinds: dict[int, set[str]] = {}
        for entry in rows:
            kinds.setdefault(entry["item_id"], set()).add(entry["kind"])
        self._money = kinds
        self.tick()

    def set_thumbnail(self, item_id: int, pixmap: QPixmap) -> None:
        self._thumbs[item_id] = pixmap
        row = self._rows.get(item_id)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, 0))

    def _insert_row(self, item: Item) -> int:
        key = sort_key(item)
        return next((r for r, other in enumerate(self._items) if sort_key(other) > key),
                    len(self._items))

    def _resort(self) -> None:
        self.layoutAboutToBeChanged.emit()
        old_rows = dict(self._rows)
        persistent = self.persistentIndexList()
        self._items.sort(key=sort_key)
        self._reindex()
        moved_from = {row: self._rows[item_id] for item_id, row in old_rows.items()}
        for index in persistent:
            new_row = moved_from.get(index.row(), index.row())
            self.changePersistentIndex(index, self.index(new_row, index.column()))
        self.layoutChanged.emit()

    def _reindex(self) -> None:
        self._rows = {item.id: row for row, item in enumerate(self._items)}

    def tick(self) -> None:
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1,
                                                               len(COLUMN_IDS) - 1))

    # -- what a row says --------------------------------------------------------------

    def waiting_position(self, item: Item) -> int:
        ids = self.waiting_ids()
        return ids.index(item.id) + 1 if item.id in ids else 0

    def status_text(self, item: Item) -> str:
        state = item.state
        text = ""
        if state == ItemState.QUEUED:
            text = arg(self.tr("Paused (#%1)") if self.paused else self.tr("Waiting (#%1)"),
                       self.waiting_position(item))
        elif state == ItemState.FOLLOWING:
            text = (arg(self.tr("Rendering %1%"), str(item.progress or 0))
                    if item.status == "running" else self.tr("Queued at provider"))
        elif state in (ItemState.FAILED, ItemState.EXPIRED):
            what = self.tr("Failed") if state == ItemState.FAILED else self.tr("Expired")
            text = f"{what}: {item.error or self.tr('no reason given')}"
        elif state == ItemState.LOST:
            text = arg(self.tr("Lost at the provider: %1"), item.error or "")
        elif state == ItemState.NEEDS_ATTENTION:
            text = arg(self.tr("Needs attention: %1"), item.error or "")
        elif state == ItemState.DOWNLOADING and item.error:
            text = arg(self.tr("Downloading — %1"), item.error)
        else:
            text = {ItemState.SUBMITTING: self.tr("Sending…"), ItemState.CREATED: self.tr("Sent"),
                    ItemState.DOWNLOADING: self.tr("Downloading…"),
                    ItemState.ARCHIVED: self.tr("In library"),
                    ItemState.CANCELLED: self.tr("Removed")}.get(state, str(state))
        if item.id in self.retried:
            text += " — " + arg(self.tr("retried as #%1"), str(self.retried[item.id]))
        return text

    def usual_statuses(self) -> list[str]:
        """The statuses most rows show, in the window's language: the Status column is
        made as wide as the widest of them (longer ones, with a reason, are elided)."""
        return [arg(self.tr("Waiting (#%1)"), 99), arg(self.tr("Rendering %1%"), "100"),
                self.tr("Queued at provider"), self.tr("Downloading…"), self.tr("In library")]

    def settings_text(self, item: Item) -> str:
        """Length · aspect · quality: what the columns hidden by default say."""
        return " · ".join(text for text in (self._display(item, column) for column in
                                            ("duration", "aspect", "quality")) if text)

    def cost_text(self, item: Item) -> str:
        kinds = self._money.get(item.id, set())
        price = money(item.cost_cents or 0)
        if "refund" in kinds or item.refunded:
            return self.tr("refunded")
        if item.state == ItemState.CANCELLED or (
                item.state in (ItemState.FAILED, ItemState.EXPIRED) and "debit" not in kinds):
            return self.tr("not charged")
        if item.state in (ItemState.LOST, ItemState.FAILED, ItemState.EXPIRED):
            return arg(self.tr("charged %1"), price)
        return price

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        item = self._items[index.row()]
        column = COLUMN_IDS[index.column()]
        if role == ROLE_ITEM:
            return item
        if role == Qt.ItemDataRole.DecorationRole and column == "prompt":
            return self._thumbs.get(item.id)
        if role == Qt.ItemDataRole.ToolTipRole:
            why = (f" — {self.tr('sending is paused')}: {self.paused}"
                   if self.paused and item.state == ItemState.QUEUED else "")
            return (f"{item.prompt}\n{item.model} · {self.settings_text(item)}\n"
                    f"{self.status_text(item)}{why}")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in ("duration", "seed",
                                                                    "elapsed", "cost"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._display(item, column)

    def _display(self, item: Item, column: str):
        request = item.request
        if column == "prompt":
            return item.prompt.replace("\n", " ")
        if column == "model":
            return item.model
        if column == "duration":
            return i18n.duration(item.duration_seconds) if item.duration_seconds else ""
        if column == "aspect":
            return request.get("aspect_ratio") or ""
        if column == "quality":
            return request.get("quality") or ""
        if column == "seed":
            return "" if item.seed is None else str(item.seed)
        if column == "status":
            return self.status_text(item)
        if column == "progress":
            if item.state == ItemState.ARCHIVED:
                return 100
            if item.state == ItemState.DOWNLOADING:
                return -1  # queue_progress.BUSY: a moving "Downloading…" bar
            return item.progress if item.state == ItemState.FOLLOWING else None
        if column == "elapsed":
            end = time.time() if not item.state.is_final else item.updated_at
            return duration(end - (item.submit_started or item.added_at))
        if column == "cost":
            return self.cost_text(item)
        if column == "expires":
            if item.expires_at and item.state in IN_FLIGHT:
                return duration(item.expires_at - self.server_now())
            return ""
        return None
