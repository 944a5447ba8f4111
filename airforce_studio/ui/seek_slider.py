"""A position slider that seeks where it is clicked."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QSlider, QStyle, QStyleOptionSlider


class SeekSlider(QSlider):
    """A click anywhere on the groove jumps there (a plain QSlider only steps a page)."""

    seekRequested = Signal(int)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.maximum() > self.minimum():
            option = QStyleOptionSlider()
            self.initStyleOption(option)
            groove = self.style().subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                                 QStyle.SubControl.SC_SliderGroove, self)
            handle = self.style().subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                                 QStyle.SubControl.SC_SliderHandle, self)
            x = int(event.position().x()) - groove.left() - handle.width() // 2
            span = max(1, groove.width() - handle.width())
            value = QStyle.sliderValueFromPosition(self.minimum(), self.maximum(), x, span)
            self.setValue(value)
            self.seekRequested.emit(value)
        super().mousePressEvent(event)
