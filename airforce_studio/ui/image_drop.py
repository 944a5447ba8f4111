"""Drop zones for the first-frame image and the reference images.

Files from a file manager, image URLs and pasted images (Ctrl+V) are accepted. Decoding,
downscaling and thumbnailing run in worker threads, so a 24-megapixel drop never
freezes the window; a file that is no image gets an inline message and changes nothing.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QImage,
    QKeySequence,
    QPixmap,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
)

from ..core.images import (
    ImageRejected,
    PreparedImage,
    fetch_image,
    prepare_bytes_async,
    prepare_file_async,
)
from .i18n import arg, translate
from .tasks import spawn
from .thumbnails import make_thumb, to_qimage

THUMB = QSize(96, 64)
ROLE_IMAGE = Qt.ItemDataRole.UserRole + 1


def qimage_png_bytes(image: QImage) -> bytes:
    """Encode a pasted QImage (safe in a worker thread: QImage is not a GUI object)."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def rejection_text(error: ImageRejected) -> str:
    """Why an image was refused, in the window's language (the core words it in English)."""
    p = error.params
    texts = {
        "empty": translate("ImageDropZone", "%1 is empty"),
        "too-large": translate("ImageDropZone", "%1 is larger than %2 MB"),
        "too-many-pixels": translate("ImageDropZone", "%1 has too many pixels"),
        "not-an-image": translate("ImageDropZone", "%1 is not an image (or not a format we can "
                                                   "read)"),
        "damaged": translate("ImageDropZone", "%1 is damaged or truncated: %3"),
        "folder": translate("ImageDropZone", "%1 is a folder, not an image"),
        "not-a-file": translate("ImageDropZone", "%1 is not a regular file; give an image file"),
        "missing": translate("ImageDropZone", "%1 does not exist"),
        "permission": translate("ImageDropZone", "%1 cannot be read (permission denied)"),
        "unreadable": translate("ImageDropZone", "%1 cannot be read: %3"),
        "not-fetched": translate("ImageDropZone", "%1 could not be fetched: %3"),
        "clipboard": translate("ImageDropZone", "The clipboard holds no readable image"),
    }
    text = texts.get(error.reason)
    if text is None:
        return str(error)
    return arg(text, p.get("name", ""), p.get("limit_mb", ""), p.get("detail", ""))


