"""A clip, or a range of it, as an animated GIF or WebP (for chats and issue trackers).

GIF gets one palette made for this clip (from frames sampled across the range) and
Floyd–Steinberg dithering, so gradients band less than with a generic palette.
Blocking: call through asyncio.to_thread.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PIL import Image

from .assemble import ExportCancelled, ExportFailed

PALETTE_SAMPLES = 16


def export_animation(source: Path, out: Path, *, start: float = 0.0, end: float | None = None,
                     fps: float = 12.0, width: int = 480,
                     cancel: threading.Event | None = None) -> int:
    """Write `out` (.gif or .webp by suffix); returns the number of frames sampled. A GIF
    may hold fewer: Pillow merges identical neighbours into one frame shown as long."""
    kind = out.suffix.lower()
    if kind not in (".gif", ".webp"):
        raise ExportFailed(f"{out.name}: animations are .gif or .webp")
    frames = _sample(source, start, end, fps, width, cancel)
    if not frames:
        raise ExportFailed(f"{source.name}: no frames in {start:g}–{end or 'end'} s")
    duration_ms = round(1000 / fps)
    part = out.with_name(f".{out.name}.part")
    try:
        if kind == ".gif":
            palette = _palette(frames)
            indexed = [f.quantize(palette=palette, dither=Image.Dither.FLOYDSTEINBERG)
                       for f in frames]
            indexed[0].save(part, "GIF", save_all=True, append_images=indexed[1:],
                            duration=duration_ms, loop=0, optimize=False, disposal=1)
        else:
            frames[0].save(part, "WEBP", save_all=True, append_images=frames[1:],
                           duration=duration_ms, loop=0, quality=80, method=4)
        part.replace(out)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return len(frames)


def _sample(source: Path, start: float, end: float | None, fps: float, width: int,
            cancel: threading.Event | None) -> list[Image.Image]:
    import av

    frames: list[Image.Image] = []
    step = 1.0 / fps
    next_time = start
    try:
        with av.open(str(source)) as container:
            stream = container.streams.video[0]
            stream.thread_type = "AUTO"
            if start > 0:
                container.seek(int(start / stream.time_base) + (stream.start_time or 0),
                               stream=stream, backward=True)
            for frame in container.decode(stream):
                if cancel is not None and cancel.is_set():
                    raise ExportCancelled("export cancelled")
                time = frame.time or 0.0
                if end is not None and time >= end:
                    break
                if time + 1e-6 < next_time:
                    continue
                image = frame.to_image()
                height = max(2, round(image.height * width / image.width))
                frames.append(image.resize((width, height), Image.Resampling.LANCZOS))
                next_time += step
                while next_time <= time:
                    next_time += step
    except (av.FFmpegError, OSError, IndexError) as exc:
        raise ExportFailed(f"{source.name} does not decode: {exc}") from exc
    return frames


def _palette(frames: list[Image.Image]) -> Image.Image:
    """256 colours for this clip: median cut over frames sampled across it."""
    picks = frames[:: max(1, len(frames) // PALETTE_SAMPLES)][:PALETTE_SAMPLES]
    w, h = picks[0].size
    sheet = Image.new("RGB", (w, h * len(picks)))
    for index, frame in enumerate(picks):
        sheet.paste(frame.convert("RGB"), (0, h * index))
    return sheet.quantize(colors=256, method=Image.Quantize.MEDIANCUT)


async def export_animation_async(source: Path, out: Path, **options) -> int:
    """`export_animation` in a worker thread (for the window: never on the GUI thread)."""
    import asyncio

    return await asyncio.to_thread(export_animation, source, out, **options)
