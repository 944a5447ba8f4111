"""How a library card looks: the poster (or, under the mouse, a filmstrip frame), badges
for duration, model, aspect, favourite and variation, and two lines of caption with cost.
"""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QCoreApplication, QModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ..core.library import ClipRow
from .library_model import ROLE_CLIP, TILE, LibraryModel

PAD = 8
CAPTION_LINES = 2
FRAMES = 10
FACES_KEPT = 150  # ~3 screens of cards, 140 kB each


def tr(text: str) -> str:
    return QCoreApplication.translate("LibraryCards", text)


def money(cents: int) -> str:
    return f"${cents / 100:,.2f}"


def card_size(font: QFont) -> QSize:
    line = QFontMetrics(font).lineSpacing()
    return QSize(TILE.width() + 2 * PAD, TILE.height() + 2 * PAD + line * (CAPTION_LINES + 1))


def badges(clip: ClipRow) -> dict[str, str]:
    """Corner → text: what a creator tells clips apart by at a glance."""
    corners = {}
    if clip.favourite:
        corners["top-left"] = "★"
    top_right = [clip.aspect or "", f"#{clip.variation}" if clip.variation > 1 else ""]
    if any(top_right):
        corners["top-right"] = " · ".join(t for t in top_right if t)
    corners["bottom-left"] = clip.model
    if clip.duration_seconds:
        corners["bottom-right"] = tr("%1 s").replace("%1", str(clip.duration_seconds))
    return corners


