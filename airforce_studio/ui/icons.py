"""Icons from a maintained set (qtawesome's Material Design Icons), drawn in the palette's
text colours, so they read in the light and the dark theme alike.

A widget given an icon here remembers its name (`iconName` property); `refresh_all()`
redraws every such icon after a theme change. qtawesome is imported on first use: its
fonts load then, not while the window paints for the first time.
"""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication, QIcon, QPalette
from PySide6.QtWidgets import QAbstractButton, QApplication

PROPERTY = "iconName"
# startup (issue 14): while True, set_icon only names the icon; ui/startup.py sets it for
# the first paint (importing qtawesome takes ~130 ms) and calls refresh_all() right after.
deferred = False


def icon(name: str) -> QIcon:
    """`name` (e.g. "mdi6.folder-open-outline") in the palette's colours: text for normal,
    the highlight for active, the disabled text colour for disabled."""
    import qtawesome

    palette = QGuiApplication.palette()
    normal = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.ButtonText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    return qtawesome.icon(name, color=normal, color_disabled=disabled,
                          color_active=normal, color_selected=palette.highlightedText().color())


def set_icon(widget: QAbstractButton, name: str) -> None:
    widget.setProperty(PROPERTY, name)
    if not deferred:  # startup: drawn by refresh_all() after the first paint
        widget.setIcon(icon(name))


def refresh_all() -> int:
    """Redraw every named icon in the current palette; how many were redrawn."""
    redrawn = 0
    for widget in QApplication.allWidgets():
        name = widget.property(PROPERTY)
        if name and isinstance(widget, QAbstractButton):
            widget.setIcon(icon(str(name)))
            redrawn += 1
    return redrawn
