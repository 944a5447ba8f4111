"""The main window's remembered geometry, splitter positions and queue columns (moved out of
`ui/main_window.py` to keep it small)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings

from ..core.paths import Paths

if TYPE_CHECKING:
    from .main_window import MainWindow


def settings() -> QSettings:
    """A file in the config folder: QSettings' own default path is cached per process, so
    tests (and profiles) would share one file."""
    path = Paths.config_dir() / "window.ini"
    return QSettings(str(path), QSettings.Format.IniFormat)


def restore(window: MainWindow) -> None:
    stored = settings()
    for key, apply in (("geometry", window.restoreGeometry),
                       ("main_split", window.split.restoreState),
                       ("right_split", window.right.restoreState),
                       ("queue_columns", window.queue.view.horizontalHeader().restoreState)):
        value = stored.value(key)
        if isinstance(value, QByteArray):
            apply(value)
    if not stored.value("geometry"):
        window.resize(1280, 800)
    tab = stored.value("tab")
    if isinstance(tab, (int, str)) and str(tab).isdigit():
        window.tabs.setCurrentIndex(min(int(tab), window.tabs.count() - 1))


def save(window: MainWindow) -> None:
    stored = settings()
    stored.setValue("geometry", window.saveGeometry())
    stored.setValue("main_split", window.split.saveState())
    stored.setValue("right_split", window.right.saveState())
    stored.setValue("queue_columns", window.queue.view.horizontalHeader().saveState())
    stored.setValue("tab", window.tabs.currentIndex())
    stored.sync()
