"""A take's filmstrip with a range slider under it: the in and out points of a trim.

superqt's QDoubleRangeSlider (two handles, float values) under the take's ten-frame
filmstrip, so the creator sees what the trim keeps. `rangeEdited` fires on release only,
so the film file is written once per gesture, not on every pixel.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from superqt import QDoubleRangeSlider

from ..core.film.decode import probe
from ..core.filmstrip import make_filmstrip_for
from ..core.library import ClipRecord, Library
from .film_tasks import alive
from .i18n import arg, number
from .tasks import spawn

STRIP_HEIGHT = 54


class TrimStrip(QWidget):
    rangeEdited = Signal(float, float)  # in, out (seconds)

    def __init__(self, library: Library, clip: ClipRecord, trim: tuple[float, float] | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library, self.clip = library, clip
        self.length = 0.0
        self._initial = trim
        self.strip = QLabel()
        self.strip.setObjectName("trimStrip")
        self.strip.setFixedHeight(STRIP_HEIGHT)
        self.strip.setMinimumWidth(320)
        self.strip.setScaledContents(True)
        self.slider = QDoubleRangeSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("trimSlider")
        self.slider.setAccessibleName(self.tr("Trim: in and out points"))
        self.slider.setEnabled(False)
        self.slider.valueChanged.connect(self._show_range)
        self.slider.sliderReleased.connect(self._released)
        self.range_label = QLabel()
        self.range_label.setObjectName("trimRange")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.strip)
        column.addWidget(self.slider)  # as wide as the strip: handles sit under their frames
        self.range_label.setAlignment(Qt.AlignmentFlag.AlignRight)
        column.addWidget(self.range_label)
        self.ready = spawn(self._load())

    @property
    def path(self) -> Path:
        return self.library.absolute(self.clip.file)

    async def _load(self) -> None:
        try:
            self.length, _rate, _audio = await asyncio.to_thread(probe, self.path)
        except Exception as error:  # the take will not decode: the export will say so too
            if alive(self):
                    self.range_label.setText(arg(self.tr("cannot read: %1"), str(error)))
            return
        if not alive(self):
            return
        start_, end = self._initial or (0.0, self.length)
        self.slider.setRange(0.0, self.length)
        self.slider.setValue((start_, min(end, self.length)))
        self.slider.setEnabled(True)
        self._show_range(self.slider.value())
        strip = self.library.filmstrip_path(self.clip.file)
        if not strip.exists():
            strip = await make_filmstrip_for(self.library, self.clip.file)
        if strip is not None:
            image = await asyncio.to_thread(QImage, str(strip))
            if alive(self) and not image.isNull():
                self.strip.setPixmap(QPixmap.fromImage(image))

    def _show_range(self, value) -> None:
        start_, end = value
        self.range_label.setText(arg(self.tr("%1–%2 s"), number(start_, 2), number(end, 2)))

    def _released(self) -> None:
        start_, end = self.slider.value()
        self.rangeEdited.emit(float(start_), float(end))

    def set_range(self, start_: float, end: float) -> None:
        """Move both handles as a drag would, and report it (tests, keyboard)."""
        self.slider.setValue((start_, end))
        self._released()

    def trim(self) -> tuple[float, float] | None:
        """The chosen range, or None when it is the whole take."""
        start_, end = self.slider.value()
        if start_ <= 1e-3 and end >= self.length - 1e-3:
            return None
        return round(float(start_), 3), round(float(end), 3)
