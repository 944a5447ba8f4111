"""Real clips for the simulator: H.264 MP4 (plus AAC when sound is asked for) and a JPEG.

Frames visibly depend on prompt and seed, and in image mode frame 0 *is* the uploaded
image scaled to the clip size, so a test can prove the image arrived intact.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
from PIL import Image

FPS = 12
AUDIO_RATE = 44_100
FRAME_SIZES = {"16:9": (320, 180), "9:16": (180, 320), "1:1": (240, 240), "4:3": (240, 180)}


@dataclass(frozen=True)
class ClipSpec:
    prompt: str
    seed: int
    duration_seconds: int
    aspect_ratio: str = "16:9"
    sound: bool = False
    first_frame: bytes | None = None  # encoded image (PNG/JPEG/...) for image mode

    @property
    def size(self) -> tuple[int, int]:
        return FRAME_SIZES.get(self.aspect_ratio, FRAME_SIZES["16:9"])


def _palette(spec: ClipSpec) -> tuple[np.ndarray, np.ndarray]:
    digest = hashlib.sha256(f"{spec.prompt}\0{spec.seed}".encode()).digest()
    background = np.frombuffer(digest[:3], dtype=np.uint8).astype(np.int16)
    accent = 255 - background
    return background, accent


def first_frame_array(image_bytes: bytes, size: tuple[int, int]) -> np.ndarray:
    with Image.open(io.BytesIO(image_bytes)) as image:
        return np.asarray(image.convert("RGB").resize(size, Image.Resampling.BILINEAR))


def frames(spec: ClipSpec):
    """RGB frames (H, W, 3) for the whole clip."""
    width, height = spec.size
    background, accent = _palette(spec)
    if spec.first_frame is not None:
        base = first_frame_array(spec.first_frame, spec.size)
    else:
        ramp = np.linspace(0.55, 1.0, width, dtype=np.float32)[None, :, None]
        base = np.clip(background[None, None, :] * ramp, 0, 255).astype(np.uint8)
        base = np.broadcast_to(base, (height, width, 3))
    side = max(8, min(width, height) // 5)
    rng = np.random.default_rng(spec.seed)
    vx, vy = rng.uniform(0.2, 1.0, 2)
    total = spec.duration_seconds * FPS
    for index in range(total):
        frame = np.array(base, copy=True)
        if index or spec.first_frame is None:  # frame 0 of image mode stays untouched
            t = index / FPS
            x = int((np.sin(t * vx * 2) * 0.5 + 0.5) * (width - side))
            y = int((np.cos(t * vy * 2) * 0.5 + 0.5) * (height - side))
            frame[y : y + side, x : x + side] = accent.astype(np.uint8)
        yield frame


def render_clip(spec: ClipSpec, mp4_path: Path, jpeg_path: Path) -> None:
    """Encode the clip and its poster frame. CPU-bound: run it in an executor."""
    width, height = spec.size
    with av.open(str(mp4_path), "w", format="mp4") as container:
        video = container.add_stream("libx264", rate=FPS)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        video.options = {"preset": "ultrafast", "crf": "20", "tune": "stillimage"}
        audio = container.add_stream("aac", rate=AUDIO_RATE) if spec.sound else None
        poster = None
        for frame_array in frames(spec):
            if poster is None:
                poster = frame_array
            frame = av.VideoFrame.from_ndarray(frame_array, format="rgb24")
            container.mux(video.encode(frame))
        container.mux(video.encode())
        if audio is not None:
            _encode_tone(container, audio, spec)
    Image.fromarray(poster).save(jpeg_path, "JPEG", quality=85)


def _encode_tone(container, audio, spec: ClipSpec) -> None:
    frequency = 220 + (spec.seed % 440)
    samples_per_frame = 1024
    total = spec.duration_seconds * AUDIO_RATE
    for start in range(0, total, samples_per_frame):
        n = min(samples_per_frame, total - start)
        t = (np.arange(start, start + n) / AUDIO_RATE).astype(np.float32)
        wave = (0.2 * np.sin(2 * np.pi * frequency * t)).astype(np.float32)[None, :]
        frame = av.AudioFrame.from_ndarray(wave, format="fltp", layout="mono")
        frame.sample_rate = AUDIO_RATE
        frame.pts = start
        frame.time_base = Fraction(1, AUDIO_RATE)
        container.mux(audio.encode(frame))
    container.mux(audio.encode())
