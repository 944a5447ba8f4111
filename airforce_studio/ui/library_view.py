"""The clip library as a lazy grid: pages of rows from SQLite, thumbnails decoded in
worker threads, so 10,000 clips open at once and scroll smoothly. Works offline.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from collections import OrderedDict

from PySide6.QtCore import (
    QAbstractListModel,
    QMimeData,
    QModelIndex,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QDesktopServices, QGuiApplication, QPixmap
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from ..core.library import ClipRecord, Library
from .thumbnails import make_thumb_from_file, to_qimage

PAGE = 200
TILE = QSize(192, 108)
ROLE_CLIP = Qt.ItemDataRole.UserRole + 1
THUMB_CACHE = 600  # decoded tiles kept; the rest are re-read from disk when scrolled to
DATE_FILTERS = {"Any time": None, "Today": 1, "Last 7 days": 7, "Last 30 days": 30}


class LibraryModel(QAbstractListModel):
    def __init__(self, library: Library, parent=None) -> None:
        super().__init__(parent)
        self.library = library
        self.query: dict = {}
        self._clips: list[ClipRecord] = []
        self._exhausted = True
        self._tiles: OrderedDict[str, QPixmap] = OrderedDict()
        self._loading: set[str] = set()
        self._jobs: set[asyncio.Task] = set()
        self._placeholder = QPixmap(TILE)
        self._placeholder.fill(QColor("#2a2c31"))

    def cancel_loads(self) -> None:
        """Stop decoding thumbnails (the view is going away)."""
        for job in list(self._jobs):
            job.cancel()
        self._loading.clear()

    def set_query(self, **query) -> None:
        self.beginResetModel()
        self.query = query
        self._clips = self.library.search(limit=PAGE, offset=0, **query)
        self._exhausted = len(self._clips) < PAGE
        self.endResetModel()

    def reload(self) -> None:
        self.set_query(**self.query)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._clips)

    def canFetchMore(self, parent=QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent=QModelIndex()) -> None:  # noqa: B008
        more = self.library.search(limit=PAGE, offset=len(self._clips), **self.query)
        self._exhausted = len(more) < PAGE
        if more:
            start = len(self._clips)
            self.beginInsertRows(QModelIndex(), start, start + len(more) - 1)
            self._clips.extend(more)
            self.endInsertRows()

    def clip(self, row: int) -> ClipRecord:
        return self._clips[row]

    def flags(self, index: QModelIndex):
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return ["text/uri-list"]

    def mimeData(self, indexes) -> QMimeData:
        """Clips dragged out of the window arrive in other applications as files."""
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(self.library.absolute(self._clips[i.row()].file)))
                      for i in indexes])
        return mime

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        clip = self._clips[index.row()]
        if role == ROLE_CLIP:
            return clip
        if role == Qt.ItemDataRole.DisplayRole:
            star = "★ " if clip.favourite else ""
            text = clip.prompt.replace("\n", " ")
            return star + (text[:40] + "…" if len(text) > 40 else text)
        if role == Qt.ItemDataRole.ToolTipRole:
            when = dt.datetime.fromtimestamp(clip.created).strftime("%Y-%m-%d %H:%M")
            return f"{clip.prompt}\n{clip.model} · seed {clip.seed} · {when}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._tile(clip)
        return None

    def _tile(self, clip: ClipRecord) -> QPixmap:
        if clip.task_id in self._tiles:
            self._tiles.move_to_end(clip.task_id)
            return self._tiles[clip.task_id]
        if clip.thumbnail and clip.task_id not in self._loading:
            self._loading.add(clip.task_id)
            job = asyncio.ensure_future(self._load(clip))
            self._jobs.add(job)
            job.add_done_callback(self._jobs.discard)
        return self._placeholder

    async def _load(self, clip: ClipRecord) -> None:
        try:
            thumb = await asyncio.to_thread(make_thumb_from_file,
                                            str(self.library.absolute(clip.thumbnail)),
                                            TILE.width(), TILE.height())
        except (OSError, ValueError):
            return  # a missing or broken poster keeps the placeholder
        finally:
            self._loading.discard(clip.task_id)
        self._tiles[clip.task_id] = QPixmap.fromImage(to_qimage(thumb))
        while len(self._tiles) > THUMB_CACHE:
            self._tiles.popitem(last=False)
        for row, candidate in enumerate(self._clips):
            if candidate.task_id == clip.task_id:
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
                break


class LibraryView(QWidget):
    playRequested = Signal(object)  # ClipRecord
    rerunRequested = Signal(object)
    chainRequested = Signal(object)
    deleteRemoteRequested = Signal(object)

    def __init__(self, library: Library, parent=None) -> None:
        super().__init__(parent)
        self.library = library
        self.model = LibraryModel(library, self)
        self.search = QLineEdit()
        self.search.setObjectName("librarySearch")
        self.search.setAccessibleName("Search clips by prompt")
        self.search.setPlaceholderText("Search prompts…  (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.model_filter = QComboBox()
        self.model_filter.setObjectName("libraryModelFilter")
        self.model_filter.setAccessibleName("Filter by model")
        self.date_filter = QComboBox()
        self.date_filter.setObjectName("libraryDateFilter")
        self.date_filter.setAccessibleName("Filter by date")
        self.date_filter.addItems(list(DATE_FILTERS))
        self.favourites = QCheckBox("★ only")
        self.favourites.setObjectName("libraryFavourites")
        self.favourites.setAccessibleName("Only favourites")
        self.sort = QComboBox()
        self.sort.setObjectName("librarySort")
        self.sort.setAccessibleName("Sort clips")
        for label, key in (("Newest", "newest"), ("Oldest", "oldest"), ("Model", "model"),
                           ("Prompt", "prompt")):
            self.sort.addItem(label, key)
        self.count = QLabel()
        self.count.setObjectName("libraryCount")

        self.grid = QListView()
        self.grid.setObjectName("libraryGrid")
        self.grid.setAccessibleName("Clip library")
        self.grid.setModel(self.model)
        self.grid.setViewMode(QListView.ViewMode.IconMode)
        self.grid.setIconSize(TILE)
        self.grid.setGridSize(QSize(TILE.width() + 16, TILE.height() + 40))
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setUniformItemSizes(True)
        self.grid.setLayoutMode(QListView.LayoutMode.Batched)
        self.grid.setBatchSize(100)
        self.grid.setWordWrap(True)
        self.grid.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.grid.setDragEnabled(True)
        self.grid.setDragDropMode(QListView.DragDropMode.DragOnly)
        self.grid.doubleClicked.connect(lambda index: self.playRequested.emit(
            self.model.clip(index.row())))
        self.grid.activated.connect(lambda index: self.playRequested.emit(
            self.model.clip(index.row())))
        self.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.grid.customContextMenuRequested.connect(self._menu)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 1)
        for widget in (self.model_filter, self.date_filter, self.favourites, self.sort,
                       self.count):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.grid)

        self._debounce = QTimer(self, singleShot=True, interval=150, timeout=self.apply)
        self.search.textChanged.connect(self._debounce.start)
        for signal in (self.model_filter.currentIndexChanged, self.date_filter.currentIndexChanged,
                       self.favourites.toggled, self.sort.currentIndexChanged):
            signal.connect(self.apply)
        self.refresh_models()
        self.apply()

    def shutdown(self) -> None:
        """The library is about to close: no more queries from pending timers."""
        self._debounce.stop()
        self.search.textChanged.disconnect(self._debounce.start)
        self.model.cancel_loads()

    def refresh_models(self) -> None:
        current = self.model_filter.currentData()
        self.model_filter.blockSignals(True)
        self.model_filter.clear()
        self.model_filter.addItem("All models", None)
        for name in self.library.models():
            self.model_filter.addItem(name, name)
        self.model_filter.setCurrentIndex(max(0, self.model_filter.findData(current)))
        self.model_filter.blockSignals(False)

    def apply(self) -> None:
        days = DATE_FILTERS[self.date_filter.currentText()]
        since = None
        if days is not None:
            start = dt.datetime.combine(dt.date.today() - dt.timedelta(days=days - 1), dt.time())
            since = int(start.timestamp())
        self.model.set_query(text=self.search.text(), model=self.model_filter.currentData(),
                             favourites_only=self.favourites.isChecked(),
                             sort=self.sort.currentData(), since=since)
        total = self.library.count()
        self.count.setText(f"{total} clip{'s' if total != 1 else ''}")

    def clip_added(self) -> None:
        self.refresh_models()
        self.apply()

    def selected_clips(self) -> list[ClipRecord]:
        return [self.model.clip(i.row()) for i in self.grid.selectionModel().selectedIndexes()]

    # -- context menu ---------------------------------------------------------------------

    def _menu(self, pos) -> None:
        index = self.grid.indexAt(pos)
        if not index.isValid():
            return
        clip = self.model.clip(index.row())
        menu = QMenu(self)
        entries = [
            ("Play", lambda: self.playRequested.emit(clip)),
            ("Reveal in file manager", lambda: self.reveal(clip)),
            ("Copy path", lambda: self.copy_path(clip)),
            (None, None),
            ("Re-run with these settings", lambda: self.rerunRequested.emit(clip)),
            ("Use last frame as first frame", lambda: self.chainRequested.emit(clip)),
            (None, None),
            ("Remove from favourites" if clip.favourite else "Add to favourites",
             lambda: self.toggle_favourite(clip)),
            ("Delete local copy…", lambda: self.delete_local(clip)),
            ("Delete from provider…", lambda: self.deleteRemoteRequested.emit(clip)),
        ]
        for label, handler in entries:
            if label is None:
                menu.addSeparator()
                continue
            action = QAction(label, menu)
            action.triggered.connect(handler)
            menu.addAction(action)
        menu.popup(self.grid.viewport().mapToGlobal(pos))

    def reveal(self, clip: ClipRecord) -> None:
        folder = self.library.absolute(clip.file).parent
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def copy_path(self, clip: ClipRecord) -> None:
        QGuiApplication.clipboard().setText(str(self.library.absolute(clip.file)))

    def toggle_favourite(self, clip: ClipRecord) -> None:
        self.library.set_favourite(clip.task_id, not clip.favourite)
        self.model.reload()

    def delete_local(self, clip: ClipRecord, *, confirm: bool = True) -> None:
        if confirm:
            answer = QMessageBox.question(
                self, "Delete local copy",
                f"Delete the local files of this clip?\n\n{clip.prompt[:200]}\n\n"
                "The provider's copy (if not yet expired) is not touched.")
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.library.delete(clip.task_id)
        self.clip_added()
