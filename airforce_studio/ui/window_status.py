"""The window's status area: spend, the notices (banner, list, badge) and the queue's
pause state, all fed by engine notices through the bridge's queued connection.

Lost clips found at start are summed into one line ("3 clips from the last session are
lost…"); server trouble counts down to the next try; nothing opens a dialog.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLabel, QSystemTrayIcon

from ..core.events import EngineNotice
from ..core.journal import Item, ItemState
from .formatting import money
from .i18n import arg
from .notice_text import Wording, lost_summary, server_trouble_text, word
from .notices import NoticeArea

if TYPE_CHECKING:
    from .main_window import MainWindow

# The states an item enters when money is debited, adjusted or refunded.
MONEY_MOVES = frozenset({ItemState.CREATED, ItemState.DOWNLOADING, ItemState.FAILED,
                         ItemState.EXPIRED, ItemState.LOST})
LAST_SESSION_KEY = "lost-last-session"


class WindowStatus(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.engine = window.engine
        self.journal = window.session.journal
        self.started_at = time.time()  # clips sent before this are "from the last session"
        self.notices = NoticeArea()
        self.notices.actionRequested.connect(self._act)
        self.spend = QLabel()
        self.spend.setObjectName("spend")
        bar = window.statusBar()
        bar.addWidget(self.spend)
        bar.addPermanentWidget(self.notices.badge)
        self._lost_before: set[int] = set()
        self._server: dict | None = None
        self._busy_since_drain = False
        self._countdown = QTimer(self, interval=1000, timeout=self._tick_server)

    # -- items ------------------------------------------------------------------------

    def on_item(self, item: Item) -> None:
        if not item.state.is_final:
            self._busy_since_drain = True
        if item.state in MONEY_MOVES:  # not on every progress event: it reads the ledger
            self.update_spend()

    def update_spend(self) -> None:
        summary = self.window.session.ledger.summary()
        text = arg(self.tr("Spent today %1 · this month %2"), money(summary.today_cents),
                   money(summary.month_cents))
        # In the demo the sums are simulated: say so where a newcomer sees "Spent today".
        self.spend.setText(text + (" " + self.tr("(demo: simulated, nothing is paid)")
                                   if self.window.demo else ""))
        self.window.queue.model.set_ledger(self.journal.ledger())

    # -- notices ----------------------------------------------------------------------

    def on_notice(self, notice: EngineNotice) -> None:
        kind, p = notice.kind, notice.params
        if kind in ("paused", "resumed"):
            self.window.queue.set_paused(self.engine.pause_reasons)
            if kind == "resumed" and p.get("reason") == "account":
                self.notices.resolve("paused-account")
            if kind == "resumed" and p.get("reason") == "local":
                self.notices.resolve("local")
        if kind == "drained":
            self._drained()
            return
        if kind == "lost" and self._from_last_session(p.get("item_id")):
            self._lost_before.add(p.get("item_id"))
            self._post_lost_summary(len(self._lost_before))
            return
        if kind == "recovery-report" and p.get("lost"):
            self._lost_before.update(p.get("lost_items") or ())
            self._post_lost_summary(max(len(self._lost_before), int(p.get("lost") or 0)))
        if kind == "server-trouble":
            self._server = dict(p)
            self._countdown.start()
        if kind == "server-ok":
            self._server = None
            self._countdown.stop()
            self.notices.resolve("server")
            return
        wording = word(notice, self._lookup)
        if wording is not None:
            self.notices.post(wording)

    def post(self, key: str, text: str, level: str = "warning") -> None:
        self.notices.post(Wording(key, text, level))

    def _from_last_session(self, item_id) -> bool:
        item = self._lookup(item_id)
        return item is not None and (item.submit_started or item.added_at) < self.started_at

    def _post_lost_summary(self, count: int) -> None:
        self.notices.post(Wording(LAST_SESSION_KEY, lost_summary(count), "error"))

    def _lookup(self, item_id) -> Item | None:
        try:
            return self.journal.get(int(item_id))
        except (KeyError, TypeError, ValueError, LookupError):
            return None

    def _tick_server(self) -> None:
        if self._server is None:
            self._countdown.stop()
            return
        self.notices.update_text("server", server_trouble_text(self._server))

    def _act(self, action: str) -> None:
        if action == "retry-now":
            self.engine.retry_now()
        elif action == "api-key":
            self.window.open_key_dialog()  # open(), not exec(): saving a key resumes
        elif action == "resume":
            self.engine.resume_queue()  # the user's, the account's and local trouble's

    def _drained(self) -> None:
        if self._busy_since_drain:
            self._busy_since_drain = False
            self.window.tray.showMessage("Airforce Studio",
                                         self.tr("Every clip in the queue is done."),
                                         QSystemTrayIcon.MessageIcon.Information, 5000)
