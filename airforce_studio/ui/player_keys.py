"""The player's keys and titles, apart from the player: the keyboard map reads them without
loading QtMultimedia (the window paints before it loads; ui/player.py re-exports them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP

from .i18n import arg, translate

if TYPE_CHECKING:
    from ..core.library import ClipRecord

# (action id, key, description): merged into the window's keyboard map.
PLAYER_SHORTCUTS: list[tuple[str, str, str]] = [
    ("player.toggle", "Space", QT_TRANSLATE_NOOP("PlayerPanel", "Play / pause")),
    ("player.back", "J", QT_TRANSLATE_NOOP("PlayerPanel", "Back 5 seconds")),
    ("player.pause", "K", QT_TRANSLATE_NOOP("PlayerPanel", "Pause")),
    ("player.forward", "L", QT_TRANSLATE_NOOP("PlayerPanel", "Play; again for 2× and 4× speed")),
    ("player.previous_frame", ",", QT_TRANSLATE_NOOP("PlayerPanel", "Previous frame (pauses)")),
    ("player.next_frame", ".", QT_TRANSLATE_NOOP("PlayerPanel", "Next frame (pauses)")),
    ("player.full_screen", "F", QT_TRANSLATE_NOOP("PlayerPanel", "Full screen on / off")),
    ("player.leave_full_screen", "Esc", QT_TRANSLATE_NOOP("PlayerPanel", "Leave full screen")),
    ("player.mute", "M", QT_TRANSLATE_NOOP("PlayerPanel", "Mute / unmute")),
    ("player.loop", "O", QT_TRANSLATE_NOOP("PlayerPanel", "Loop on / off")),
]


def clock(ms: int) -> str:
    seconds = max(0, ms) // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


def take_name(clip: ClipRecord) -> str:
    """Model, seed and variation: what tells two takes of one prompt apart."""
    seed = [] if clip.seed is None else [arg(translate("PlayerPanel", "seed %1"), clip.seed)]
    parts = [clip.model, *seed]
    if clip.variation:
        parts.append(arg(translate("PlayerPanel", "variation #%1"), clip.variation))
    return " · ".join(parts)


def clip_title(clip: ClipRecord) -> str:
    """The take's name and (the start of) its prompt."""
    prompt = " ".join(clip.prompt.split())
    return take_name(clip) + " — " + (prompt[:120] + "…" if len(prompt) > 120 else prompt)
