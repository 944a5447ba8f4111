"""Thumbnails made off the GUI thread without holding the GIL for long.

QImage decoding from Python keeps the GIL for the whole decode (a 2048 px JPEG: ~40 ms,
a visible stall of the GUI thread even when run in a worker). Pillow releases it while
decoding and scaling, so the worker does the heavy part with Pillow and the GUI thread
only wraps the small result.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from PySide6.QtGui import QImage

from ..lazy import PIL_Image as Image  # Pillow loads on first use (issue 14)


@dataclass(frozen=True)
class RawThumb:
    rgba: bytes
    width: int
    height: int


def make_thumb(data: bytes, width: int, height: int) -> RawThumb:
    """Blocking: call through asyncio.to_thread."""
    with Image.open(io.BytesIO(data)) as image:
        image.draft("RGB", (width * 2, height * 2))  # JPEG: decode at a reduced scale
        image.thumbnail((width, height), Image.Resampling.BILINEAR)
        rgba = image.convert("RGBA")
        return RawThumb(rgba.tobytes(), rgba.width, rgba.height)


def make_thumb_from_file(path: str, width: int, height: int) -> RawThumb:
    with open(path, "rb") as file:
        return make_thumb(file.read(), width, height)


def to_qimage(thumb: RawThumb) -> QImage:
    """On the GUI thread: a copy, so the QImage owns its pixels."""
    return QImage(thumb.rgba, thumb.width, thumb.height, thumb.width * 4,
                  QImage.Format.Format_RGBA8888).copy()
