"""The provider's history tab: the key's last 200 tasks with state, cost, time to expiry and
whether each is in the local library; one click takes a completed task into the library.

Every network call goes through core.history in a background task: the tab never blocks,
and says so, keeping the last list, when the server cannot be reached.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ..api.errors import ApiError, ConnectionFailed
from ..api.types import TaskStatus
from ..core.history import History, HistoryEntry
from ..core.journal import Item
from . import i18n
from .tasks import ask, message_box, spawn

COLUMNS = (QT_TRANSLATE_NOOP("HistoryModel", "Created"), QT_TRANSLATE_NOOP("HistoryModel", "Task"),
           QT_TRANSLATE_NOOP("HistoryModel", "Model"), QT_TRANSLATE_NOOP("HistoryModel", "Status"),
           QT_TRANSLATE_NOOP("HistoryModel", "Cost"),
           QT_TRANSLATE_NOOP("HistoryModel", "Expires in"),
           QT_TRANSLATE_NOOP("HistoryModel", "On this computer"))
# lupdate reads the status names here; the window asks for str(status).capitalize()
STATUS_NAMES = (QT_TRANSLATE_NOOP("HistoryView", "Queued"),
                QT_TRANSLATE_NOOP("HistoryView", "Running"),
                QT_TRANSLATE_NOOP("HistoryView", "Completed"),
                QT_TRANSLATE_NOOP("HistoryView", "Failed"),
                QT_TRANSLATE_NOOP("HistoryView", "Expired"))


def duration_text(seconds: float) -> str:
    if seconds <= 0:
        return QCoreApplication.translate("HistoryModel", "expired")
    return i18n.duration(max(60, seconds // 60 * 60))  # whole minutes: '2 h 05 min', '45 min'


class HistoryModel(QAbstractTableModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.entries: list[HistoryEntry] = []

    def set_entries(self, entries: list[HistoryEntry]) -> None:
        self.beginResetModel()
        self.entries = entries
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section])
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        entry = self.entries[index.row()]
        task = entry.task
        column = index.column()
        if column == 0:
            return i18n.date_time(entry.made_at) if entry.made_at else "—"  # our clock
        if column == 1:
            return task.task_id
        if column == 2:
            return task.model or "—"
        if column == 3:
            status = QCoreApplication.translate("HistoryView", str(task.status).capitalize())
            if task.progress is not None and task.status == TaskStatus.RUNNING:
                status += f" {task.progress}%"
            return status
        if column == 4:
            return "—" if task.cost_cents is None else i18n.money(task.cost_cents)
        if column == 5:
            return "—" if entry.expires_in is None else duration_text(entry.expires_in)
        return self._local(entry)

    def _local(self, entry: HistoryEntry) -> str:
        if entry.in_library:
            return self.tr("In the library")
        if entry.local_state is not None and not entry.local_state.is_final:
            return self.tr("In the queue")
        if entry.can_download:
            return self.tr("Not downloaded")
        return "—"


class HistoryView(QWidget):
    downloadStarted = Signal(object)  # journal Item

    def __init__(self, history: History, parent=None) -> None:
        super().__init__(parent)
        self.history = history
        self.jobs: set[asyncio.Task] = set()
        self.model = HistoryModel(self)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("historyStatus")
        self.status_filter.setAccessibleName(self.tr("Filter by status"))
        self.status_filter.addItem(self.tr("All statuses"), None)
        for status in TaskStatus:
            self.status_filter.addItem(self.tr(str(status).capitalize()), status)
        self.status_filter.setSizeAdjustPolicy(  # "Semua status" whole, in either language
            QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.status_filter.setMinimumWidth(64)  # … yet a narrow window can still shrink it
        self.status_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("historyRefresh")
        self.refresh_button.setAccessibleName(self.tr("Refresh the provider's history"))
        self.refresh_button.clicked.connect(self.refresh)
        self.download_button = QPushButton(self.tr("Download"))
        self.download_button.setObjectName("historyDownload")
        self.download_button.setAccessibleName(self.tr("Download into the library"))
        self.download_button.setToolTip(self.tr("Download the selected clip into the library "
                                                "(double-click a row does the same)"))
        self.download_button.clicked.connect(self.download_selected)
        self.delete_button = QPushButton(self.tr("Delete at provider…"))
        self.delete_button.setObjectName("historyDelete")
        self.delete_button.setAccessibleName(self.tr("Delete at the provider, no refund"))
        self.delete_button.clicked.connect(self.confirm_delete)
        self.state = QLabel()
        self.state.setObjectName("historyState")
        self.state.setWordWrap(True)
        self.table = QTableView()
        self.table.setObjectName("historyTable")
        self.table.setAccessibleName(self.tr("Tasks at the provider"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.table.doubleClicked.connect(lambda _i: self.download_selected())
        bar = QHBoxLayout()
        for widget in (self.status_filter, self.refresh_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        for widget in (self.download_button, self.delete_button):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.state)
        layout.addWidget(self.table, 1)
        self._loaded_once = False
        self._refreshing: asyncio.Task | None = None
        self._update_buttons()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._loaded_once:
            self.refresh()

    # -- background work ------------------------------------------------------------------

    def _spawn(self, coro) -> asyncio.Task:
        """Through the window's one `spawn()` (errors reach the crash path); kept here too,
        so `shutdown()` can cancel this tab's work."""
        job = spawn(coro, name="history")
        self.jobs.add(job)
        job.add_done_callback(self.jobs.discard)
        return job

    def refresh(self) -> asyncio.Task:
        """Re-read the list in the background; a refresh already running is replaced."""
        if self._refreshing is not None and not self._refreshing.done():
            self._refreshing.cancel()
        self._refreshing = self._spawn(self.load())
        return self._refreshing

    async def load(self) -> None:
        self._loaded_once = True
        self.state.setText(self.tr("Loading the provider's history…"))
        self.refresh_button.setEnabled(False)
        try:
            page = await self.history.fetch(self.status_filter.currentData())
        except ConnectionFailed as error:
            self.state.setText(self.tr("Cannot reach the server ({0}). The list below may be "
                                       "out of date; press Refresh to try again.")
                               .format(error.message))
            return
        except ApiError as error:
            self.state.setText(self.tr("The provider did not give its history: {0}")
                               .format(error))
            return
        finally:
            self.refresh_button.setEnabled(True)
        selected = self.selected()
        self.model.set_entries(page.entries)
        if selected is not None:
            self._select(selected.task.task_id)
        when = i18n.time_of_day(page.fetched_at)
        self.state.setText(self.tr("%n task(s) at the provider, as of {0}.", "",
                                   len(page.entries)).format(when))
        self._update_buttons()

    # -- actions --------------------------------------------------------------------------

    def selected(self) -> HistoryEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.entries[rows[0].row()] if rows else None

    def _select(self, task_id: str) -> None:
        for row, entry in enumerate(self.model.entries):
            if entry.task.task_id == task_id:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        entry = self.selected()
        self.download_button.setEnabled(entry is not None and entry.can_download)
        self.delete_button.setEnabled(entry is not None)

    def download_selected(self) -> Item | None:
        entry = self.selected()
        if entry is None or not entry.can_download:
            return None
        item = self.history.download(entry.task)
        self.state.setText(self.tr("Downloading {0} into the library…")
                           .format(entry.task.task_id))
        self.downloadStarted.emit(item)
        self.refresh()
        return item

    def confirm_delete(self) -> QMessageBox | None:
        """Ask first (no refund) with `ask()`: no nested event loop, the answer comes later."""
        entry = self.selected()
        if entry is None:
            return None
        task_id = entry.task.task_id
        box = message_box(
            self, QMessageBox.Icon.Warning, self.tr("Delete at the provider"),
            self.tr("Delete task {0} and its video at the provider? There is "
                    "NO refund, and its link stops working. A copy in your "
                    "library stays.").format(task_id),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel, name="historyDeleteConfirm")
        self._spawn(self._confirm_delete(box, task_id))
        return box

    async def _confirm_delete(self, box: QMessageBox, task_id: str) -> None:
        if await ask(box) == QMessageBox.StandardButton.Yes:
            await self.delete(task_id)

    async def delete(self, task_id: str) -> None:
        try:
            await self.history.delete(task_id)
        except ApiError as error:
            self.state.setText(self.tr("Could not delete {0}: {1}").format(task_id, error))
            return
        self.state.setText(self.tr("Deleted {0} at the provider (no refund).").format(task_id))
        await self.load()

    def shutdown(self) -> None:
        for job in list(self.jobs):
            job.cancel()
