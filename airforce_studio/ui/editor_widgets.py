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


def fit_preview(image: QPixmap, aspect: float, size: QSize, dark: bool) -> QPixmap:
    """The whole image, with the frame of the chosen shape drawn on it: what falls outside
    the frame (cropped away) is shaded."""
    scaled = image.scaled(size, Qt.AspectRatioMode.KeepAspectRatio,
                          Qt.TransformationMode.SmoothTransformation)
    canvas = QPixmap(size)
    canvas.fill(QColor(0, 0, 0, 0))
    picture = QRect(0, 0, scaled.width(), scaled.height())
    picture.moveCenter(canvas.rect().center())
    width = min(picture.width(), round(picture.height() * aspect))
    frame = QRect(0, 0, width, min(picture.height(), round(width / aspect)))
    frame.moveCenter(picture.center())
    painter = QPainter(canvas)
    painter.drawPixmap(picture, scaled)
    shade = QColor(0, 0, 0, 170) if dark else QColor(255, 255, 255, 170)
    for part in (QRect(picture.left(), picture.top(), picture.width(),
                       frame.top() - picture.top()),
                 QRect(picture.left(), frame.bottom() + 1, picture.width(),
                       picture.bottom() - frame.bottom()),
                 QRect(picture.left(), frame.top(), frame.left() - picture.left(),
                       frame.height()),
                 QRect(frame.right() + 1, frame.top(), picture.right() - frame.right(),
                       frame.height())):
        if part.width() > 0 and part.height() > 0:
            painter.fillRect(part, shade)
    pen = painter.pen()
    pen.setColor(QColor("#4f6bff"))
    pen.setWidth(2)
    painter.setPen(pen)
    painter.drawRect(frame.adjusted(1, 1, -1, -1))
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
