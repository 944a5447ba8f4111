"""Shared test helpers: real files, real decoding."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import av
import numpy as np
from PIL import Image


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def png_bytes(width: int = 64, height: int = 48, seed: int = 1) -> bytes:
    """A PNG with coarse structure (survives scaling and H.264) that differs by seed."""
    rng = np.random.default_rng(seed)
    blocks = rng.integers(0, 255, (4, 4, 3), dtype=np.uint8)
    image = Image.fromarray(blocks).resize((width, height), Image.Resampling.NEAREST)
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def first_frame(path: Path) -> np.ndarray:
    with av.open(str(path)) as container:
        frame = next(container.decode(video=0))
        return frame.to_ndarray(format="rgb24")


def stream_types(path: Path) -> list[str]:
    with av.open(str(path)) as container:
        return [s.type for s in container.streams]


def decoded_frame_count(path: Path) -> int:
    with av.open(str(path)) as container:
        return sum(1 for _ in container.decode(video=0))