class ImageDropZone(QFrame):
    """Holds one image (first frame) or several, removable and reorderable (references)."""

    imagesChanged = Signal()
    busyChanged = Signal(bool)

    def __init__(self, title: str, *, multiple: bool, limit: int = 1, parent=None) -> None:
        super().__init__(parent)
        self.multiple = multiple
        self.limit = limit if multiple else 1
        self._jobs: set[asyncio.Task] = set()
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(title)

        self.title = QLabel(f"<b>{title}</b>")
        self.hint = QLabel(self.tr("Drop an image here, paste one (Ctrl+V), or drop an image link")
                           if not multiple else
                           self.tr("Drop up to %n image(s); drag to reorder, Delete removes", "",
                                   limit))
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)
        self.list = QListWidget()
        self.list.setObjectName(f"{self._slug(title)}List")
        self.list.setAccessibleName(arg(self.tr("%1: the images"), title))
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(THUMB)
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setFixedHeight(THUMB.height() + 34)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        if multiple:
            self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
            self.list.model().rowsMoved.connect(lambda *_: self.imagesChanged.emit())
        self.error = QLabel()
        self.error.setObjectName(f"{self._slug(title)}Error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #e5484d;")
        self.error.hide()
        self.clear_button = QPushButton(self.tr("Remove"))
        self.clear_button.setObjectName(f"{self._slug(title)}Remove")
        self.clear_button.setAccessibleName(arg(self.tr("%1: remove"), title))
        self.clear_button.clicked.connect(self.remove_selected_or_all)

        header = QHBoxLayout()
        header.addWidget(self.title)
        header.addStretch()
        header.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.hint)
        layout.addWidget(self.list)
        layout.addWidget(self.error)
        # Children are named after the zone's object name, never its (translated) title:
        # tests and styles find 'firstFrameList' in every language.
        self.objectNameChanged.connect(self._name_children)
        self._refresh()

    def _name_children(self, name: str) -> None:
        for child, suffix in ((self.list, "List"), (self.error, "Error"),
                              (self.clear_button, "Remove")):
            child.setObjectName(name + suffix)

    @staticmethod
    def _slug(title: str) -> str:
        words = title.split()
        return words[0].lower() + "".join(w.capitalize() for w in words[1:])

    # -- what the editor reads ------------------------------------------------------------

    def images(self) -> list[PreparedImage]:
        return [self.list.item(i).data(ROLE_IMAGE) for i in range(self.list.count())]

    def is_busy(self) -> bool:
        return bool(self._jobs)

    def clear(self) -> None:
        self.list.clear()
        self._refresh()
        self.imagesChanged.emit()

    def remove_selected_or_all(self) -> None:
        selected = self.list.selectedItems() or [self.list.item(i)
                                                 for i in range(self.list.count())]
        for item in selected:
            self.list.takeItem(self.list.row(item))
        self._refresh()
        self.imagesChanged.emit()

    # -- input ----------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasImage():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls():
            for url in mime.urls()[: self.limit]:
                if url.isLocalFile():
                    self.load_file(Path(url.toLocalFile()))
                elif url.scheme() in ("http", "https"):
                    self.load_url(url.toString())
                else:
                    self.show_error(arg(self.tr("%1 is not a file or a web link"), url.toString()))
        elif mime.hasImage():
            self.load_qimage(QImage(mime.imageData()))
        event.acceptProposedAction()

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_selected_or_all()
        else:
            super().keyPressEvent(event)

    def paste(self) -> bool:
        """Take an image (or an image file/link) from the clipboard; False if none."""
        mime = QGuiApplication.clipboard().mimeData()
        if mime is None:
            return False
        if mime.hasImage():
            self.load_qimage(QImage(QGuiApplication.clipboard().image()))
            return True
        if mime.hasUrls():
            for url in mime.urls()[: self.limit]:
                if url.isLocalFile():
                    self.load_file(Path(url.toLocalFile()))
                else:
                    self.load_url(url.toString())
            return True
        return False

    def load_file(self, path: Path) -> asyncio.Task:
        return self._start(prepare_file_async(path))

    def load_url(self, url: str) -> asyncio.Task:
        return self._start(fetch_image(url))

    def load_qimage(self, image: QImage) -> asyncio.Task:
        async def prepare() -> PreparedImage:
            if image.isNull():
                raise ImageRejected("the clipboard holds no readable image", "clipboard")
            data = await asyncio.to_thread(qimage_png_bytes, image)
            return await prepare_bytes_async(data, "pasted image")

        return self._start(prepare())

    def _start(self, coro) -> asyncio.Task:
        job = spawn(self._add(coro), name="image-drop")
        self._jobs.add(job)
        self.busyChanged.emit(True)

        def done(finished: asyncio.Task) -> None:
            self._jobs.discard(finished)
            if not self._jobs:
                self.busyChanged.emit(False)

        job.add_done_callback(done)
        return job

    async def _add(self, coro) -> None:
        try:
            prepared: PreparedImage = await coro
            thumb = to_qimage(await asyncio.to_thread(make_thumb, prepared.data,
                                                      THUMB.width(), THUMB.height()))
        except ImageRejected as exc:
            self.show_error(rejection_text(exc))
            return
        except Exception as exc:  # an unreadable source must never take the window down
            self.show_error(arg(self.tr("Could not load that image: %1"), exc))
            return
        if not self.multiple:
            self.list.clear()
        elif self.list.count() >= self.limit:
            self.show_error(self.tr("At most %n reference image(s); remove one first", "",
                                   self.limit))
            return
        item = QListWidgetItem(QIcon(QPixmap.fromImage(thumb)), f"{prepared.width}×"
                               f"{prepared.height}")
        item.setData(ROLE_IMAGE, prepared)
        item.setToolTip(f"{prepared.name}\n{prepared.width}×{prepared.height}"
                        + (self.tr(" (downscaled)") if prepared.downscaled else ""))
        self.list.addItem(item)
        self.error.hide()
        self._refresh()
        self.imagesChanged.emit()

    def add_prepared(self, prepared: PreparedImage) -> asyncio.Task:
        """Put an already prepared image in (re-run, chaining shots)."""

        async def ready() -> PreparedImage:
            return prepared

        return self._start(ready())

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _refresh(self) -> None:
        has = self.list.count() > 0
        self.list.setVisible(has)
        self.hint.setVisible(not has)
        self.clear_button.setEnabled(has)
