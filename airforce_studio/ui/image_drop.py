"""Drop zones for the first-frame image and the reference images.

Files from a file manager or a Browse… dialog (a click on the zone opens it), image URLs
and pasted images are accepted; a clip dragged from the library onto the first-frame zone
gives its last frame. Decoding, downscaling and thumbnailing run in worker threads, so a
24-megapixel drop never freezes the window; a file that is no image gets an inline
message and changes nothing. Images keep the order they were dropped or pasted in: each
gets its place when it arrives, not when its decoding ends.
"""

from __future__ import annotations

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
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
)

from ..core.images import (
    ImageRejected,
    PreparedImage,
    fetch_image,
    prepare_bytes_async,
    prepare_file_async,
)
from ..lazy import asyncio  # loads on first use: the window paints first (issue 14)
from . import icons, keymap, theme
from .i18n import arg, translate
from .library_model import CLIP_MIME
from .tasks import spawn
from .thumbnails import make_thumb, to_qimage

IMAGE_FILTER = "*.png *.jpg *.jpeg *.webp *.gif *.bmp *.tif *.tiff"

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
    clipDropped = Signal(str)  # a library clip's task id: use its last frame

    def __init__(self, title: str, *, multiple: bool, limit: int = 1, accepts_clips=False,
                 parent=None) -> None:
        super().__init__(parent)
        self.multiple = multiple
        self.limit = limit if multiple else 1
        self.accepts_clips = accepts_clips
        self._jobs: set[asyncio.Task] = set()
        self.file_dialog: QFileDialog | None = None
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(title)
        self.setObjectName(f"{self._slug(title)}Zone")
        # A visible focus ring: keyboard users see where Ctrl+V and Delete go.
        # (By class: the editor renames the zone.)
        self.setStyleSheet("ImageDropZone:focus { border: 2px solid palette(highlight);"
                           " border-radius: 4px; }")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        # Never taller than its content: on a tall screen the space stays below the form.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        self.title = QLabel(f"<b>{title}</b>")
        paste = keymap.shown_keys(keymap.BY_ID["pasteImage"])
        self.hint = QLabel(arg(self.tr(
            "Click to browse, drop an image or an image link here, or paste one (%1).")
            if not multiple else self.tr(
            "Click to browse, or drop or paste (%1) up to %2 images. Drag to reorder; "
            "Delete removes."), paste, limit))
        if accepts_clips:
            self.hint.setText(self.hint.text() + " " + self.tr(
                "A clip dragged from the library gives its last frame."))
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet(theme.hint_style())
        self.list = QListWidget()
        self.list.setObjectName(f"{self._slug(title)}List")
        self.list.setAccessibleName(arg(self.tr("%1: images"), title))
        self.list.setViewMode(QListWidget.ViewMode.IconMode)
        self.list.setIconSize(THUMB)
        self.list.setFlow(QListWidget.Flow.LeftToRight)
        self.list.setWrapping(False)
        self.list.setGridSize(QSize(THUMB.width() + 16, THUMB.height() + 26))
        self.list.setFixedHeight(THUMB.height() + 40)
        self.list.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        if multiple:
            self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
            self.list.model().rowsMoved.connect(lambda *_: self.imagesChanged.emit())
        self.error = QLabel()
        self.error.setObjectName(f"{self._slug(title)}Error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet(theme.error_style())
        self.error.hide()
        self.over_limit = False  # the error shown is the over-limit one (cleared by removal)
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.browse_button.setObjectName(f"{self._slug(title)}Browse")
        self.browse_button.setAccessibleName(arg(self.tr("Browse for %1"), title.lower()))
        icons.set_icon(self.browse_button, "mdi6.folder-open-outline")
        self.browse_button.clicked.connect(self.browse)
        self.clear_button = QPushButton(self.tr("Remove"))
        self.clear_button.setObjectName(f"{self._slug(title)}Remove")
        self.clear_button.setAccessibleName(arg(self.tr("Remove %1"), title.lower()))
        icons.set_icon(self.clear_button, "mdi6.close")
        self.clear_button.clicked.connect(self.remove_selected_or_all)

        header = QHBoxLayout()
        header.setSpacing(theme.SPACE)
        header.addWidget(self.title)
        header.addStretch()
        header.addWidget(self.browse_button)
        header.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.SPACE, theme.SPACE, theme.SPACE, theme.SPACE)
        layout.setSpacing(theme.GRID)
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
                              (self.clear_button, "Remove"), (self.browse_button, "Browse")):
            child.setObjectName(name + suffix)

    @staticmethod
    def _slug(title: str) -> str:
        words = title.split()
        return words[0].lower() + "".join(w.capitalize() for w in words[1:])

    # -- what the editor reads ------------------------------------------------------------

    def images(self) -> list[PreparedImage]:
        """In the order shown; images still being prepared are left out."""
        found = (self.list.item(i).data(ROLE_IMAGE) for i in range(self.list.count()))
        return [image for image in found if image is not None]

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

    def browse(self) -> QFileDialog:
        """A file dialog opened with open() (never exec()): the window keeps running."""
        if self.file_dialog is not None and self.file_dialog.isVisible():
            self.file_dialog.raise_()
            return self.file_dialog
        dialog = QFileDialog(self, self.tr("Choose images") if self.multiple
                             else self.tr("Choose an image"))
        dialog.setObjectName("imageFileDialog")
        dialog.setNameFilters([arg(self.tr("Images (%1)"), IMAGE_FILTER),
                               self.tr("All files (*)")])
        dialog.setFileMode(QFileDialog.FileMode.ExistingFiles if self.multiple
                           else QFileDialog.FileMode.ExistingFile)
        from . import folders  # only when browsing: not on the first paint's path

        dialog.setDirectory(str(folders.images_start()))
        dialog.filesSelected.connect(folders.remember_images)
        dialog.filesSelected.connect(lambda files: [self.load_file(Path(f)) for f in files])
        dialog.finished.connect(lambda _result: self._dialog_finished(dialog))
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def _dialog_finished(self, dialog: QFileDialog) -> None:
        """Forget the dialog before it is deleted: a second Browse… must not touch it."""
        if self.file_dialog is dialog:
            self.file_dialog = None
        dialog.deleteLater()

    def mouseReleaseEvent(self, event) -> None:
        """A click on the zone (not on its buttons or thumbnails) browses."""
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
                event.position().toPoint()):
            self.browse()
        super().mouseReleaseEvent(event)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        mime = event.mimeData()
        if mime.hasUrls() or mime.hasImage() or (self.accepts_clips
                                                 and mime.hasFormat(CLIP_MIME)):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        if self.accepts_clips and mime.hasFormat(CLIP_MIME):
            self.clipDropped.emit(bytes(mime.data(CLIP_MIME).data()).decode("utf-8"))
        elif mime.hasUrls():
            self.load_urls(mime.urls())
        elif mime.hasImage():
            self.load_qimage(QImage(mime.imageData()))
        event.acceptProposedAction()

    def load_urls(self, urls) -> None:
        for url in urls if self.multiple else urls[:1]:
            if url.isLocalFile():
                self.load_file(Path(url.toLocalFile()))
            elif url.scheme() in ("http", "https"):
                self.load_url(url.toString())
            else:
                self.show_error(arg(self.tr("%1 is not a file or a web link."),
                                    url.toString()))

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
        elif event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.remove_selected_or_all()
        elif event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.browse()
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
            self.load_urls(mime.urls())
            return True
        return False

    def load_file(self, path: Path) -> asyncio.Task | None:
        return self._start(prepare_file_async(path), path.name)

    def load_url(self, url: str) -> asyncio.Task | None:
        return self._start(fetch_image(url), url.rstrip("/").rsplit("/", 1)[-1] or url)

    def load_qimage(self, image: QImage) -> asyncio.Task | None:
        async def prepare() -> PreparedImage:
            if image.isNull():
                raise ImageRejected("the clipboard holds no readable image", "clipboard")
            data = await asyncio.to_thread(qimage_png_bytes, image)
            return await prepare_bytes_async(data, "pasted image")

        return self._start(prepare(), self.tr("the pasted image"))

    def _start(self, coro, name: str) -> asyncio.Task | None:
        """Give the image its place now (order kept), prepare it in the background.
        Past the limit the image is not added, and the message names it."""
        if self.multiple and self.list.count() >= self.limit:
            coro.close()
            self.over_limit = True
            self.show_error(arg(self.tr("“%1” was not added: at most %n reference images can "
                                        "be used. Remove one to add another.", None,
                                        self.limit), name))
            return None
        slot = QListWidgetItem(self.tr("Loading…"))
        slot.setToolTip(name)
        slot.setFlags(slot.flags() & ~Qt.ItemFlag.ItemIsDragEnabled)
        self.list.addItem(slot)
        self._refresh()
        job = spawn(self._add(coro, slot), name="image-drop")
        self._jobs.add(job)
        self.busyChanged.emit(True)

        def done(finished: asyncio.Task) -> None:
            self._jobs.discard(finished)
            if not self._jobs:
                self.busyChanged.emit(False)

        job.add_done_callback(done)
        return job

    def _row_of(self, slot: QListWidgetItem) -> int:
        for row in range(self.list.count()):
            if self.list.item(row) is slot:
                return row
        return -1

    async def _add(self, coro, slot: QListWidgetItem) -> None:
        try:
            prepared: PreparedImage = await coro
            thumb = to_qimage(await asyncio.to_thread(make_thumb, prepared.data,
                                                      THUMB.width(), THUMB.height()))
        except Exception as exc:  # an unreadable source must never take the window down
            row = self._row_of(slot)
            if row >= 0:
                self.list.takeItem(row)
            self._refresh()
            self.over_limit = False
            self.show_error(rejection_text(exc) if isinstance(exc, ImageRejected) else arg(self.tr(
                "Could not load that image (%1). Try another file."), exc))
            return
        if self._row_of(slot) < 0:
            return  # removed (or replaced) while it was being prepared
        if not self.multiple:  # the new first frame replaces the old one, once it is good
            for row in reversed(range(self.list.count())):
                if self.list.item(row) is not slot:
                    self.list.takeItem(row)
        slot.setIcon(QIcon(QPixmap.fromImage(thumb)))
        slot.setText(f"{prepared.width}×{prepared.height}")
        slot.setData(ROLE_IMAGE, prepared)
        slot.setFlags(slot.flags() | Qt.ItemFlag.ItemIsDragEnabled)
        slot.setToolTip(f"{prepared.name}\n{prepared.width}×{prepared.height}"
                        + (self.tr(" (downscaled)") if prepared.downscaled else ""))
        if not self.over_limit:
            self.error.hide()
        self._refresh()
        self.imagesChanged.emit()

    def add_prepared(self, prepared: PreparedImage) -> asyncio.Task | None:
        """Put an already prepared image in (re-run, chaining shots, a restored draft)."""

        async def ready() -> PreparedImage:
            return prepared

        return self._start(ready(), prepared.name)

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    def _refresh(self) -> None:
        has = self.list.count() > 0
        self.list.setVisible(has)
        self.hint.setVisible(not has)
        self.clear_button.setEnabled(has)
        if self.over_limit and self.list.count() < self.limit:
            self.over_limit = False  # back within limits: the message has done its job
            self.error.hide()
