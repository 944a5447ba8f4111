"""The library grid's model: every matching clip is a row from the start, read from SQLite
a page at a time by key when first shown, so jumping to the end of 100,000 clips reads
one page, not all those above it.

Posters and filmstrips are decoded in worker threads and handed back in batches; a
task-id → row map finds the row of an arriving poster without scanning the list.
"""

from __future__ import annotations

import contextlib
from collections import OrderedDict

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QPixmap

from ..core.filmstrip import make_filmstrip_for
from ..core.library import ClipRecord, ClipRow, Library, Query
from ..lazy import asyncio  # loads on first use: the window paints first (issue 14)
from . import tasks
from .thumbnails import make_thumb_from_file, to_qimage

CLIP_MIME = "application/x-airforce-clip"  # a clip's task id, dragged within the window

PAGE = 200
PAGES_KEPT = 40  # 8,000 rows of plain columns; others are re-read when scrolled back to
TILE = QSize(192, 108)
ROLE_CLIP = Qt.ItemDataRole.UserRole + 1  # ClipRow (cheap); full records via clip()
THUMB_CACHE = 300  # decoded tiles (80 kB each) kept; others are re-read when scrolled to
STRIPS_KEPT = 24
BATCH = 24  # posters decoded per worker trip, delivered to the view together
WANTED_MAX = 300  # posters asked for but not started: the oldest are forgotten (scrolled by)


def _decode_batch(paths: list[tuple[str, str]]) -> list[tuple[str, object]]:
    """In a worker: decode posters; a broken or missing one is skipped."""
    out = []
    for task_id, path in paths:
        with contextlib.suppress(OSError, ValueError):
            out.append((task_id, make_thumb_from_file(path, TILE.width(), TILE.height())))
    return out


def _decode_strip(path: str) -> object:
    return make_thumb_from_file(path, 160 * 10, 200)