class CardDelegate(QStyledItemDelegate):
    """Paints cards. `hover` is (row, frame) while the mouse scrubs across a card."""

    def __init__(self, model: LibraryModel, parent=None) -> None:
        super().__init__(parent)
        self.model = model
        self.hover: tuple[int, int] | None = None
        # Badges and captions cost ~0.3 ms a card to draw; a viewport of 50 cards would
        # stall scrolling by 15 ms. Each card face is drawn once into a pixmap and reused.
        self._faces: OrderedDict[tuple, QPixmap] = OrderedDict()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return card_size(option.font)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        clip: ClipRow | None = index.data(ROLE_CLIP)
        if clip is None:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = option.palette
        card = option.rect.adjusted(2, 2, -2, -2)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(card, 6, 6)
        elif option.state & QStyle.StateFlag.State_MouseOver:
            painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(card, 6, 6)
        image = QRect(card.left() + PAD - 2, card.top() + PAD - 2, TILE.width(), TILE.height())
        text_color = palette.color(QPalette.ColorRole.HighlightedText if selected
                                   else QPalette.ColorRole.Text)
        hovering = self.hover is not None and self.hover[0] == index.row()
        plain = not (selected or option.state & QStyle.StateFlag.State_MouseOver)
        if hovering or not plain:
            self._picture(painter, image, clip, index)
            self._badges(painter, image, clip)
            self._caption(painter, option, image, clip, text_color)
        else:
            painter.drawPixmap(card.topLeft(), self._face(option, index, clip, text_color))
            painter.restore()
            return
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setPen(palette.color(QPalette.ColorRole.Highlight).lighter(130))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card, 6, 6)
        painter.restore()

    def _face(self, option: QStyleOptionViewItem, index: QModelIndex, clip: ClipRow,
              text_color: QColor) -> QPixmap:
        """The card's poster, badges and caption, drawn once. Opaque (the view's base
        colour): blitting it is a copy, not a blend. Selected or hovered cards are drawn
        directly, over their highlight."""
        tile = index.data(Qt.ItemDataRole.DecorationRole)
        background = option.palette.color(QPalette.ColorRole.Base)
        key = (clip, tile.cacheKey() if tile is not None else 0, text_color.rgba(),
               background.rgba(), option.font.key(), option.rect.size().toTuple())
        face = self._faces.get(key)
        if face is not None:
            self._faces.move_to_end(key)
            return face
        ratio = option.widget.devicePixelRatioF() if option.widget is not None else 1.0
        size = option.rect.adjusted(2, 2, -2, -2).size()
        if size.isEmpty():
            return QPixmap()
        face = QPixmap(size * ratio)
        face.setDevicePixelRatio(ratio)
        face.fill(background)
        painter = QPainter(face)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        image = QRect(PAD - 2, PAD - 2, TILE.width(), TILE.height())
        painter.fillRect(image, QColor("#1d1f23"))
        if tile is not None and not tile.isNull():
            painter.drawPixmap(_fit(tile.size(), image), tile)
        self._badges(painter, image, clip)
        self._caption(painter, option, image, clip, text_color)
        painter.end()
        self._faces[key] = face
        while len(self._faces) > FACES_KEPT:
            self._faces.popitem(last=False)
        return face

    def _picture(self, painter: QPainter, image: QRect, clip: ClipRow,
                 index: QModelIndex) -> None:
        painter.fillRect(image, QColor("#1d1f23"))
        if self.hover is not None and self.hover[0] == index.row():
            strip = self.model.filmstrip(clip)
            if strip is not None and not strip.isNull():
                frame_w = strip.width() // FRAMES
                source = QRect(self.hover[1] * frame_w, 0, frame_w, strip.height())
                target = _fit(source.size(), image)
                painter.drawPixmap(target, strip, source)
                self._scrub_bar(painter, image)
                return
        pixmap = index.data(Qt.ItemDataRole.DecorationRole)
        if pixmap is not None and not pixmap.isNull():
            painter.drawPixmap(_fit(pixmap.size(), image), pixmap)

    def _scrub_bar(self, painter: QPainter, image: QRect) -> None:
        assert self.hover is not None
        width = image.width() * (self.hover[1] + 1) // FRAMES
        painter.fillRect(QRect(image.left(), image.bottom() - 2, width, 3), QColor("#4f6bff"))

    def _badges(self, painter: QPainter, image: QRect, clip: ClipRow) -> None:
        font = QFont(painter.font())
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        painter.setFont(font)
        metrics = QFontMetrics(font)
        for corner, text in badges(clip).items():
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, image.width() // 2)
            size = QSize(metrics.horizontalAdvance(text) + 8, metrics.height() + 2)
            x = image.left() + 4 if corner.endswith("left") else image.right() - size.width() - 3
            y = image.top() + 4 if corner.startswith("top") else image.bottom() - size.height() - 3
            box = QRect(QPoint(x, y), size)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(0, 0, 0, 170))
            painter.drawRoundedRect(box, 4, 4)
            painter.setPen(QColor("#ffd54a") if text == "★" else QColor("#f2f2f2"))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _caption(self, painter: QPainter, option: QStyleOptionViewItem, image: QRect,
                 clip: ClipRow, color: QColor) -> None:
        painter.setFont(option.font)
        metrics = QFontMetrics(option.font)
        painter.setPen(color)
        line = metrics.lineSpacing()
        area = QRect(image.left(), image.bottom() + 4, image.width(), line * CAPTION_LINES)
        prompt = " ".join(clip.prompt.split())
        layout_text = metrics.elidedText(prompt, Qt.TextElideMode.ElideRight,
                                         area.width() * CAPTION_LINES - metrics.averageCharWidth())
        painter.drawText(area, Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft,
                         layout_text)
        faded = QColor(color)
        faded.setAlphaF(0.65)
        painter.setPen(faded)
        meta = money(clip.cost_cents) if clip.cost_cents is not None else ""
        painter.drawText(QRect(area.left(), area.bottom() + 1, area.width(), line),
                         Qt.AlignmentFlag.AlignLeft, meta)


def _fit(size: QSize, box: QRect) -> QRect:
    """Centre `size` scaled to fit inside `box` (letterboxed, never stretched)."""
    if size.isEmpty():
        return box
    scaled = size.scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
    return QRect(box.left() + (box.width() - scaled.width()) // 2,
                 box.top() + (box.height() - scaled.height()) // 2,
                 scaled.width(), scaled.height())
