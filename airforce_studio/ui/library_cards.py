"""How a library card looks: the poster (or, under the mouse, a filmstrip frame), badges
for duration, model, aspect, favourite and variation, and two lines of caption with cost.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from ..core.library import ClipRow
from . import i18n
from .library_model import ROLE_CLIP, TILE, LibraryModel

PAD = 8
CAPTION_LINES = 2
FRAMES = 10
CAPTIONS_KEPT = 400  # several screens of captions, ~30 kB each


def money(cents: int) -> str:
    return i18n.money(cents)


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
        corners["bottom-right"] = i18n.duration(clip.duration_seconds)
    return corners


class CardGrid(QListView):
    """The grid of cards. Events on its viewport (hover scrub, the keyboard's context menu)
    go to `on_viewport_event` first, which returns True for an event it consumed. This,
    rather than an event filter on `viewport()`, because the first `viewport()` call makes
    PySide search for the viewport's Python type (~4 ms before the first paint)."""

    def __init__(self, on_viewport_event: Callable[[QEvent], bool]) -> None:
        super().__init__()
        self._on_viewport_event = on_viewport_event

    def viewportEvent(self, event: QEvent) -> bool:
        return self._on_viewport_event(event) or super().viewportEvent(event)


class CardDelegate(QStyledItemDelegate):
    """Paints cards. `hover` is (row, frame) while the mouse scrubs across a card."""

    def __init__(self, model: LibraryModel, parent=None) -> None:
        super().__init__(parent)
        self.model = model
        self.hover: tuple[int, int] | None = None
        # Text is the slow part of a card (~0.3 ms; 50 cards would stall a scroll by
        # 15 ms): badges and captions are drawn once into small pixmaps and blitted.
        # Posters are separate pieces, so a poster arriving never redraws any text.
        self._badges: OrderedDict[tuple, QPixmap] = OrderedDict()
        self._captions: OrderedDict[tuple, QPixmap] = OrderedDict()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        return card_size(option.font)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        clip: ClipRow | None = index.data(ROLE_CLIP)
        if clip is None:
            return
        painter.save()
        palette = option.palette
        card = option.rect.adjusted(2, 2, -2, -2)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected or option.state & QStyle.StateFlag.State_MouseOver:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight if selected
                                           else QPalette.ColorRole.AlternateBase))
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawRoundedRect(card, 6, 6)
        image = QRect(card.left() + PAD - 2, card.top() + PAD - 2, TILE.width(), TILE.height())
        self._picture(painter, image, clip, index)
        ratio = painter.device().devicePixelRatioF()
        for corner, text in badges(clip).items():
            badge = self._badge(text, option.font, ratio)
            size = badge.deviceIndependentSize().toSize()
            x = image.left() + 4 if corner.endswith("left") else image.right() - size.width() - 3
            y = image.top() + 4 if corner.startswith("top") else image.bottom() - size.height() - 3
            painter.drawPixmap(x, y, badge)
        text_color = palette.color(QPalette.ColorRole.HighlightedText if selected
                                   else QPalette.ColorRole.Text)
        painter.drawPixmap(image.left(), image.bottom() + 4,
                           self._caption(clip, option.font, text_color, image.width(), ratio))
        if option.state & QStyle.StateFlag.State_HasFocus:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(palette.color(QPalette.ColorRole.Highlight).lighter(130))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(card, 6, 6)
        painter.restore()

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

    def _badge(self, text: str, base_font: QFont, ratio: float) -> QPixmap:
        key = (text, base_font.key(), ratio)
        badge = self._badges.get(key)
        if badge is not None:
            return badge
        font = QFont(base_font)
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        metrics = QFontMetrics(font)
        text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, TILE.width() // 2)
        size = QSize(metrics.horizontalAdvance(text) + 8, metrics.height() + 2)
        badge = _canvas(size, ratio)
        painter = QPainter(badge)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(font)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 170))
        painter.drawRoundedRect(QRect(QPoint(0, 0), size), 4, 4)
        painter.setPen(QColor("#ffd54a") if text == "★" else QColor("#f2f2f2"))
        painter.drawText(QRect(QPoint(0, 0), size), Qt.AlignmentFlag.AlignCenter, text)
        painter.end()
        return _keep(self._badges, key, badge, 256)

    def _caption(self, clip: ClipRow, font: QFont, color: QColor, width: int,
                 ratio: float) -> QPixmap:
        key = (clip.prompt, clip.cost_cents, font.key(), color.rgba(), width, ratio)
        caption = self._captions.get(key)
        if caption is not None:
            self._captions.move_to_end(key)
            return caption
        metrics = QFontMetrics(font)
        line = metrics.lineSpacing()
        caption = _canvas(QSize(width, line * (CAPTION_LINES + 1) + 1), ratio)
        painter = QPainter(caption)
        painter.setFont(font)
        painter.setPen(color)
        area = QRect(0, 0, width, line * CAPTION_LINES)
        prompt = " ".join(clip.prompt.split())
        shown = metrics.elidedText(prompt, Qt.TextElideMode.ElideRight,
                                   width * CAPTION_LINES - metrics.averageCharWidth())
        painter.drawText(area, Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft, shown)
        faded = QColor(color)
        faded.setAlphaF(0.65)
        painter.setPen(faded)
        meta = money(clip.cost_cents) if clip.cost_cents is not None else ""
        painter.drawText(QRect(0, area.bottom() + 1, width, line), Qt.AlignmentFlag.AlignLeft,
                         meta)
        painter.end()
        return _keep(self._captions, key, caption, CAPTIONS_KEPT)


def _canvas(size: QSize, ratio: float) -> QPixmap:
    pixmap = QPixmap(size * ratio)
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    return pixmap


def _keep(cache: OrderedDict, key: tuple, pixmap: QPixmap, limit: int) -> QPixmap:
    cache[key] = pixmap
    while len(cache) > limit:
        cache.popitem(last=False)
    return pixmap


def _fit(size: QSize, box: QRect) -> QRect:
    """Centre `size` scaled to fit inside `box` (letterboxed, never stretched)."""
    if size.isEmpty():
        return box
    scaled = size.scaled(box.size(), Qt.AspectRatioMode.KeepAspectRatio)
    return QRect(box.left() + (box.width() - scaled.width()) // 2,
                 box.top() + (box.height() - scaled.height()) // 2,
                 scaled.width(), scaled.height())