class LibraryModel(QAbstractListModel):
    countChanged = Signal()  # a text filter's full count arrived
    postersDelivered = Signal()  # every poster asked for so far is decoded (start-up)

    def __init__(self, library: Library, parent=None) -> None:
        super().__init__(parent)
        self.library = library
        self.query = Query()
        self.total = 0
        self.counting = False  # `total` is the first page only; the full count is coming
        self._generation = 0
        self._counter: asyncio.Task | None = None
        self._pages: OrderedDict[int, list[ClipRow]] = OrderedDict()
        self._row_of: dict[str, int] = {}
        self._tiles: OrderedDict[str, QPixmap] = OrderedDict()
        self._wanted: OrderedDict[str, str] = OrderedDict()  # task id → poster path
        self._strips: OrderedDict[str, QPixmap | None] = OrderedDict()
        self._worker: asyncio.Task | None = None
        self._jobs: set[asyncio.Task] = set()
        self._closed = False
        self._placeholder = QPixmap(TILE)
        self._placeholder.fill(QColor("#2a2c31"))

    # -- rows ----------------------------------------------------------------------------

    def set_query(self, query: Query) -> None:
        """Show a query's first page at once; a text filter's count follows from a worker
        (until then the rows end with the first page and `counting` is set)."""
        self.beginResetModel()
        self._forget_pages(0)
        self._generation += 1
        if self._counter is not None:
            self._counter.cancel()
        self.query, total = self.library.prepare(query)
        self.counting = False
        if total is None:
            first = self._page(0)
            total = len(first)
            if total == PAGE and not self._closed:
                self.counting = True
                self._counter = asyncio.ensure_future(self._count(self._generation))
        self.total = total
        self.endResetModel()

    async def _count(self, generation: int) -> None:
        total = await self.library.count_async(self.query)
        if generation != self._generation:
            return  # another filter since
        self.counting = False
        if total > self.total:
            self.beginInsertRows(QModelIndex(), self.total, total - 1)
            self.total = total
            self.endInsertRows()
        self.countChanged.emit()

    def reload(self) -> None:
        self.set_query(self.query)

    def insert_clip(self, task_id: str) -> int | None:
        """A new clip joins where the sort puts it (None: the filter hides it)."""
        row = self._row_of.get(task_id)
        if row is not None:  # read first: refreshing forgets the page and its row map
            self.refresh_clip(task_id)
            return row
        if self.counting:  # the count on its way may or may not hold it: start over
            self.set_query(self.query)
            return self.library.position(self.query, task_id)
        row = self.library.position(self.query, task_id)
        if row is None:
            return None
        self.beginInsertRows(QModelIndex(), row, row)
        self.total += 1
        self._forget_pages(row // PAGE)
        self.endInsertRows()
        return row

    def refresh_clip(self, task_id: str) -> None:
        """A clip's columns changed (favourite): re-read its page."""
        row = self._row_of.get(task_id)
        if row is None:
            return
        self._forget_pages(row // PAGE, only=True)
        self.dataChanged.emit(self.index(row), self.index(row))

    def _forget_pages(self, first: int, *, only: bool = False) -> None:
        for number in [n for n in self._pages if n == first or (n > first and not only)]:
            for clip in self._pages.pop(number):
                self._row_of.pop(clip.task_id, None)

    def _page(self, number: int) -> list[ClipRow]:
        if number in self._pages:
            self._pages.move_to_end(number)
            return self._pages[number]
        start = None
        if number > 0:
            above = self._pages.get(number - 1)
            start = (above[-1].key(self.query) if above and len(above) == PAGE
                     else self.library.key_at(self.query, number * PAGE - 1, self.total))
        rows = self.library.rows(self.query, start, PAGE)
        self._pages[number] = rows
        for offset, clip in enumerate(rows):
            self._row_of[clip.task_id] = number * PAGE + offset
        while len(self._pages) > PAGES_KEPT:
            self._forget_pages(next(iter(self._pages)), only=True)
        return rows

    def row_clip(self, row: int) -> ClipRow | None:
        if not 0 <= row < self.total:
            return None
        rows = self._page(row // PAGE)
        offset = row % PAGE
        return rows[offset] if offset < len(rows) else None

    def clip(self, row: int) -> ClipRecord:
        """The full record (settings, task fields) of a row, read when needed."""
        clip = self.row_clip(row)
        if clip is None:
            raise IndexError(row)
        return self.library.get(clip.task_id)

    def row_of(self, task_id: str) -> int | None:
        return self._row_of.get(task_id)

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else self.total

    def flags(self, index: QModelIndex):
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:
        return ["text/uri-list", CLIP_MIME]

    def mimeData(self, indexes) -> QMimeData:
        """Clips dragged out of the window arrive in other applications as files."""
        mime = QMimeData()
        urls = []
        for index in indexes:
            clip = self.row_clip(index.row())
            if clip is not None:
                urls.append(QUrl.fromLocalFile(str(self.library.absolute(clip.file))))
        mime.setUrls(urls)
        clips = [c for c in (self.row_clip(i.row()) for i in indexes) if c is not None]
        if clips:  # inside the window: the editor's first-frame zone takes a clip's last frame
            mime.setData(CLIP_MIME, clips[0].task_id.encode("utf-8"))
        return mime

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        clip = self.row_clip(index.row())
        if clip is None:
            return None
        if role == ROLE_CLIP:
            return clip
        if role == Qt.ItemDataRole.DisplayRole:
            return clip.prompt.replace("\n", " ")
        if role == Qt.ItemDataRole.ToolTipRole:
            return clip.prompt
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{clip.prompt} — {clip.model}"
        if role == Qt.ItemDataRole.DecorationRole:
            return self._tile(clip)
        return None

    # -- posters -------------------------------------------------------------------------

    def cancel_loads(self) -> None:
        """Stop decoding (the view is going away)."""
        self._closed = True
        self._wanted.clear()
        for job in [self._worker, self._counter, *self._jobs]:
            if job is not None:
                job.cancel()

    def _tile(self, clip: ClipRow) -> QPixmap:
        tile = self._tiles.get(clip.task_id)
        if tile is not None:
            self._tiles.move_to_end(clip.task_id)
            return tile
        if clip.thumbnail and not self._closed:
            self._wanted[clip.task_id] = str(self.library.absolute(clip.thumbnail))
            self._wanted.move_to_end(clip.task_id)
            while len(self._wanted) > WANTED_MAX:
                self._wanted.popitem(last=False)
            # not before the loop runs (start-up): the window's attach() repaints the grid
            if (self._worker is None or self._worker.done()) and tasks.loop_ready():
                self._worker = asyncio.ensure_future(self._decode_wanted())
        return self._placeholder

    async def _decode_wanted(self) -> None:
        """Newest requests first (what is on screen now), a batch per worker trip."""
        while self._wanted and not self._closed:
            batch = []
            while self._wanted and len(batch) < BATCH:
                batch.append(self._wanted.popitem(last=True))
            decoded = await asyncio.to_thread(_decode_batch, batch)
            rows = []
            for task_id, thumb in decoded:
                self._tiles[task_id] = QPixmap.fromImage(to_qimage(thumb))
                row = self._row_of.get(task_id)
                if row is not None:
                    rows.append(row)
            while len(self._tiles) > THUMB_CACHE:
                self._tiles.popitem(last=False)
            for row in rows:  # one by one: a range would repaint every card between
                index = self.index(row)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])
        if not self._closed:
            self.postersDelivered.emit()

    # -- filmstrips ----------------------------------------------------------------------

    def filmstrip(self, clip: ClipRow) -> QPixmap | None:
        """The clip's filmstrip if decoded; otherwise start making/decoding it, None now."""
        if clip.task_id in self._strips:
            self._strips.move_to_end(clip.task_id)
            return self._strips[clip.task_id]
        if not self._closed:
            self._strips[clip.task_id] = None
            job = asyncio.ensure_future(self._load_strip(clip))
            self._jobs.add(job)
            job.add_done_callback(self._jobs.discard)
        return None

    async def _load_strip(self, clip: ClipRow) -> None:
        path = self.library.filmstrip_path(clip.file)
        if (not await asyncio.to_thread(path.exists)
                and await make_filmstrip_for(self.library, clip.file) is None):
            return  # stays None: the card keeps showing its poster
        try:
            thumb = await asyncio.to_thread(_decode_strip, str(path))
        except (OSError, ValueError):
            return
        self._strips[clip.task_id] = QPixmap.fromImage(to_qimage(thumb))
        while len(self._strips) > STRIPS_KEPT:
            self._strips.popitem(last=False)
        row = self._row_of.get(clip.task_id)
        if row is not None:
            self.dataChanged.emit(self.index(row), self.index(row))
