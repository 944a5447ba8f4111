"""Export: the chosen takes in order, each trimmed on its filmstrip, joined by cuts or
crossfades, into one MP4 — with a progress bar and Cancel, the work in a worker thread.

Trims and transitions are edits of the film: they are saved in the film file as they are
made. The encode itself is `core.film.export.export_film`; progress arrives from its
worker thread and is carried to the GUI thread by a queued signal.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..core.film.assemble import ExportCancelled, ExportFailed, ExportResult
from ..core.film.export import default_output, export_film
from ..core.film.shotlist import ShotListError
from .esc_closes import EscCloses
from .export_trim import TrimStrip
from .film_document import FilmDocument
from .i18n import arg, duration
from .tasks import spawn


class ProgressRelay(QObject):
    """Emitted from the encoder's thread; Qt queues it to the GUI thread."""

    progressed = Signal(float)


class ExportDialog(EscCloses, QWidget):
    finished = Signal(object)  # ExportResult, or None when cancelled or failed

    def __init__(self, document: FilmDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("exportDialog")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(arg(self.tr("Export %1"), document.film.title or document.path.name))
        self.document = document
        self.library = document.session.library
        self.trims: dict[str, TrimStrip] = {}
        self.cancel_event: threading.Event | None = None
        self.job = None
        self.relay = ProgressRelay(self)
        self.relay.progressed.connect(lambda f: self.progress.setValue(round(f * 1000)))

        rows = QWidget()
        rows_layout = QVBoxLayout(rows)
        for index, shot in enumerate(document.film.shots):
            rows_layout.addWidget(self._shot_row(index, shot))
        rows_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(rows)
        scroll.setWidgetResizable(True)

        self.out = QLineEdit(str(default_output(document.path)))
        self.out.setObjectName("exportPath")
        browse = QPushButton(self.tr("Choose…"))
        browse.clicked.connect(self._browse)
        self.progress = QProgressBar()
        self.progress.setObjectName("exportProgress")
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(True)
        self.status = QLabel()
        self.status.setObjectName("exportStatus")
        self.status.setWordWrap(True)
        self.export_button = QPushButton(self.tr("Export MP4"))
        self.export_button.setObjectName("exportStart")
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setObjectName("exportCancel")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        out_row = QHBoxLayout()
        out_row.addWidget(QLabel(self.tr("Save as")))
        out_row.addWidget(self.out, 1)
        out_row.addWidget(browse)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress, 1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.cancel_button)
        self._check_takes()
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(out_row)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.resize(760, 640)

    def _shot_row(self, index: int, shot) -> QWidget:
        box = QGroupBox(f"{index + 1}. {shot.id} — {shot.prompt[:60]}")
        form = QFormLayout(box)
        if shot.take is None or shot.take not in self.library:
            form.addRow(QLabel(self.tr("No take yet: render the film first.")))
            return box
        clip = self.library.get(shot.take)
        trim = TrimStrip(self.library, clip, shot.trim)
        trim.setObjectName(f"trim_{shot.id}")
        trim.rangeEdited.connect(lambda a, b, s=shot.id: self._trimmed(s))
        self.trims[shot.id] = trim
        form.addRow(self.tr("Trim"), trim)
        if index > 0:
            kind = QComboBox()
            kind.setObjectName(f"transition_{shot.id}")
            kind.addItem(self.tr("Cut"), "cut")
            kind.addItem(self.tr("Crossfade"), "crossfade")
            seconds = QDoubleSpinBox()
            seconds.setRange(0.1, 5.0)
            seconds.setSingleStep(0.1)
            seconds.setSuffix(self.tr(" s"))
            seconds.setValue(shot.transition.seconds or 0.5)
            kind.setCurrentIndex(1 if shot.transition.type == "crossfade" else 0)
            seconds.setEnabled(shot.transition.type == "crossfade")
            row = QHBoxLayout()
            row.addWidget(kind)
            row.addWidget(seconds)
            holder = QWidget()
            holder.setLayout(row)

            def changed(*_args, s=shot.id, k=kind, sec=seconds) -> None:
                sec.setEnabled(k.currentData() == "crossfade")
                spawn(self._transition(s, k.currentData(), sec.value()))

            kind.currentIndexChanged.connect(changed)
            seconds.editingFinished.connect(changed)
            form.addRow(self.tr("Into this shot"), holder)
        gif = QPushButton(self.tr("GIF / WebP of this take…"))
        gif.setObjectName(f"animation_{shot.id}")
        gif.clicked.connect(lambda _c=False, c=clip, t=trim: self._animation(c, t))
        form.addRow("", gif)
        return box

    def _missing(self) -> list[str]:
        return [s.id for s in self.document.film.shots
                if s.take is None or s.take not in self.library]

    def _check_takes(self) -> None:
        """Say before the export what would stop it (no take) or surprise (a stale take)."""
        missing = self._missing()
        stale = [s.id for s in self.document.film.shots
                 if s.id not in missing and self.document.card(s.id).state == "stale"]
        notes = []
        if missing:
            notes.append(arg(self.tr("No take yet for %1: render the film first."),
                             ", ".join(missing)))
        if stale:
            notes.append(arg(self.tr("Stale (their takes are from before a change): %1."),
                             ", ".join(stale)))
        self.status.setText(" ".join(notes))
        self.export_button.setEnabled(not missing)

    # -- edits ----------------------------------------------------------------------------

    def _trimmed(self, shot_id: str) -> None:
        trim = self.trims[shot_id].trim()
        spawn(self.document.update(shot_id, trim=list(trim) if trim else None))

    async def _transition(self, shot_id: str, kind: str, seconds: float) -> None:
        value = {"type": "crossfade", "seconds": round(seconds, 2)} if kind == "crossfade" \
            else None
        try:
            await self.document.update(shot_id, transition=value)
        except ShotListError as error:
            self.status.setText(str(error))

    def _animation(self, clip, trim: TrimStrip):
        from .export_clip import ClipExportDialog

        window = ClipExportDialog(self.library, clip, trim.slider.value(), self)
        window.show()
        return window

    def _browse(self) -> None:
        dialog = QFileDialog(self, self.tr("Export the film"), self.out.text(),
                             self.tr("MP4 video (*.mp4)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(self.out.setText)
        dialog.open()

    # -- the export -----------------------------------------------------------------------

    def start_export(self):
        self.cancel_event = threading.Event()
        self.export_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.status.setText(self.tr("Exporting…"))
        self.job = spawn(self.export(Path(self.out.text()), self.cancel_event))
        return self.job

    async def export(self, out: Path, cancel: threading.Event) -> ExportResult | None:
        result = None
        try:
            result = await export_film(self.document.film, self.library, out,
                                       self.relay.progressed.emit, cancel)
        except ExportCancelled:
            self.status.setText(self.tr("Cancelled; nothing was written."))
        except (ExportFailed, ShotListError, OSError) as error:
            self.status.setText(arg(self.tr("The export failed: %1"), str(error)))
        else:
            notes = "".join(f"<br>{n}" for n in result.notes)
            self.status.setText(arg(self.tr("Saved %1 (%2).%3"), str(out),
                                    duration(result.duration_seconds), notes))
            self.progress.setValue(1000)
        finally:
            self.export_button.setEnabled(not self._missing())
            self.cancel_button.setEnabled(False)
        self.finished.emit(result)
        return result

    def cancel(self) -> None:
        if self.cancel_event is not None:
            self.cancel_event.set()
            self.status.setText(self.tr("Cancelling…"))
