"""Compare 2–4 takes side by side: one transport for all, frame-accurate steps, an A/B wipe.

Every view shows the same frame number: frames are decoded once per take (in a worker,
`compare_frames`) and the transport moves one index for all, so after k steps every view
shows frame k (a shorter take holds its last frame). With two takes an A/B wipe shows A
left of a draggable line and B right of it. Verdicts (keep / reject / ★) are keys from
`COMPARE_SHORTCUTS` and act on the selected view; the owner decides what they mean.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import numpy as np
from PySide6.QtCore import QRect, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QImage, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from .compare_frames import DecodedTake, decode_take, fit_width
from .compare_keys import COMPARE_SHORTCUTS
from .film_tasks import alive
from .i18n import arg

VERDICT_COLOURS = {"keep": "#30a46c", "reject": "#e5484d"}


def to_qimage(frame: np.ndarray) -> QImage:
    height, width, _ = frame.shape
    return QImage(frame.data, width, height, width * 3, QImage.Format.Format_RGB888).copy()


class FramePane(QWidget):
    """One take's picture at the shared frame number, with its label and verdict."""

    clicked = Signal()

    def __init__(self, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        self.take: DecodedTake | None = None
        self.other: DecodedTake | None = None  # B, in wipe mode
        self.shown_index = -1
        self.image = QImage()
        self.other_image = QImage()
        self.wipe = 0.5
        self.verdict = ""
        self.starred = False
        self.selected = False
        self.setMinimumSize(240, 150)

    def show_frame(self, index: int) -> None:
        if self.take is None:
            return
        self.shown_index = min(index, self.take.count - 1)
        self.image = to_qimage(self.take.frames[self.shown_index])
        if self.other is not None:
            self.other_image = to_qimage(self.other.frames[min(index, self.other.count - 1)])
        self.update()

    def _target(self, image: QImage) -> QRect:
        size = image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        return QRect((self.width() - size.width()) // 2, (self.height() - size.height()) // 2,
                     size.width(), size.height())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#111113"))
        if not self.image.isNull():
            target = self._target(self.image)
            painter.drawImage(target, self.image)
            if self.other is not None and not self.other_image.isNull():
                split = target.left() + round(target.width() * self.wipe)
                right = QRect(split, target.top(), target.right() - split + 1, target.height())
                scale = self.other_image.width() / max(1, target.width())
                source = QRect(round((split - target.left()) * scale), 0,
                               round(right.width() * scale), self.other_image.height())
                painter.drawImage(right, self.other_image, source)
                painter.setPen(QColor("white"))
                painter.drawLine(split, target.top(), split, target.bottom())
        painter.setPen(QColor("white"))
        tag = self.label + ("  ★" if self.starred else "")
        if self.other is not None:
            tag = arg(self.tr("%1  ◂ A | B ▸"), tag)
        painter.fillRect(QRect(0, 0, self.width(), 22), QColor(0, 0, 0, 150))
        metrics = painter.fontMetrics()
        room = self.width() - 12 - (metrics.horizontalAdvance(self.verdict_text()) + 12
                                    if self.verdict else 0)
        tag = metrics.elidedText(tag, Qt.TextElideMode.ElideRight, max(0, room))
        painter.drawText(QRect(6, 0, self.width() - 12, 22), Qt.AlignmentFlag.AlignVCenter, tag)
        if self.verdict:
            painter.setPen(QColor(VERDICT_COLOURS[self.verdict]))
            painter.drawText(QRect(6, 0, self.width() - 12, 22),
                             Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                             self.verdict_text())
        if self.selected:
            painter.setPen(QColor("#0090ff"))
            painter.drawRect(self.rect().adjusted(0, 0, -1, -1))

    def verdict_text(self) -> str:
        return {"keep": self.tr("KEEP"), "reject": self.tr("REJECT")}.get(self.verdict, "")

    def mousePressEvent(self, event) -> None:
        self.clicked.emit()
        if self.other is not None:
            self._move_wipe(event.position().x())

    def mouseMoveEvent(self, event) -> None:
        if self.other is not None:
            self._move_wipe(event.position().x())

    def _move_wipe(self, x: float) -> None:
        target = self._target(self.image) if not self.image.isNull() else self.rect()
        self.wipe = min(1.0, max(0.0, (x - target.left()) / max(1, target.width())))
        self.update()


class CompareView(QWidget):
    verdict = Signal(int, str)  # view index, "keep" | "reject" | "star"
    frameChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareView")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.takes: list[DecodedTake] = []
        self.panes: list[FramePane] = []
        self.frame = 0
        self.selected = 0
        self.wipe_on = False
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._tick)
        self.grid = QGridLayout()
        self.play = QPushButton(self.tr("Play"))
        self.play.setObjectName("comparePlay")
        self.play.clicked.connect(self.toggle)
        previous = QPushButton("◀")
        previous.setObjectName("comparePrevious")
        previous.setAccessibleName(self.tr("Previous frame"))
        previous.clicked.connect(lambda: self.step(-1))
        following = QPushButton("▶")
        following.setObjectName("compareNext")
        following.setAccessibleName(self.tr("Next frame"))
        following.clicked.connect(lambda: self.step(1))
        self.wipe_button = QPushButton(self.tr("A/B wipe"))
        self.wipe_button.setObjectName("compareWipe")
        self.wipe_button.setCheckable(True)
        self.wipe_button.toggled.connect(self.set_wipe)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("compareSlider")
        self.slider.valueChanged.connect(self.seek)
        self.position = QLabel()
        self.position.setObjectName("comparePosition")
        transport = QHBoxLayout()
        for widget in (previous, self.play, following, self.slider, self.position,
                       self.wipe_button):
            transport.addWidget(widget, 1 if widget is self.slider else 0)
        verdicts = QHBoxLayout()
        verdicts.addWidget(QLabel(self.tr("Selected take:")))
        for kind, text in (("keep", self.tr("Keep (P)")), ("reject", self.tr("Reject (X)")),
                           ("star", self.tr("★ Favourite (S)"))):
            button = QPushButton(text)
            button.setObjectName(f"compare_{kind}")
            button.clicked.connect(lambda _c=False, k=kind: self.verdict.emit(self.selected, k))
            verdicts.addWidget(button)
        verdicts.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(self.grid, 1)
        layout.addLayout(transport)
        layout.addLayout(verdicts)
        slots = {"compare.toggle": self.toggle, "compare.next": lambda: self.step(1),
                 "compare.previous": lambda: self.step(-1),
                 "compare.keep": lambda: self.verdict.emit(self.selected, "keep"),
                 "compare.reject": lambda: self.verdict.emit(self.selected, "reject"),
                 "compare.star": lambda: self.verdict.emit(self.selected, "star"),
                 "compare.wipe": lambda: self.wipe_button.toggle()}
        for n in range(4):
            slots[f"compare.select{n + 1}"] = lambda n=n: self.select(n)
        self.shortcuts = {}
        for action_id, keys, _text in COMPARE_SHORTCUTS:
            self.shortcuts[action_id] = QShortcut(
                QKeySequence(keys), self, activated=slots[action_id],
                context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

    async def load(self, paths: list[Path], labels: list[str]) -> None:
        """Decode every take (in workers), then show frame 0 in every view."""
        width = await asyncio.to_thread(fit_width, paths, 640 if len(paths) <= 2 else 420)
        takes = list(await asyncio.gather(
            *(asyncio.to_thread(decode_take, p, width) for p in paths)))
        if not alive(self):  # closed while decoding
            return
        self.takes = takes
        for pane in self.panes:
            pane.deleteLater()
        self.panes = []
        for index, (take, label) in enumerate(zip(self.takes, labels, strict=True)):
            pane = FramePane(label)
            pane.take = take
            pane.clicked.connect(lambda index=index: self.select(index))
            self.panes.append(pane)
            columns = 2 if len(self.takes) > 1 else 1
            self.grid.addWidget(pane, index // columns, index % columns)
        self.timer.setInterval(round(1000 / (self.takes[0].fps or 24)))
        self.slider.setRange(0, max(t.count for t in self.takes) - 1)
        self.wipe_button.setEnabled(len(self.takes) == 2)
        self.select(0)
        self.seek(0)

    def seek(self, frame: int) -> None:
        if not self.takes:
            return
        self.frame = max(0, min(frame, self.slider.maximum()))
        for pane in self.panes:
            pane.show_frame(self.frame)
        if self.slider.value() != self.frame:
            self.slider.setValue(self.frame)
        self.position.setText(arg(self.tr("frame %1 / %2"), self.frame + 1,
                                  self.slider.maximum() + 1))
        self.frameChanged.emit(self.frame)

    def step(self, delta: int) -> None:
        """Pause, and move every view by `delta` frames."""
        self.pause()
        self.seek(self.frame + delta)

    def toggle(self) -> None:
        if self.timer.isActive():
            self.pause()
        else:
            if self.frame >= self.slider.maximum():
                self.seek(0)
            self.timer.start()
            self.play.setText(self.tr("Pause"))

    def pause(self) -> None:
        self.timer.stop()
        self.play.setText(self.tr("Play"))

    def _tick(self) -> None:
        if self.frame >= self.slider.maximum():
            self.pause()
            return
        self.seek(self.frame + 1)

    def select(self, index: int) -> None:
        if not 0 <= index < len(self.panes):
            return
        self.selected = index
        for n, pane in enumerate(self.panes):
            pane.selected = n == index
            pane.update()

    def set_wipe(self, on: bool) -> None:
        """A/B wipe: the first view shows A left of the line and B right of it."""
        if len(self.panes) != 2:
            return
        self.wipe_on = on
        first, second = self.panes
        first.other = self.takes[1] if on else None
        second.setVisible(not on)
        first.show_frame(self.frame)

    def set_verdict(self, index: int, verdict: str = "", starred: bool | None = None) -> None:
        pane = self.panes[index]
        pane.verdict = verdict
        if starred is not None:
            pane.starred = starred
        pane.update()

    def shown_frames(self) -> list[int]:
        """The frame number each view shows now (tests; accessibility)."""
        return [pane.shown_index for pane in self.panes]
