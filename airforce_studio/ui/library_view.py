"""The clip library: a lazy grid of cards over SQLite (see library_model), with filters,
a count that follows them, empty states, a details panel and hover scrubbing. Works
offline; new clips join in place without moving what the user is looking at.
"""

from __future__ import annotations

import contextlib
import datetime as dt

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QEvent,
    QPoint,
    QSize,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QAction, QContextMenuEvent, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.library import ClipRecord, Library, Query
from .i18n import arg
from .library_cards import FRAMES, CardDelegate, CardGrid, card_size
from .library_details import ClipDetails
from .library_model import LibraryModel
from .tasks import ask, message_box, spawn

DATE_FILTERS = {QT_TRANSLATE_NOOP("LibraryView", "Any time"): None,
                QT_TRANSLATE_NOOP("LibraryView", "Today"): 1,
                QT_TRANSLATE_NOOP("LibraryView", "Last 7 days"): 7,
                QT_TRANSLATE_NOOP("LibraryView", "Last 30 days"): 30}


class LibraryView(QWidget):
    playRequested = Signal(object)  # ClipRecord
    rerunRequested = Signal(object)
    chainRequested = Signal(object)
    deleteRemoteRequested = Signal(object)
    clipSelected = Signal(object)  # ClipRecord | None: the player previews its poster

    def __init__(self, library: Library, parent=None) -> None:
        super().__init__(parent)
        self.library = library
        self.model = LibraryModel(library, self)
        self.search = QLineEdit()
        self.search.setObjectName("librarySearch")
        self.search.setAccessibleName(self.tr("Search clips by prompt"))
        self.search.setPlaceholderText(self.tr("Search prompts…  (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.model_filter = QComboBox()
        self.model_filter.setObjectName("libraryModelFilter")
        self.model_filter.setAccessibleName(self.tr("Filter by model"))
        self.date_filter = QComboBox()
        self.date_filter.setObjectName("libraryDateFilter")
        self.date_filter.setAccessibleName(self.tr("Filter by date"))
        for label, days in DATE_FILTERS.items():
            self.date_filter.addItem(self.tr(label), days)
        self.favourites = QToolButton()
        self.favourites.setText("★")
        self.favourites.setCheckable(True)
        self.favourites.setObjectName("libraryFavourites")
        self.favourites.setAccessibleName(self.tr("Only favourites"))
        self.favourites.setToolTip(self.tr("Only favourites"))
        self.sort = QComboBox()
        self.sort.setObjectName("librarySort")
        self.sort.setAccessibleName(self.tr("Sort clips"))
        for label, key in ((self.tr("Newest"), "newest"), (self.tr("Oldest"), "oldest"),
                           (self.tr("Model"), "model"), (self.tr("Prompt"), "prompt")):
            self.sort.addItem(label, key)
        for combo in (self.model_filter, self.date_filter, self.sort):
            # Wide enough for the chosen entry in either language ("Semua model", "Kapan
            # saja") whenever there is room: the search box gives way first. An explicit
            # minimum lets a narrow window still shrink them (they elide then).
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setMinimumWidth(64)
        self.count = QLabel()
        self.count.setObjectName("libraryCount")
        self.context_menu: QMenu | None = None
        self.notice = QLabel()
        self.notice.setObjectName("libraryNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        self._notice_timer = QTimer(self, singleShot=True, interval=8000,
                                    timeout=self.notice.hide)

        self.grid = CardGrid(self._grid_viewport_event)
        self.grid.setObjectName("libraryGrid")
        self.grid.setAccessibleName(self.tr("Clip library"))
        self.grid.setModel(self.model)
        self.delegate = CardDelegate(self.model, self.grid)
        self.grid.setItemDelegate(self.delegate)
        self.grid.setViewMode(QListView.ViewMode.ListMode)  # a wrapped list lays out lazily
        self.grid.setFlow(QListView.Flow.LeftToRight)
        self.grid.setWrapping(True)
        self.grid.setGridSize(card_size(self.grid.font()) + QSize(4, 4))
        self.grid.setResizeMode(QListView.ResizeMode.Adjust)
        self.grid.setMovement(QListView.Movement.Static)
        self.grid.setUniformItemSizes(True)
        # 100,000 cards are laid out 1,000 per loop turn: no single long stall.
        self.grid.setLayoutMode(QListView.LayoutMode.Batched)
        self.grid.setBatchSize(1000)
        self.grid.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.grid.setMouseTracking(True)
        self.grid.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.grid.setDragEnabled(True)
        self.grid.setDragDropMode(QListView.DragDropMode.DragOnly)
        self.grid.doubleClicked.connect(lambda index: self._play_row(index.row()))
        self.grid.activated.connect(lambda index: self._play_row(index.row()))
        self.grid.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.grid.customContextMenuRequested.connect(self._menu)
        self.grid.selectionModel().currentChanged.connect(lambda *_: self._selection_changed())
        self.model.countChanged.connect(self._update_count)

        self.empty = QWidget()
        self.empty.setObjectName("libraryEmpty")
        self.empty_text = QLabel()
        self.empty_text.setObjectName("libraryEmptyText")
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setWordWrap(True)
        self.clear_filters = QPushButton(self.tr("Clear filters"))
        self.clear_filters.setObjectName("libraryClearFilters")
        self.clear_filters.setAccessibleName(self.tr("Clear the search and filters"))
        self.clear_filters.clicked.connect(self.reset_filters)
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addWidget(self.clear_filters, 0, Qt.AlignmentFlag.AlignHCenter)
        empty_layout.addStretch(2)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.grid)
        self.stack.addWidget(self.empty)
        self.details = ClipDetails()
        self.split = QSplitter(Qt.Orientation.Horizontal)
        self.split.addWidget(self.stack)
        self.split.addWidget(self.details)
        self.split.setStretchFactor(0, 1)
        self.split.setCollapsible(1, True)  # drag the handle to the edge to hide details
        self.split.setSizes([700, 240])

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 6, 0)  # the count never touches the edge
        self.search.setMinimumWidth(80)
        bar.addWidget(self.search, 1)
        for widget in (self.model_filter, self.date_filter, self.favourites, self.sort,
                       self.count):
            bar.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.notice)
        layout.addWidget(self.split, 1)

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
        self.model_filter.addItem(self.tr("All models"), None)
        for name in self.library.models():
            self.model_filter.addItem(name, name)
        self.model_filter.setCurrentIndex(max(0, self.model_filter.findData(current)))
        self.model_filter.blockSignals(False)

    def current_query(self) -> Query:
        days = self.date_filter.currentData()
        since = None
        if days is not None:
            start = dt.datetime.combine(dt.date.today() - dt.timedelta(days=days - 1), dt.time())
            since = int(start.timestamp())
        return Query(text=self.search.text(), model=self.model_filter.currentData(),
                     favourites_only=self.favourites.isChecked(),
                     sort=self.sort.currentData() or "newest", since=since)

    def apply(self) -> None:
        self.model.set_query(self.current_query())
        self._update_count()
        self._selection_changed()

    def reset_filters(self) -> None:
        for widget in (self.search, self.model_filter, self.date_filter, self.favourites):
            widget.blockSignals(True)
        self.search.clear()
        self.model_filter.setCurrentIndex(0)
        self.date_filter.setCurrentIndex(0)
        self.favourites.setChecked(False)
        for widget in (self.search, self.model_filter, self.date_filter, self.favourites):
            widget.blockSignals(False)
        self.apply()

    def _update_count(self) -> None:
        """"12 of 480 clips" under a filter, "480 clips" without; the empty page says why."""
        total = self.library.count()
        shown = self.model.total
        if self.model.counting:  # the first page is shown; the rest are being counted
            self.count.setText(arg(self.tr("%1+ of %n clip(s)", "", total), shown))
        elif self.model.query.is_filtered:
            self.count.setText(arg(self.tr("%1 of %n clip(s)", "", total), shown))
        else:
            self.count.setText(self.tr("%n clip(s)", "", total))
        if shown:
            self.stack.setCurrentWidget(self.grid)
            return
        if total == 0:
            self.empty_text.setText(self.tr(
                "No clips yet.\nWrite a prompt and press Ctrl+Enter: finished clips are "
                "saved here, and stay playable offline."))
            self.clear_filters.hide()
        else:
            text = self.search.text().strip()
            self.empty_text.setText(
                arg(self.tr("No clip matches “%1”."), text) if text
                else self.tr("No clip matches these filters."))
            self.clear_filters.show()
        self.stack.setCurrentWidget(self.empty)

    def clip_added(self, task_id: str | None = None) -> None:
        """A clip was archived: it joins in place, keeping the scroll position and
        selection (without an id, everything is re-read)."""
        if task_id is None:
            self.refresh_models()
            self.apply()
            return
        with contextlib.suppress(KeyError):
            if self.model_filter.findData(self.library.get(task_id).model) < 0:
                self.refresh_models()
        top = self.grid.indexAt(self.grid.viewport().rect().topLeft() + QPoint(8, 8))
        at_top = self.grid.verticalScrollBar().value() == 0
        row = self.model.insert_clip(task_id)
        self._update_count()
        if row is not None and top.isValid() and not at_top:
            # What the user was looking at stays at the top of the view.
            anchor = top.row() + (1 if row <= top.row() else 0)
            self.grid.scrollTo(self.model.index(anchor),
                               QAbstractItemView.ScrollHint.PositionAtTop)

    def selected_clips(self) -> list[ClipRecord]:
        return [self.model.clip(i.row()) for i in self.grid.selectionModel().selectedIndexes()]

    def _selection_changed(self) -> None:
        index = self.grid.currentIndex()
        clip = self.model.clip(index.row()) if index.isValid() else None
        self.details.show_clip(clip)
        self.clipSelected.emit(clip)

    def _play_row(self, row: int) -> None:
        self.playRequested.emit(self.model.clip(row))

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.show()
        self._notice_timer.start()

    # -- hover scrub -----------------------------------------------------------------------

    def _grid_viewport_event(self, event: QEvent) -> bool:
        """True: consumed (the grid's own handling is skipped)."""
        if event.type() == QEvent.Type.MouseMove:
            self._scrub(event.position().toPoint())
        elif event.type() == QEvent.Type.Leave:
            self._scrub(None)
        elif (event.type() == QEvent.Type.ContextMenu
              and event.reason() == QContextMenuEvent.Reason.Keyboard):
            # Menu key / Shift+F10: the menu of the current card, beside it
            index = self.grid.currentIndex()
            if index.isValid():
                self._menu(self.grid.visualRect(index).center())
            return True
        return False

    def _scrub(self, pos) -> None:
        previous = self.delegate.hover
        index = self.grid.indexAt(pos) if pos is not None else None
        if index is None or not index.isValid():
            self.delegate.hover = None
        else:
            rect = self.grid.visualRect(index)
            fraction = (pos.x() - rect.left()) / max(1, rect.width())
            self.delegate.hover = (index.row(), min(FRAMES - 1, max(0, int(fraction * FRAMES))))
        if self.delegate.hover != previous:
            for hovered in (previous, self.delegate.hover):
                if hovered is not None:
                    self.grid.update(self.model.index(hovered[0]))

    # -- context menu ---------------------------------------------------------------------

    def _menu(self, pos) -> None:
        index = self.grid.indexAt(pos)
        if not index.isValid():
            return
        clip = self.model.clip(index.row())
        menu = QMenu(self)
        entries = [
            (self.tr("Play"), lambda: self.playRequested.emit(clip)),
            (self.tr("Reveal in file manager"), lambda: self.reveal(clip)),
            (self.tr("Copy path"), lambda: self.copy_path(clip)),
            (None, None),
            (self.tr("Re-run with these settings"), lambda: self.rerunRequested.emit(clip)),
            (self.tr("Use last frame as first frame"), lambda: self.chainRequested.emit(clip)),
            (None, None),
            (self.tr("Remove from favourites") if clip.favourite
             else self.tr("Add to favourites"), lambda: self.toggle_favourite(clip)),
            (self.tr("Delete local copy…"), lambda: self.delete_local(clip)),
            (self.tr("Delete from provider…"), lambda: self.deleteRemoteRequested.emit(clip)),
        ]
        for label, handler in entries:
            if label is None:
                menu.addSeparator()
                continue
            action = QAction(label, menu)
            action.triggered.connect(handler)
            menu.addAction(action)
        self.context_menu = menu  # tests and keyboard users reach it
        menu.popup(self.grid.viewport().mapToGlobal(pos))

    def reveal(self, clip: ClipRecord) -> bool:
        """Open the clip's folder; when no file manager answers, say where it is."""
        folder = self.library.absolute(clip.file).parent
        opened = QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        if not opened:
            self.show_notice(arg(self.tr("No file manager could be opened. The clip is in %1 "
                                         "(Copy path puts it on the clipboard)."), folder))
        return opened

    def copy_path(self, clip: ClipRecord) -> None:
        QGuiApplication.clipboard().setText(str(self.library.absolute(clip.file)))

    def toggle_favourite(self, clip: ClipRecord) -> None:
        self.library.set_favourite(clip.task_id, not clip.favourite)
        if self.model.query.favourites_only:
            self.apply()
        else:
            self.model.refresh_clip(clip.task_id)

    def delete_local(self, clip: ClipRecord, *, confirm: bool = True) -> QMessageBox | None:
        """Delete the clip's local files; first asked with `ask()` (never a nested loop).
        Returns the question box, still opening, so tests can answer it."""
        if not confirm:
            self._delete_now(clip)
            return None
        box = message_box(
            self, QMessageBox.Icon.Question, self.tr("Delete local copy"),
            arg(self.tr("Delete the local files of this clip?\n\n%1\n\n"
                        "The provider's copy (if not yet expired) is not touched."),
                clip.prompt[:200]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel, name="deleteLocalConfirm")
        spawn(self._confirm_delete(box, clip), name="delete-local")
        return box

    async def _confirm_delete(self, box: QMessageBox, clip: ClipRecord) -> None:
        if await ask(box) == QMessageBox.StandardButton.Yes:
            self._delete_now(clip)

    def _delete_now(self, clip: ClipRecord) -> None:
        self.library.delete(clip.task_id)
        self.refresh_models()
        self.apply()
