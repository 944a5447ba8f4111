"""Shot cards: the chosen take's poster, the prompt, the price and the state, painted.

Painted by a delegate rather than built from widgets, so a card can be dragged to a new
place in the row (item widgets do not survive a move) and hundreds of shots stay cheap.
The "+ Chain from this shot" link is a region of the card that the view hit-tests.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPixmap
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from .i18n import money

CARD = QSize(232, 252)
POSTER = QSize(216, 122)
SHOT_ROLE = Qt.ItemDataRole.UserRole + 1  # shot id
STATE_COLOURS = {"ready": "#30a46c", "stale": "#f76b15", "needs-take": "#8b8d98",
                 "rendering": "#0090ff", "paused": "#ffc53d", "failed": "#e5484d"}


def state_text(state: str) -> str:
    return {
        "ready": QCoreApplication.translate("Storyboard", "Ready"),
        "stale": QCoreApplication.translate("Storyboard", "Stale"),
        "needs-take": QCoreApplication.translate("Storyboard", "Needs a take"),
        "rendering": QCoreApplication.translate("Storyboard", "Rendering…"),
        "paused": QCoreApplication.translate("Storyboard", "Paused"),
        "failed": QCoreApplication.translate("Storyboard", "Failed"),
    }.get(state, state)


def fitted(left: int, top: int, text_width: int, most: int) -> QRect:
    """A chip or badge as wide as its text (a translated state can be twice the English),
    at least 110 px so the row keeps its look, never wider than `most`."""
    return QRect(left, top, max(110, min(text_width + 16, most)), 20)


def chain_rect(card: QRect) -> QRect:
    """Where "+ Chain from this shot" is drawn (and clicked) on a card."""
    return QRect(card.left() + 8, card.bottom() - 30, card.width() - 16, 24)


class ShotCardDelegate(QStyledItemDelegate):
    """Paints one card from the view's `card_for(shot_id)` → (CardState, Shot, QPixmap|None)."""

    def __init__(self, card_for, parent=None) -> None:
        super().__init__(parent)
        self.card_for = card_for

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        return CARD

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        shot_id = index.data(SHOT_ROLE)
        found = self.card_for(shot_id)
        if found is None:
            return
        card, shot, poster = found
        palette = option.palette
        rect = option.rect.adjusted(4, 4, -4, -4)
        rect.setHeight(min(rect.height(), CARD.height() - 8))  # a row stretches items: not cards
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.setPen(QColor(palette.highlight().color() if selected else palette.mid().color()))
        painter.setBrush(palette.base())
        painter.drawRoundedRect(rect, 8, 8)
        poster_rect = QRect(rect.left() + 8, rect.top() + 8, POSTER.width(), POSTER.height())
        self._poster(painter, poster_rect, poster, palette)
        # The shot id and chain mark over the poster's corner.
        badge = shot.id + (f"  ← {shot.source.shot}" if shot.source else "")
        painter.setPen(QColor("white"))
        badge_rect = fitted(poster_rect.left(), poster_rect.top(),
                            painter.fontMetrics().horizontalAdvance(badge), POSTER.width())
        painter.fillRect(badge_rect, QColor(0, 0, 0, 150))
        painter.drawText(badge_rect.adjusted(6, 0, -6, 0), Qt.AlignmentFlag.AlignVCenter,
                         painter.fontMetrics().elidedText(
                             badge, Qt.TextElideMode.ElideRight, badge_rect.width() - 12))
        # The prompt, two lines at most.
        text_rect = QRect(rect.left() + 8, poster_rect.bottom() + 6, rect.width() - 16, 36)
        painter.setPen(palette.text().color())
        metrics = painter.fontMetrics()
        elided = metrics.elidedText(shot.prompt, Qt.TextElideMode.ElideRight,
                                    text_rect.width() * 2 - 20)
        painter.drawText(text_rect, Qt.TextFlag.TextWordWrap, elided)
        # State chip and price.
        bold = QFont(painter.font())
        bold.setBold(True)
        price = "—" if card.cents is None else money(card.cents)
        room = text_rect.width() - painter.fontMetrics().horizontalAdvance(price) - 8
        painter.setFont(bold)
        chip_rect = fitted(rect.left() + 8, text_rect.bottom() + 4,
                           painter.fontMetrics().horizontalAdvance(state_text(card.state)), room)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(STATE_COLOURS.get(card.state, "#8b8d98")))
        painter.drawRoundedRect(chip_rect, 10, 10)
        painter.setPen(QColor("white"))
        painter.drawText(chip_rect, Qt.AlignmentFlag.AlignCenter, painter.fontMetrics().elidedText(
            state_text(card.state), Qt.TextElideMode.ElideRight, chip_rect.width() - 12))
        painter.setFont(option.font)
        painter.setPen(palette.text().color())
        painter.drawText(QRect(chip_rect.right() + 6, chip_rect.top(),
                               rect.right() - chip_rect.right() - 14, 20),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, price)
        # The chain link.
        link = chain_rect(rect)
        painter.setPen(palette.link().color())
        painter.drawText(link, Qt.AlignmentFlag.AlignCenter,
                         QCoreApplication.translate("Storyboard", "+ Chain from this shot"))
        painter.restore()

    def _poster(self, painter: QPainter, rect: QRect, poster: QPixmap | None, palette) -> None:
        painter.fillRect(rect, QColor("#1c1c1f"))
        if poster is None or poster.isNull():
            painter.setPen(palette.mid().color())
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter,
                             QCoreApplication.translate("Storyboard", "No take yet"))
            return
        scaled = poster.scaled(rect.size(), Qt.AspectRatioMode.KeepAspectRatio,
                               Qt.TransformationMode.SmoothTransformation)
        x = rect.left() + (rect.width() - scaled.width()) // 2
        y = rect.top() + (rect.height() - scaled.height()) // 2
        painter.drawPixmap(x, y, scaled)
