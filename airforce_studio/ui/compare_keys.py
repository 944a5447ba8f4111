"""The compare view's keys, in a module of their own so the window's keyboard map can merge
them without importing the view (and numpy) at start-up."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

# (id, key, text): merged into the window's one keyboard map; active while the view has focus.
COMPARE_SHORTCUTS: list[tuple[str, str, str]] = [
    ("compare.toggle", "Shift+Space", QT_TRANSLATE_NOOP("CompareView", "Play / pause every view")),
    ("compare.next", "Right", QT_TRANSLATE_NOOP("CompareView", "Next frame (every view)")),
    ("compare.previous", "Left", QT_TRANSLATE_NOOP("CompareView", "Previous frame (every view)")),
    ("compare.keep", "P", QT_TRANSLATE_NOOP("CompareView", "Keep the selected take")),
    ("compare.reject", "X", QT_TRANSLATE_NOOP("CompareView", "Reject the selected take")),
    ("compare.star", "S", QT_TRANSLATE_NOOP("CompareView", "★ Favourite the selected take")),
    ("compare.wipe", "W", QT_TRANSLATE_NOOP("CompareView", "A/B wipe on / off (two takes)")),
    ("compare.select1", "1", QT_TRANSLATE_NOOP("CompareView", "Select view A")),
    ("compare.select2", "2", QT_TRANSLATE_NOOP("CompareView", "Select view B")),
    ("compare.select3", "3", QT_TRANSLATE_NOOP("CompareView", "Select view C")),
    ("compare.select4", "4", QT_TRANSLATE_NOOP("CompareView", "Select view D")),
]
