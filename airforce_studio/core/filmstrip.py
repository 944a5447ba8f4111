"""A small filmstrip per clip (10 frames, 160 px wide, one JPEG beside the poster), so a
library card can scrub through the clip under the mouse without opening the video.

Made at archive time in a worker, and lazily for clips archived before filmstrips
existed. Blocking: call `make_filmstrip` through asyncio.to_thread.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from ..lazy import asyncio  # loads on first use: the window paints first (issue 14)

if TYPE_CHECKING:
    from .library import Library

log = logging.getLogger(__name__)

FRAMES = 10
FRAME_WIDTH = 160


def make_filmstrip(mp4: Path, dest: Path, *, frames: int = FRAMES,
                   width: int = FRAME_WIDTH) -> Path:
    """Decode the clip once, keep `frames` evenly spaced frames, save them side by side."""
    import av
    from PIL import Image

    with av.open(str(mp4)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        total = stream.frames
        if not total and stream.duration and stream.average_rate:
            total = int(stream.duration * stream.time_base * stream.average_rate)
        total = max(total or frames, 1)
        wanted = {min(total - 1, (i * total) // frames): i for i in range(frames)}
        images: list = [None] * frames
        height = 0
        for index, frame in enumerate(container.decode(stream)):
            if index in wanted:  # only the kept frames are converted: memory stays small
                height = height or max(1, round(width * frame.height / max(1, frame.width)))
                small = frame.to_image().resize((width, height), Image.Resampling.BILINEAR)
                images[wanted[index]] = small
            if index >= max(wanted):
                break
    kept = [image for image in images if image is not None]
    if not kept:
        raise ValueError(f"{mp4.name} has no frames")
    strip = Image.new("RGB", (width * frames, height))
    for i in range(frames):  # a short clip repeats its last frame rather than leave black
        strip.paste(images[i] or kept[-1], (i * width, 0))
    temporary = dest.with_name(dest.name + ".part")
    strip.save(temporary, "JPEG", quality=80)
    os.replace(temporary, dest)
    return dest


async def make_filmstrip_for(library: Library, file: str) -> Path | None:
    """The filmstrip of a library clip, made in a worker; None when the clip will not decode
    (a card without a filmstrip simply shows its poster)."""
    dest = library.filmstrip_path(file)
    try:
        return await asyncio.to_thread(make_filmstrip, library.absolute(file), dest)
    except Exception as error:  # optional: any failure just means no strip
        log.info("no filmstrip for %s: %s", file, error)
        return None
