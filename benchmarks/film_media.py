"""Test clips for the film benchmarks: moving, textured content x264 has to work for."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np


def make_take(path: Path, *, seconds: float, width: int, height: int, fps: int = 24,
              seed: int = 0, gop: int | None = None, sound: bool = True) -> Path:
    """A clip like a provider's: a drifting textured background, a moving block, a tone."""
    import av

    rng = np.random.default_rng(seed)
    texture = rng.integers(0, 255, (height // 8 + 2, width // 8 + 2, 3), dtype=np.uint8)
    texture = np.repeat(np.repeat(texture, 8, axis=0), 8, axis=1)
    with av.open(str(path), "w", format="mp4") as out:
        video = out.add_stream("libx264", rate=fps)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        video.options = {"preset": "ultrafast", "crf": "18", **({"g": str(gop)} if gop else {})}
        audio = out.add_stream("aac", rate=48_000, layout="stereo") if sound else None
        total = round(seconds * fps)
        side = height // 4
        for index in range(total):
            shift = index % 8
            frame = np.ascontiguousarray(texture[shift:shift + height, shift:shift + width])
            x = int((index / total) * (width - side))
            frame[height // 3: height // 3 + side, x: x + side] = 255 - frame[0, 0]
            out.mux(video.encode(av.VideoFrame.from_ndarray(frame, format="rgb24")))
        out.mux(video.encode())
        if audio is not None:
            samples = round(seconds * 48_000)
            for start in range(0, samples, 1024):
                n = min(1024, samples - start)
                t = np.arange(start, start + n) / 48_000
                wave = (0.2 * np.sin(2 * np.pi * (220 + 40 * seed) * t)).astype(np.float32)
                frame = av.AudioFrame.from_ndarray(np.stack([wave, wave]), format="fltp",
                                                   layout="stereo")
                frame.sample_rate, frame.pts = 48_000, start
                frame.time_base = Fraction(1, 48_000)
                out.mux(audio.encode(frame))
            out.mux(audio.encode())
    return path
