"""One clip, or a range of it, as an animated GIF or WebP (for chats and issue trackers).

The range is picked on the clip's filmstrip; the work is `core.film.animation` in a worker
thread, with Cancel. Nothing here blocks the window.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.film.animation import export_animation_async
from ..core.film.assemble import ExportCancelled, ExportFailed
from ..core.library import ClipRecord, Library
from . import folders
from .esc_closes import EscCloses
from .export_trim import TrimStrip
from .i18n import arg
from .tasks import spawn


class ClipExportDialog(EscCloses, QWidget):
    finished = Signal(object)  # frame count, or None

    def __init__(self, library: Library, clip: ClipRecord,
                 trim: tuple[float, float] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("clipExportDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(arg(self.tr("Animation of %1"), clip.task_id))
        self.library, self.clip = library, clip
        self.cancel_event: threading.Event | None = None
        self.job = None
        self.range = TrimStrip(library, clip, trim)
        self.kind = QComboBox()
        self.kind.setObjectName("animationKind")
        self.kind.addItem(self.tr("GIF (a palette made for this clip)"), ".gif")
        self.kind.addItem(self.tr("Animated WebP"), ".webp")
        self.kind.currentIndexChanged.connect(self._suffix)
        self.fps = QSpinBox()
        self.fps.setRange(4, 30)
        self.fps.setValue(12)
        self.width_box = QSpinBox()
        self.width_box.setRange(120, 1280)
        self.width_box.setSingleStep(40)
        self.width_box.setValue(480)
        self.width_box.setSuffix(" px")
        self.out = QLineEdit(str(folders.pictures() / f"{clip.task_id}.gif"))
        self.out.setObjectName("animationPath")
        self.choose = QPushButton(self.tr("Choose…"))
        self.choose.setObjectName("animationChoose")
        self.choose.clicked.connect(self.browse)
        self.busy = QProgressBar()
        self.busy.setRange(0, 1)
        self.status = QLabel()
        self.status.setObjectName("animationStatus")
        self.status.setWordWrap(True)
        self.go = QPushButton(self.tr("Export"))
        self.go.setObjectName("animationStart")
        self.go.clicked.connect(self.start_export)
        self.stop = QPushButton(self.tr("Cancel"))
        self.stop.setEnabled(False)
        self.stop.clicked.connect(lambda: self.cancel_event and self.cancel_event.set())
        form = QFormLayout()
        form.addRow(self.tr("Range"), self.range)
        form.addRow(self.tr("Format"), self.kind)
        form.addRow(self.tr("Frames per second"), self.fps)
        form.addRow(self.tr("Width"), self.width_box)
        where = QHBoxLayout()
        where.addWidget(self.out, 1)
        where.addWidget(self.choose)
        form.addRow(self.tr("Save as"), where)
        buttons = QHBoxLayout()
        buttons.addWidget(self.busy, 1)
        buttons.addWidget(self.go)
        buttons.addWidget(self.stop)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.status)

    def browse(self) -> QFileDialog:
        """Where to save, with open() (never exec()): the window keeps running."""
        dialog = QFileDialog(self, self.tr("Save the animation as"), self.out.text(),
                             self.tr("Animations (*.gif *.webp)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(self._chosen)
        dialog.finished.connect(lambda _result: dialog.deleteLater())
        dialog.open()
        return dialog

    def _chosen(self, name: str) -> None:
        self.out.setText(str(Path(name).with_suffix(self.kind.currentData())))

    def _suffix(self) -> None:
        self.out.setText(str(Path(self.out.text()).with_suffix(self.kind.currentData())))

    def start_export(self):
        self.cancel_event = threading.Event()
        self.go.setEnabled(False)
        self.stop.setEnabled(True)
        self.busy.setRange(0, 0)  # the encoder gives no fractions: a busy bar
        self.job = spawn(self.export(Path(self.out.text()), self.cancel_event))
        return self.job

    async def export(self, out: Path, cancel: threading.Event) -> int | None:
        begin, end = self.range.slider.value()
        frames = None
        try:
            frames = await export_animation_async(
                self.library.absolute(self.clip.file), out, start=float(begin),
                end=float(end), fps=float(self.fps.value()), width=self.width_box.value(),
                cancel=cancel)
        except ExportCancelled:
            self.status.setText(self.tr("Cancelled; nothing was written."))
        except (ExportFailed, OSError) as error:
            self.status.setText(arg(self.tr("The export failed: %1"), str(error)))
        else:
            self.status.setText(arg(self.tr("Saved %1 (%2 frames)."), str(out), frames))
        finally:
            self.busy.setRange(0, 1)
            self.busy.setValue(1 if frames else 0)
            self.go.setEnabled(True)
            self.stop.setEnabled(False)
        self.finished.emit(frames)
        return frames
