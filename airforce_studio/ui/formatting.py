"""Small formatting helpers shared by the panels (money, durations, elided prompts)."""

from __future__ import annotations


def money(cents: int) -> str:
    return f"${cents / 100:,.2f}"


def duration(seconds: float) -> str:
    """`m:ss` below an hour, `h h mm min` above (elapsed time, time to expiry)."""
    seconds = max(0, int(seconds))
    if seconds >= 3600:
        return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"
    return f"{seconds // 60}:{seconds % 60:02d}"


def short_prompt(prompt: str, limit: int = 48) -> str:
    """A prompt on one line, elided in the middle: names a clip in a sentence."""
    text = " ".join(prompt.split())
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return f"{text[:half]}…{text[-half:]}"
