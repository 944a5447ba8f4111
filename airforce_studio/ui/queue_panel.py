"""The live queue: in flight, then waiting in dispatch order, then finished (QueueModel).

Progress is painted by a delegate (no widget per row); elapsed time and time left before
expiry tick once a second. The actions follow what an item allows: remove or reorder
(buttons, Ctrl+Up/Down, drag and drop) while it waits locally, retry once it failed,
play once archived, delete at the provider once it exists there. Pause holds dispatch.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QSizePolicy,
    QStyledItemDelegate,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..core.journal import Item, ItemState
from ..lazy import asyncio  # loads on first use: the window paints first (issue 14)
from . import i18n, keymap
from .i18n import arg
from .queue_model import COLUMN_IDS, IN_FLIGHT, PROGRESS_COLUMN, QueueModel
from .queue_progress import BusyPulse, ProgressDelegate
from .tasks import spawn
from .thumbnails import make_thumb, to_qimage

RETRYABLE = (ItemState.FAILED, ItemState.EXPIRED, ItemState.LOST, ItemState.CANCELLED,
             ItemState.NEEDS_ATTENTION)
# The editor's settings: the row's tooltip says them, the header's menu shows the columns.
HIDDEN_AT_FIRST = ("duration", "aspect", "quality")


class MiddleElideDelegate(QStyledItemDelegate):
    """Prompts elide in the middle (start and end both say something); the rest elide
    at the end."""

    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


class QueuePanel(QWidget):
    removeRequested = Signal(int)
    moveRequested = Signal(int, int)  # item id, new index among the waiting items
    retryRequested = Signal(object)  # Item
    playRequested = Signal(object)  # Item
    editRequested = Signal(object)  # Item: put its settings back into the editor
    revealRequested = Signal(object)  # Item
    deleteRemoteRequested = Signal(object)  # Item
    pauseRequested = Signal(bool)  # True: pause; False: resume
    clearFinishedRequested = Signal()

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        # Blocking reader of a request's image entry (stored or inline), set by the window;
        # called from a worker thread only.
        self.read_image: Callable[[dict], bytes | None] = lambda image: None
        self.model = QueueModel(self)
        self.model.moveRequested.connect(self.moveRequested)
        self.view = QTableView()
        self.view.setObjectName("queueTable")
        self.view.setAccessibleName(self.tr("Queue of clips"))
        self.view.setModel(self.model)
        self.view.setItemDelegateForColumn(PROGRESS_COLUMN, ProgressDelegate(self.view))
        self.view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.view.setItemDelegateForColumn(0, MiddleElideDelegate(self.view))
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDragEnabled(True)
        self.view.setDropIndicatorShown(True)
        self.view.verticalHeader().hide()
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self._size_columns(self.view.horizontalHeader())
        self.view.doubleClicked.connect(lambda index: self._play(self.model.item_at(index.row())))
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)

        self.actions_: dict[str, QAction] = {}
        for name, label, handler in (
            ("play", self.tr("Play"), lambda: self._play(self.selected())),
            ("remove", self.tr("Remove"), self._remove_selected),
            ("up", self.tr("Move up"), lambda: self._move_selected(-1)),
            ("down", self.tr("Move down"), lambda: self._move_selected(1)),
            ("retry", self.tr("Retry…"), self._retry_selected),
            ("copy", self.tr("Copy prompt"), self._copy_prompt),
            ("edit", self.tr("Send to editor"), lambda: self._emit(self.editRequested)),
            ("reveal", self.tr("Reveal file"), lambda: self._emit(self.revealRequested)),
            ("deleteRemote", self.tr("Delete at provider…"), self._delete_remote),
        ):
            action = QAction(label, self)
            action.setObjectName(f"queue_{name}")
            binding = {"play": "queuePlay", "remove": "queueRemove", "up": "queueUp",
                       "down": "queueDown", "retry": "queueRetry", "copy": "queueCopy"}.get(name)
            if binding:
                keymap.bind(action, binding)
                self.addAction(action)
            action.triggered.connect(handler)
            self.actions_[name] = action
        self.pause_action = QAction(self.tr("Pause queue"), self)
        self.pause_action.setObjectName("queue_pause")
        self.pause_action.setCheckable(True)
        self.pause_action.setToolTip(self.tr("Stop sending new clips; clips already sent keep "
                                             "rendering (Ctrl+P)"))
        self.pause_action.triggered.connect(lambda checked: self.pauseRequested.emit(checked))
        self.clear_action = QAction(self.tr("Clear finished"), self)
        self.clear_action.setObjectName("queue_clear")
        self.clear_action.setToolTip(self.tr("Hide finished rows; the library and the journal "
                                             "keep them"))
        self.clear_action.triggered.connect(self.clearFinishedRequested)
        self.toolbar = QToolBar(self.tr("Queue actions"))
        self.toolbar.setObjectName("queueToolbar")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        for action in (self.pause_action, *(self.actions_[n] for n in ("play", "remove", "up",
                                                                       "down", "retry")),
                       spacer, self.clear_action):
            if isinstance(action, QWidget):
                self.toolbar.addWidget(action)
                continue
            self.toolbar.addAction(action)
            button = self.toolbar.widgetForAction(action)
            button.setObjectName(action.objectName().replace("queue_", "queueButton_"))
            button.setAccessibleName(action.text().rstrip("…"))
            action.changed.connect(lambda b=button, a=action: b.setAccessibleName(
                a.text().rstrip("…")))
        self.pause_button = self.toolbar.widgetForAction(self.pause_action)
        self.clear_button = self.toolbar.widgetForAction(self.clear_action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.view)
        self.view.selectionModel().selectionChanged.connect(self._update_actions)
        self.model.dataChanged.connect(self._update_actions)
        self.model.layoutChanged.connect(self._update_actions)
        self._timer = QTimer(self, interval=1000, timeout=self.model.tick)
        self._timer.start()
        self.pulse = BusyPulse(self.model, self.view)  # a moving bar while clips download
        self._update_actions()

    def shutdown(self) -> None:
        self._timer.stop()
        self.pulse.timer.stop()

    # -- feeding ----------------------------------------------------------------------

    def on_item(self, item: Item) -> None:
        if item.cleared:
            self.model.remove([item.id])
            self.pulse.check()
            return
        is_new = self.model.row_of(item.id) is None
        self.model.upsert(item)
        self.pulse.check()
        images = item.request.get("input_images") or []
        if is_new and images and ("stored" in images[0] or "b64_json" in images[0]):
            spawn(self._thumbnail(item.id, images[0]), name="queue-thumbnail")

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

    def set_paused(self, reasons: dict[str, str]) -> None:
        """Rows say "Paused" for any reason; the button shows the user's own pause only
        (the account's or the server's clears elsewhere)."""
        self.model.paused = next(iter(reasons.values()), None)
        by_user = "user" in reasons
        self.pause_action.setChecked(by_user)
        self.pause_action.setText(self.tr("Resume queue") if by_user else self.tr("Pause queue"))
        self.model.tick()

    def mark_retried(self, item_id: int, new_id: int) -> None:
        self.model.retried[item_id] = new_id
        self.model.tick()

    # -- actions ----------------------------------------------------------------------

    def selected(self) -> Item | None:
        rows = self.view.selectionModel().selectedRows()
        return self.model.item_at(rows[0].row()) if rows else None

    def select_item(self, item_id: int) -> None:
        row = self.model.row_of(item_id)
        if row is not None:
            self.view.selectRow(row)

    def _update_actions(self, *_args) -> None:
        item = self.selected()
        waiting = item is not None and item.state == ItemState.QUEUED
        ids = self.model.waiting_ids()
        self.actions_["play"].setEnabled(item is not None and item.state == ItemState.ARCHIVED)
        self.actions_["remove"].setEnabled(waiting)
        self.actions_["remove"].setToolTip(
            self.tr("Remove this clip before it is sent (nothing is charged)") if waiting else
            self.tr("Only clips still waiting here can be removed; a sent clip is paid for — "
                    "see Delete at provider in the row's menu"))
        self.actions_["up"].setEnabled(waiting and ids.index(item.id) > 0)
        self.actions_["down"].setEnabled(waiting and ids.index(item.id) < len(ids) - 1)
        retried = item is not None and item.id in self.model.retried
        retry = self.actions_["retry"]
        retry.setEnabled(item is not None and item.state in RETRYABLE and not retried)
        retry.setText(arg(self.tr("Retried as #%1"), str(self.model.retried[item.id]))
                      if retried else self.tr("Retry…"))
        self.actions_["copy"].setEnabled(item is not None)
        self.actions_["edit"].setEnabled(item is not None and item.source == "local")
        self.actions_["reveal"].setEnabled(item is not None and item.state == ItemState.ARCHIVED)
        delete = self.actions_["deleteRemote"]
        delete.setEnabled(item is not None and bool(item.task_id))
        running = item is not None and item.state in IN_FLIGHT
        delete.setText(self.tr("Delete at provider (no refund)…") if running
                       else self.tr("Delete at provider…"))
        delete.setToolTip(self.tr("A task the provider has started cannot be cancelled; "
                                  "deleting it stops it, and the charge stays.") if running
                          else self.tr("Deletes the task and its video at the provider; "
                                       "your local copy stays."))

    def _emit(self, signal) -> None:
        if (item := self.selected()) is not None:
            signal.emit(item)

    def _play(self, item: Item | None) -> None:
        if item is not None and item.state == ItemState.ARCHIVED:
            self.playRequested.emit(item)

    def _remove_selected(self) -> None:
        if (item := self.selected()) and item.state == ItemState.QUEUED:
            self.removeRequested.emit(item.id)

    def _move_selected(self, delta: int) -> None:
        if (item := self.selected()) and item.state == ItemState.QUEUED:
            ids = self.model.waiting_ids()
            self.moveRequested.emit(item.id, max(0, ids.index(item.id) + delta))

    def _retry_selected(self) -> None:
        if (item := self.selected()) is not None and self.actions_["retry"].isEnabled():
            self.retryRequested.emit(item)

    def _delete_remote(self) -> None:
        if (item := self.selected()) is not None and item.task_id:
            self.deleteRemoteRequested.emit(item)

    def _copy_prompt(self) -> None:
        if (item := self.selected()) is not None:
            QGuiApplication.clipboard().setText(item.prompt)

    def _size_columns(self, header: QHeaderView) -> None:
        """Each column wide enough for its title and a long value in the window's language
        (Indonesian '23 jam 59 mnt' is wider than '23 h 59 min'); the prompt takes the rest.
        The editor's settings (length, aspect, quality) start hidden, so the prompt is
        readable; the header's context menu shows or hides any column but the prompt."""
        header.setStretchLastSection(False)
        header.setMinimumSectionSize(36)
        longest = {"duration": [i18n.duration(60)], "expires": [i18n.duration(86340)],
                   "cost": [i18n.money(12345)], "status": self.model.usual_statuses()}
        metrics = header.fontMetrics()
        for column, width in (("model", 80), ("duration", 56), ("aspect", 54), ("quality", 58),
                              ("seed", 96), ("status", 110), ("progress", 80),
                              ("elapsed", 62), ("cost", 76), ("expires", 84)):
            index = COLUMN_IDS.index(column)
            title = str(self.model.headerData(index, Qt.Orientation.Horizontal) or "")
            texts = [title, *longest.get(column, [])]
            needed = max(metrics.horizontalAdvance(text) for text in texts)
            header.resizeSection(index, max(width, needed + 16))
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in HIDDEN_AT_FIRST:
            header.setSectionHidden(COLUMN_IDS.index(column), True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._columns_menu)

    def _columns_menu(self, pos) -> None:
        """Show or hide columns (the prompt always stays); the window remembers them."""
        header = self.view.horizontalHeader()
        menu = QMenu(self)
        for index in range(1, len(COLUMN_IDS)):
            action = menu.addAction(str(self.model.headerData(index, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not header.isSectionHidden(index))
            action.toggled.connect(lambda shown, index=index:
                                   header.setSectionHidden(index, not shown))
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(header.mapToGlobal(pos))

    def _menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        if not index.isValid():
            return
        self.view.selectRow(index.row())
        menu = QMenu(self)
        menu.setToolTipsVisible(True)
        for names in (("play", "copy", "edit", "reveal"), ("remove", "up", "down"),
                      ("retry", "deleteRemote")):
            shown = [self.actions_[n] for n in names if self.actions_[n].isEnabled()
                     or (n in ("retry", "deleteRemote") and self.selected() is not None)]
            if shown and not menu.isEmpty():
                menu.addSeparator()
            for action in shown:
                menu.addAction(action)
        menu.popup(self.view.viewport().mapToGlobal(pos))
