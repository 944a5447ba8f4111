"""Small formatting helpers shared by the panels (money, durations, elided prompts)."""

from __future__ import annotations

from . import i18n


def money(cents: int) -> str:
    return i18n.money(cents)


def duration(seconds: float) -> str:
    """`m:ss` below an hour, `h h mm min` above (elapsed time, time to expiry)."""
    seconds = max(0, int(seconds))
    if seconds >= 3600:
        return i18n.duration(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


def short_prompt(prompt: str, limit: int = 48) -> str:
    """A prompt on one line, elided in the middle: names a clip in a sentence."""
    text = " ".join(prompt.split())
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return f"{text[:half]}…{text[-half:]}"
