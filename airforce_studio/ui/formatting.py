"""Small formatting helpers shared by the panels. Money and time go through `ui.i18n`, so
every panel follows the window's language (US$1.25 / US$1,25); only eliding is local."""

from __future__ import annotations

from . import i18n
from .i18n import arg, clock  # noqa: F401 - re-exported: panels import them from here


def money(cents: int) -> str:
    """US cents in the window's locale (`i18n.money`)."""
    return i18n.money(cents)


def duration(seconds: float) -> str:
    """Elapsed time, time to expiry: a clock (`1:05`) below an hour, words above."""
    return i18n.clock(seconds) if seconds < 3600 else i18n.duration(seconds)


def short_prompt(prompt: str, limit: int = 48) -> str:
    """A prompt on one line, elided in the middle: names a clip in a sentence."""
    text = " ".join(prompt.split())
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return f"{text[:half]}…{text[-half:]}"
