"""Every frame of a take, decoded once and kept small, for frame-accurate comparison.

Stepping a QMediaPlayer lands on whatever frame its seek finds; comparing takes needs
"frame k" to mean the k-th decoded frame in every view. So the compare view shows frames
decoded here with PyAV, in a worker thread, at a width that keeps 2–4 takes in memory.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

MAX_FRAMES = 1800  # 75 s at 24 fps: beyond that a take is cut short (said in the label)
MEMORY_BUDGET = 512 * 1024 * 1024  # every view's frames together, in bytes
MIN_WIDTH = 240


@dataclass(frozen=True)
class DecodedTake:
    path: Path
    fps: float
    frames: tuple[np.ndarray, ...]  # RGB, height × width × 3, uint8
    truncated: bool = False

    @property
    def count(self) -> int:
        return len(self.frames)


def decode_take(path: Path, width: int) -> DecodedTake:
    """Blocking: call through asyncio.to_thread. Raises on a file that will not decode."""
    import av

    frames: list[np.ndarray] = []
    truncated = False
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        fps = float(stream.average_rate or 24)
        for frame in container.decode(stream):
            if len(frames) >= MAX_FRAMES:
                truncated = True
                break
            height = max(2, round(frame.height * width / frame.width / 2) * 2)
            frames.append(np.ascontiguousarray(  # padded rows would break QImage
                frame.to_ndarray(format="rgb24", width=width, height=height)))
    if not frames:
        raise ValueError(f"{path.name} has no frames")
    return DecodedTake(path, fps, tuple(frames), truncated)


def fit_width(paths: list[Path], preferred: int, budget: int = MEMORY_BUDGET) -> int:
    """The widest even frame width ≤ `preferred` at which every take's frames fit `budget`.

    Blocking (reads each file's header): call through asyncio.to_thread.
    """
    import av

    pixels_per_width = 0.0  # bytes, summed over every frame of every take, per pixel of width
    for path in paths:
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            rate = float(stream.average_rate or 24)
            frames = stream.frames or int(float((stream.duration or 0) * stream.time_base) * rate)
            frames = min(max(frames, 1), MAX_FRAMES)
            aspect = stream.codec_context.height / max(1, stream.codec_context.width)
        pixels_per_width += frames * 3 * aspect  # × width² = bytes
    fitting = int((0.98 * budget / max(pixels_per_width, 1e-9)) ** 0.5)  # heights round up
    return max(MIN_WIDTH, min(preferred, fitting)) // 2 * 2
