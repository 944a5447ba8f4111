"""The window's look: light and dark palettes (Fusion style), chosen in Settings (system,
light or dark), one spacing grid, and the colours hints and errors are written in.

"system" follows the OS colour scheme, live. After a palette change every icon from
`ui/icons.py` is redrawn in the new colours, so none vanishes in the dark theme.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from ..core.settings import THEME_CHOICES, Settings

ACCENT = QColor("#4f6bff")
ERROR = "#e5484d"  # errors only; hints are in the palette's placeholder colour
WARNING = "#c27c0e"
# One spacing grid: every margin and gap is a multiple of GRID.
GRID = 4
SPACE = 2 * GRID  # between related controls
GAP = 4 * GRID  # between groups
_choice = "system"
_connected = False


def choice() -> str:
    return _choice


def is_dark() -> bool:
    if _choice != "system":
        return _choice == "dark"
    return QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_theme(app: QApplication, theme: str | None = None) -> str:
    """Apply `theme` ("system", "light", "dark"; None: the saved setting); returns it."""
    global _choice, _connected
    if theme is None:
        theme = Settings.load().theme
    _choice = theme if theme in THEME_CHOICES else "system"
    app.setStyle("Fusion")
    _repaint(app)
    if not _connected:  # "system" follows the OS while the window is open
        _connected = True
        app.styleHints().colorSchemeChanged.connect(
            lambda _scheme: _choice == "system" and _repaint(app))
    return _choice


def _repaint(app: QApplication) -> None:
    app.setPalette(dark_palette() if is_dark() else light_palette())
    # A widget with a style sheet keeps the palette it was polished with (Qt does not pass
    # a new application palette on to it): setting its sheet again re-polishes it, so a
    # live switch does not leave black text and light buttons on the dark window.
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet(sheet)
    from . import icons  # icons import qtawesome lazily; nothing heavy here

    icons.refresh_all()


def hint_style() -> str:
    """A style sheet for hint text: readable, clearly not an error; follows the palette."""
    return "color: palette(placeholder-text);"


def error_style() -> str:
    return f"color: {ERROR};"


def warning_style() -> str:
    return f"color: {WARNING};"


def light_palette() -> QPalette:
    palette = QApplication.style().standardPalette() if QApplication.instance() else QPalette()
    palette.setColor(QPalette.ColorRole.Highlight, ACCENT)
    palette.setColor(QPalette.ColorRole.Link, ACCENT)
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor("#6b6f78"))
    return palette


def dark_palette() -> QPalette:
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#202226",
        QPalette.ColorRole.WindowText: "#e8e8ea",
        QPalette.ColorRole.Base: "#17181b",
        QPalette.ColorRole.AlternateBase: "#25272c",
        QPalette.ColorRole.ToolTipBase: "#2c2e33",
        QPalette.ColorRole.ToolTipText: "#e8e8ea",
        QPalette.ColorRole.Text: "#e8e8ea",
        QPalette.ColorRole.Button: "#2a2c31",
        QPalette.ColorRole.ButtonText: "#e8e8ea",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Highlight: ACCENT.name(),
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#8ea0ff",
        QPalette.ColorRole.PlaceholderText: "#9a9ca2",
        QPalette.ColorRole.Light: "#3a3c42",
        QPalette.ColorRole.Midlight: "#33353a",
        QPalette.ColorRole.Mid: "#2a2c31",
        QPalette.ColorRole.Dark: "#111214",
        QPalette.ColorRole.Shadow: "#000000",
    }
    for role, colour in roles.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#6b6d73"))
    return palette
