"""The window's own wording of engine notices (translatable; never `notice.message`).

`word()` turns an `EngineNotice` into what the notices area shows: one sentence, a level,
a key (notices with one key replace each other instead of piling up) and, where the user
can do something about it, an action.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject

from ..core.events import EngineNotice
from ..core.journal import Item
from .formatting import short_prompt
from .i18n import arg

translate = QCoreApplication.translate  # lupdate finds translate("Context", "…")



class Notices(QObject):
    """The sentences that count (%n): lupdate marks `self.tr(…, n)` as plural forms, not
    `translate(…, n)`, so they live on a QObject whose class name is their context."""

    def lost_last_session(self, n: int) -> str:
        return self.tr("%n clip(s) from the last session are lost at the provider "
                       "(not refunded).", None, n)

    def waiting_locally(self, n: int) -> str:
        return self.tr("%n clip(s) wait in the local queue.", None, n)

    def at_provider(self, n: int) -> str:
        return self.tr("%n clip(s) already sent are kept at the provider until they can "
                       "be downloaded.", None, n)

    def free_space(self) -> str:
        return self.tr("Free space and resume.")

    def reattached(self, n: int) -> str:
        return self.tr("%n clip(s) re-attached", None, n)

    def requeued(self, n: int) -> str:
        return self.tr("%n sent again (never reached the provider)", None, n)

    def failed(self, n: int) -> str:
        return self.tr("%n failed", None, n)

    def paid_twice(self, n: int) -> str:
        return self.tr("%n paid twice", None, n)

    def needs_attention(self, n: int) -> str:
        return self.tr("%n need(s) attention", None, n)


_counted: Notices | None = None


def counted() -> Notices:
    global _counted
    if _counted is None:
        _counted = Notices()
    return _counted


@dataclass(frozen=True)
class Wording:
    key: str  # same key → the newer notice replaces the older one
    text: str
    level: str = "info"  # "info" | "warning" | "error"
    action: str | None = None  # "retry-now" | "resume" | "api-key" | None
    banner: bool = True  # also shown in the banner (not only in the list)


def clip_name(item: Item | None, item_id) -> str:
    if item is None:
        return arg(translate("Notices", "clip #%1"), str(item_id))
    return arg(translate("Notices", "clip #%1 “%2”"), str(item.id), short_prompt(item.prompt, 40))


def server_trouble_text(params, now: float | None = None) -> str:
    """'The server is not answering (HTTP 502, an HTML page). Next try in 12 s.'"""
    status, body = params.get("status"), params.get("body")
    bits = []
    if status:
        bits.append(arg(translate("Notices", "HTTP %1"), str(status)))
    if body == "html":
        bits.append(translate("Notices", "an HTML page"))
    elif body == "not-json":
        bits.append(translate("Notices", "not JSON"))
    if not bits and params.get("error"):
        bits.append(str(params.get("error")))
    what = ", ".join(bits)
    if body == "not-json":  # it answers, but with something that is not the API's JSON
        text = arg(translate("Notices", "The server's answers cannot be read (%1)."), what)
    else:
        text = (arg(translate("Notices", "The server is not answering (%1)."), what) if what
                else translate("Notices", "The server is not answering."))
    next_try = params.get("next_try_at")
    if next_try:
        wait = max(0, round(float(next_try) - (now or time.time())))
        text += " " + (arg(translate("Notices", "Next try in %1 s."), str(wait)) if wait
                       else translate("Notices", "Trying again now…"))
    text += " " + translate("Notices", "New clips wait in the local queue.")
    return text


def word(notice: EngineNotice, lookup: Callable[[int], Item | None]) -> Wording | None:
    """None for notices the window shows elsewhere (pause state, drained)."""
    p = notice.params
    kind, item_id = notice.kind, p.get("item_id")
    if kind == "lost":
        text = arg(translate("Notices", "%1 is lost at the provider (not refunded): %2"),
                   clip_name(lookup(item_id), item_id), p.get("why") or "")
        return Wording(f"lost-{item_id}", text[:1].upper() + text[1:], "error")
    if kind == "failed":
        text = (translate("Notices", "%1 failed; the provider keeps the charge: %2")
                if p.get("charged") else translate("Notices", "%1 failed (refunded): %2"))
        text = arg(text, clip_name(lookup(item_id), item_id), p.get("why") or "")
        return Wording(f"failed-{item_id}", text[:1].upper() + text[1:], "warning")
    if kind == "paid-twice":
        text = arg(translate("Notices", "Clip #%1 was paid twice (one send reached the "
                                        "provider twice). Both clips are kept; the second "
                                        "is #%2."), item_id, p.get("duplicate_item_id"))
        return Wording(f"paid-twice-{item_id}", text, "warning")
    if kind == "needs-attention":
        text = arg(translate("Notices", "Clip #%1 needs attention (%2): %3. Retry runs it "
                                        "again."), item_id, p.get("step"), p.get("error"))
        return Wording(f"attention-{item_id}", text, "warning")
    if kind == "server-trouble":
        return Wording("server", server_trouble_text(p), "error", "retry-now")
    if kind == "server-ok":
        return Wording("server", translate("Notices", "The server answers again."), "info",
                       banner=False)
    if kind == "local-trouble":
        what = (translate("Notices", "The disk is full") if p.get("what") == "disk-full"
                else translate("Notices", "The data folder cannot be written"))
        words, waiting, sent = counted(), int(p.get("waiting") or 0), int(p.get("at_provider") or 0)
        parts = [arg(translate("Notices", "%1 (%2)."), what, p.get("path"))]
        parts += [words.waiting_locally(waiting)] if waiting else []
        parts += [words.at_provider(sent)] if sent else []
        text = " ".join([*parts, words.free_space()])
        return Wording("local", text, "error", "resume")
    if kind == "paused" and p.get("reason") == "account" and p.get("cause") == "key":
        text = arg(translate("Notices", "The provider refused the API key: %1. Sending is "
                                        "paused; clips wait in the local queue until a "
                                        "working key is set."), p.get("detail") or "")
        return Wording("paused-account", text, "error", "api-key")
    if kind == "paused" and p.get("reason") == "account":
        text = arg(translate("Notices", "Sending is paused: %1"), p.get("detail") or "")
        return Wording("paused-account", text, "error", "resume")
    if kind == "recovery-report":
        return _recovery(p)
    if kind == "db-recovered":
        text = arg(translate("Notices", "%1 was unreadable (%2). It was moved to %3; recovered "
                                        "what could be read."),
                   p.get("file"), p.get("reason"), p.get("moved_to"))
        return Wording(f"db-{p.get('file')}", text, "warning")
    if kind == "check-deferred":  # the server banner already says the server is away
        text = (arg(translate("Notices", "Could not yet check whether %1 was paid twice: the "
                                         "server did not answer. The next start checks "
                                         "again."), clip_name(lookup(item_id), item_id))
                if p.get("what") == "duplicate" else
                translate("Notices", "Could not look for clips made elsewhere with this key: "
                                     "the server did not answer. The next start looks again."))
        return Wording(f"check-{p.get('what')}-{item_id}", text, "warning", banner=False)
    if kind == "warning":
        return Wording(f"warning-{p.get('text')}", str(p.get("text", "")), "warning")
    return None


def _recovery(p) -> Wording | None:
    words = counted()
    parts = [say(int(p[name])) for name, say in (
        ("reattached", words.reattached), ("requeued", words.requeued),
        ("failed", words.failed), ("paid_twice", words.paid_twice),
        ("needs_attention", words.needs_attention)) if p.get(name)]
    if not parts:
        return None
    text = arg(translate("Notices", "The last session was picked up: %1."), ", ".join(parts))
    return Wording("recovery", text, "info", banner=False)


def lost_summary(count: int) -> str:
    """One line for the clips of the last session the provider no longer knows."""
    return counted().lost_last_session(count)
