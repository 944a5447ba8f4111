"""Small editor controls: a seed box for the API's whole 0..2^32−1 range, a count box that
says "3 variations", a prompt box with history recall, and the first frame's fit preview."""

from __future__ import annotations

from PySide6.QtCore import QRect, QRegularExpression, QSize, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPixmap, QRegularExpressionValidator
from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QSpinBox, QWidget

from . import keymap
from .editor_model import SEED_MAX


class SeedEdit(QLineEdit):
    """A seed in 0..2^32−1: QSpinBox is 32-bit signed, so this is a validated line edit.
    `valueChanged(int)` fires for every acceptable value typed (an object signal: Qt's
    int is 32-bit)."""

    valueChanged = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,10}"), self))
        self.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        self.setPlaceholderText("0 – " + str(SEED_MAX))
        self.textEdited.connect(self._edited)
        self.editingFinished.connect(lambda: self.setText(str(self.value())))

    def value(self) -> int:
        text = self.text().strip()
        return min(int(text), SEED_MAX) if text.isdigit() else 0

    def setValue(self, value: int) -> None:
        value = min(max(int(value), 0), SEED_MAX)
        if self.text() != str(value):
            self.setText(str(value))

    def _edited(self, text: str) -> None:
        if text.isdigit() and int(text) > SEED_MAX:
            self.setText(str(SEED_MAX))  # typed past the top: the top, not a wrap-around
        if self.text().isdigit():
            self.valueChanged.emit(self.value())


class CountSpin(QSpinBox):
    """"1 variation", "3 variations": a plural the translation gets right."""

    def textFromValue(self, value: int) -> str:
        return self.tr("%n variation(s)", "", value)

    def valueFromText(self, text: str) -> int:
        digits = "".join(ch for ch in text if ch.isdigit())
        return int(digits) if digits else self.minimum()

    def validate(self, text: str, pos: int):
        digits = "".join(ch for ch in text if ch.isdigit())
        from PySide6.QtGui import QValidator

        if not digits:
            return QValidator.State.Intermediate, text, pos
        ok = self.minimum() <= int(digits) <= self.maximum()
        return (QValidator.State.Acceptable if ok else QValidator.State.Invalid), text, pos


class PromptEdit(QPlainTextEdit):
    """The prompt box: Alt+Up / Alt+Down (from the keyboard map) step through history;
    Tab moves focus on (a prompt never needs a tab character)."""

    historyStep = Signal(bool)  # True: older

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        self._older = keymap.sequences("promptOlder")
        self._newer = keymap.sequences("promptNewer")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        combo = event.keyCombination().toCombined()
        if any(seq.count() and seq[0].toCombined() == combo for seq in self._older):
            self.historyStep.emit(True)
            return
        if any(seq.count() and seq[0].toCombined() == combo for seq in self._newer):
            self.historyStep.emit(False)
            return
        super().keyPressEvent(event)


def aspect_value(aspect: str | None) -> float | None:
    try:
        width, height = (float(part) for part in str(aspect).split(":"))
    except ValueError:
        return None
    return width / height if width > 0 and height > 0 else None


def fit_preview(image: QPixmap, aspect: float, size: QSize, crop: bool,
                dark: bool) -> QPixmap:
    """The chosen frame shape with the image fitted in it: letterboxed (bars) or cropped
    (the parts cut off shaded outside the frame)."""
    canvas = QPixmap(size)
    canvas.fill(QColor(0, 0, 0, 0))
    frame_w = min(size.width(), int(size.height() * aspect))
    frame_h = int(frame_w / aspect)
    frame = QRect((size.width() - frame_w) // 2, (size.height() - frame_h) // 2,
                  frame_w, frame_h)
    painter = QPainter(canvas)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    mode = (Qt.AspectRatioMode.KeepAspectRatioByExpanding if crop
            else Qt.AspectRatioMode.KeepAspectRatio)
    scaled = image.scaled(frame.size(), mode, Qt.TransformationMode.SmoothTransformation)
    target = QRect(0, 0, scaled.width(), scaled.height())
    target.moveCenter(frame.center())
    painter.fillRect(frame, QColor("#000000"))
    painter.drawPixmap(target, scaled)
    if crop:  # what is cut off: dimmed, outside the frame
        shade = QColor(255, 255, 255, 150) if dark else QColor(0, 0, 0, 150)
        for part in (QRect(target.left(), target.top(), target.width(),
                           frame.top() - target.top()),
                     QRect(target.left(), frame.bottom() + 1, target.width(),
                           target.bottom() - frame.bottom()),
                     QRect(target.left(), target.top(), frame.left() - target.left(),
                           target.height()),
                     QRect(frame.right() + 1, target.top(), target.right() - frame.right(),
                           target.height())):
            if part.width() > 0 and part.height() > 0:
                painter.fillRect(part, shade)
    painter.setPen(QColor("#4f6bff"))
    painter.drawRect(frame.adjusted(0, 0, -1, -1))
    painter.end()
    return canvas


class FitWarning(QLabel):
    """Shown when the first frame's shape differs from the chosen aspect: says so, and
    previews how it will be fitted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fitWarning")
        self.setWordWrap(True)
        self.preview = QLabel()
        self.preview.setObjectName("fitPreview")
        self.preview.setAccessibleName(self.tr("How the first frame will be fitted"))
        self.hide()
        self.preview.hide()
