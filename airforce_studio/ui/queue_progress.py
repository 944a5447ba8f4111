"""The queue's Progress column: a bar with its percentage while a clip renders, and a
moving bar while its file comes in (the Status column says "Downloading…").

The engine reports no byte counts for a download (it writes the file in a worker thread
and journals only state changes), so the bar cannot say how far along it is; it says that
it is alive instead. The pulse repaints only the downloading rows' Progress cells a few
times a second, and only while there are any: nothing runs per chunk, nothing is journaled.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionProgressBar,
    QTableView,
)

from ..core.journal import ItemState
from .queue_model import PROGRESS_COLUMN, QueueModel

BUSY = -1  # the Progress column's value while a clip downloads: alive, amount unknown
PULSE_MS = 120
SWEEP_SECONDS = 1.6  # one pass of the moving chunk from left to right


class ProgressDelegate(QStyledItemDelegate):
    """A left-to-right bar with its percentage, readable in light and dark themes."""

    def paint(self, painter, option, index) -> None:
        value = index.data()
        if value is None:
            super().paint(painter, option, index)
            return
        busy = int(value) == BUSY
        bar = QStyleOptionProgressBar()
        bar.rect = option.rect.adjusted(4, 5, -4, -5)
        bar.minimum, bar.maximum, bar.progress = 0, 100, 0 if busy else int(value)
        bar.text = "" if busy else f"{int(value)}%"  # the Status column says "Downloading…"
        bar.textVisible = not busy
        bar.textAlignment = Qt.AlignmentFlag.AlignCenter
        bar.direction = Qt.LayoutDirection.LeftToRight
        bar.invertedAppearance = False
        bar.state = option.state | QStyle.StateFlag.State_Horizontal
        bar.palette = QPalette(option.palette)
        bar.palette.setColor(QPalette.ColorRole.HighlightedText,
                             option.palette.color(QPalette.ColorRole.Text))
        style = option.widget.style() if option.widget else QApplication.style()
        if not busy:
            style.drawControl(QStyle.ControlElement.CE_ProgressBar, bar, painter)
            return
        style.drawControl(QStyle.ControlElement.CE_ProgressBarGroove, bar, painter)
        painter.save()
        colour = option.palette.color(QPalette.ColorRole.Highlight)
        colour.setAlphaF(0.55)
        painter.setRenderHint(painter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(chunk_rect(QRectF(bar.rect.adjusted(1, 1, -1, -1))), 2, 2)
        painter.restore()


def chunk_rect(groove: QRectF, now: float | None = None) -> QRectF:
    """A third of the groove, sliding left to right and entering again from the left."""
    phase = ((time.monotonic() if now is None else now) % SWEEP_SECONDS) / SWEEP_SECONDS
    width = groove.width() / 3
    left = groove.left() - width + phase * (groove.width() + width)
    rect = QRectF(left, groove.top(), width, groove.height())
    return rect.intersected(groove)


class BusyPulse(QObject):
    """Repaints the downloading rows' Progress cells while there are any."""

    def __init__(self, model: QueueModel, view: QTableView) -> None:
        super().__init__(view)
        self.model, self.view = model, view
        self.timer = QTimer(self, interval=PULSE_MS, timeout=self._pulse)
        self.beats = 0  # how many times it repainted (tests look)

    def check(self) -> None:
        """After the rows changed: run while a clip downloads, stop otherwise."""
        if self._rows():
            if not self.timer.isActive():
                self.timer.start()
        else:
            self.timer.stop()

    def _rows(self) -> list[int]:
        return [row for row, item in enumerate(self.model.items())
                if item.state == ItemState.DOWNLOADING]

    def _pulse(self) -> None:
        rows = self._rows()
        if not rows:
            self.timer.stop()
            return
        if not self.view.isVisible():
            return
        self.beats += 1
        viewport = self.view.viewport()
        for row in rows:  # a repaint of one cell each, no model signal, no layout
            viewport.update(self.view.visualRect(self.model.index(row, PROGRESS_COLUMN)))
