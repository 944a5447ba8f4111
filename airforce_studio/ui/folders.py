"""Where file dialogs start: the user's Pictures folder (home when there is none), never
the app's own data folder, and, for images, the folder the creator last picked from."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

_last_images: Path | None = None  # this run only: the next Browse… starts where the last ended


def pictures() -> Path:
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.PicturesLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def images_start() -> Path:
    """Where an image dialog opens: the last folder images came from, else Pictures."""
    return _last_images if _last_images is not None and _last_images.is_dir() else pictures()


def remember_images(files: list[str]) -> None:
    global _last_images
    if files:
        _last_images = Path(files[0]).parent
