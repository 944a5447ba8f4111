"""Pick the frame a chained shot continues from, on the take's filmstrip (not only "last").

The last frame of a generated clip is often garbled; the creator picks one of ten frames
spread over the take, or the last one. Times are given as the start of that frame (rounded
up to the millisecond), so `frame_at` in core extracts exactly the frame shown here.
"""

from __future__ import annotations

import asyncio
import math

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QIcon, QImage, QPixmap
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..core.filmstrip import FRAMES, make_filmstrip_for
from ..core.library import ClipRecord, Library
from .film_tasks import alive
from .i18n import arg, number
from .tasks import spawn

LAST = 100  # (QButtonGroup gives -1 to "none")


def strip_times(path) -> list[float]:
    """The time of each filmstrip frame (the frames `make_filmstrip` keeps). Blocking."""
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        rate = float(stream.average_rate or 24)
        total = stream.frames or int(float(stream.duration * stream.time_base) * rate)
    total = max(total, 1)
    return [math.ceil(min(total - 1, (i * total) // FRAMES) / rate * 1000) / 1000
            for i in range(FRAMES)]


class FramePicker(QDialog):
    picked = Signal(object)  # "last" or seconds (float)

    def __init__(self, library: Library, clip: ClipRecord, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("framePicker")
        self.setWindowTitle(self.tr("Continue from which frame?"))
        self.library, self.clip = library, clip
        self.times: list[float] = []
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.grid = QGridLayout()
        self.last = QToolButton()
        self.last.setObjectName("frameLast")
        self.last.setText(self.tr("Last frame"))
        self.last.setCheckable(True)
        self.last.setChecked(True)
        self.group.addButton(self.last, LAST)
        self.hint = QLabel(self.tr("Loading the filmstrip…"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("The new shot starts from the frame you pick "
                                        "(sent as its first frame).")))
        layout.addLayout(self.grid)
        layout.addWidget(self.last)
        layout.addWidget(self.hint)
        layout.addWidget(buttons)
        self.ready = spawn(self._load())

    async def _load(self) -> None:
        strip_path = self.library.filmstrip_path(self.clip.file)
        if not strip_path.exists():
            strip_path = await make_filmstrip_for(self.library, self.clip.file)
        clip_path = self.library.absolute(self.clip.file)
        try:
            self.times = await asyncio.to_thread(strip_times, clip_path)
            image = await asyncio.to_thread(QImage, str(strip_path)) if strip_path else QImage()
        except Exception as error:  # a take that will not decode: "last" still works
            if alive(self):
                self.hint.setText(arg(self.tr("No filmstrip: %1"), str(error)))
            return
        if not alive(self):
            return
        if image.isNull():
            self.hint.setText(self.tr("No filmstrip for this take; the last frame is used."))
            return
        width = image.width() // FRAMES
        for index, seconds in enumerate(self.times):
            button = QToolButton()
            button.setObjectName(f"frame{index}")
            button.setCheckable(True)
            tile = QPixmap.fromImage(image.copy(index * width, 0, width, image.height()))
            button.setIcon(QIcon(tile))
            button.setIconSize(QSize(width, image.height()))
            button.setText(arg(self.tr("%1 s"), number(seconds, 2)))
            button.setToolButtonStyle(button.toolButtonStyle().ToolButtonTextUnderIcon)
            self.group.addButton(button, index)
            self.grid.addWidget(button, index // 5, index % 5)
        self.hint.setText(self.tr("Click a frame, or keep the last one."))

    def choose(self, index: int) -> None:
        """Select a filmstrip frame (LAST for the last frame)."""
        self.group.button(index).setChecked(True)

    def frame(self) -> str | float:
        index = self.group.checkedId()
        return "last" if index == LAST or not 0 <= index < len(self.times) else self.times[index]

    def accept(self) -> None:
        self.picked.emit(self.frame())
        super().accept()
