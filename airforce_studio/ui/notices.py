"""The notices area: a dismissable banner for the latest news, a list of all of it, and a
count badge for the status bar. Nothing here is modal: the loop keeps running.

Notices with the same key replace each other (a countdown, the lost-clips summary), so
a start that finds three lost clips shows one line, not three dialogs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from . import i18n
from .notice_text import Wording

COLOURS = {"info": "#2f6feb", "warning": "#d29922", "error": "#e5484d"}


@dataclass
class Entry:
    wording: Wording
    at: float = field(default_factory=time.time)
    dismissed: bool = False
    seen: bool = False  # it has been the banner once


class NoticeArea(QWidget):
    """Post wordings with `post()`; the banner shows the newest one not yet dismissed."""

    actionRequested = Signal(str)  # a Wording.action: "retry-now", "resume", "api-key"
    countChanged = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notices")
        self._entries: dict[str, Entry] = {}
        self.banner = QFrame()
        self.banner.setObjectName("noticeBanner")
        self.banner.setBackgroundRole(QPalette.ColorRole.AlternateBase)  # follows the theme
        self.banner.setAutoFillBackground(True)
        self.text = QLabel()
        self.text.setObjectName("noticeText")
        self.text.setWordWrap(True)
        # Notices quote servers (a gateway's HTML page): show them as text, never render them.
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.action = QPushButton()
        self.action.setObjectName("noticeAction")
        self.action.setAccessibleName(self.tr("Notice action"))
        self.action.clicked.connect(self._act)
        self.details = QPushButton(self.tr("Details"))
        self.details.setObjectName("noticeDetails")
        self.details.setAccessibleName(self.tr("Show every notice"))
        self.details.clicked.connect(self.toggle_list)
        self.dismiss = QToolButton()
        self.dismiss.setText("×")
        self.dismiss.setObjectName("noticeDismiss")
        self.dismiss.setAccessibleName(self.tr("Dismiss this notice"))
        self.dismiss.setToolTip(self.tr("Dismiss (it stays in the list)"))
        self.dismiss.clicked.connect(self.dismiss_current)
        row = QHBoxLayout(self.banner)
        row.setContentsMargins(10, 6, 6, 6)
        row.addWidget(self.text, 1)
        row.addWidget(self.action)
        row.addWidget(self.details)
        row.addWidget(self.dismiss)
        self.list = QListWidget()
        self.list.setObjectName("noticeList")
        self.list.setAccessibleName(self.tr("Notices"))
        self.list.setWordWrap(True)
        self.list.hide()
        self.badge = QToolButton()
        self.badge.setObjectName("noticesBadge")
        self.badge.setAccessibleName(self.tr("Notices"))
        self.badge.setAutoRaise(True)
        self.badge.clicked.connect(self.toggle_list)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.list)
        self._current: str | None = None
        self._refresh()

    # -- feeding ----------------------------------------------------------------------

    def post(self, wording: Wording) -> None:
        """Add or replace the notice with this key; a banner one shows at once."""
        old = self._entries.get(wording.key)
        entry = Entry(wording)
        if old is not None and old.wording.text == wording.text:
            entry = Entry(wording, old.at, old.dismissed, old.seen)
        elif old is not None and old.dismissed and wording.key == self._current:
            entry.dismissed = False
        self._entries.pop(wording.key, None)
        self._entries[wording.key] = entry  # newest last
        self._refresh()

    def update_text(self, key: str, text: str) -> None:
        """Change a notice's words in place (a countdown) without raising it again."""
        entry = self._entries.get(key)
        if entry is not None:
            entry.wording = Wording(key, text, entry.wording.level, entry.wording.action,
                                    entry.wording.banner)
            self._refresh()

    def resolve(self, key: str) -> None:
        """The condition is over (the server answers): drop its banner, keep it listed.

        Older news the banner already showed (a "paid twice") does not come back in its
        place: it was read, and the list keeps it. A condition the user must still act on
        (a notice with an action, such as a full disk) does come back."""
        entry = self._entries.get(key)
        if entry is not None:
            entry.dismissed = True
            entry.wording = Wording(key, entry.wording.text, "info", None, False)
            for other in self._entries.values():
                if other.seen and not other.wording.action:
                    other.dismissed = True
            self._refresh()

    def entries(self) -> list[Wording]:
        return [e.wording for e in self._entries.values()]

    def get(self, key: str) -> Wording | None:
        entry = self._entries.get(key)
        return entry.wording if entry else None

    # -- the user ---------------------------------------------------------------------

    def dismiss_current(self) -> None:
        if self._current in self._entries:
            self._entries[self._current].dismissed = True
        self._refresh()

    def toggle_list(self) -> None:
        self.list.setVisible(not self.list.isVisible() and bool(self._entries))

    def _act(self) -> None:
        entry = self._entries.get(self._current or "")
        if entry is not None and entry.wording.action:
            self.actionRequested.emit(entry.wording.action)

    # -- showing ----------------------------------------------------------------------

    def _refresh(self) -> None:
        self.list.clear()
        for entry in reversed(self._entries.values()):
            stamp = i18n.time_of_day(entry.at)
            row = QListWidgetItem(f"{stamp}  {entry.wording.text}")
            row.setToolTip(entry.wording.text)
            self.list.addItem(row)
        showing = [k for k, e in self._entries.items() if e.wording.banner and not e.dismissed]
        self._current = showing[-1] if showing else None
        if self._current is None:
            self.banner.hide()
        else:
            self._entries[self._current].seen = True
            wording = self._entries[self._current].wording
            colour = COLOURS.get(wording.level, COLOURS["info"])
            self.banner.setStyleSheet(f"#noticeBanner {{ border-left: 4px solid {colour}; }}")
            self.text.setText(wording.text)
            labels = {"retry-now": self.tr("Retry now"), "resume": self.tr("Resume sending"),
                      "api-key": self.tr("Change API key…")}
            self.action.setText(labels.get(wording.action or "", ""))
            self.action.setAccessibleName(self.action.text() or self.tr("Notice action"))
            self.action.setVisible(bool(wording.action))
            self.banner.show()
        count = len(self._entries)
        rows = min(max(count, 1), 5)  # up to five lines tall; it scrolls beyond
        self.list.setFixedHeight(rows * max(self.list.sizeHintForRow(0), 18) + 6)
        self.details.setText(self.tr("All notices (%n)", None, count))
        self.badge.setText(self.tr("Notices (%n)", None, count))
        self.badge.setVisible(count > 0)
        if not count:
            self.list.hide()
        self.countChanged.emit(count)
