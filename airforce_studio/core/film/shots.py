"""The shot list's values: what a parsed `*.afilm.json` holds, and its one error type."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...errors import InvalidInput

FORMAT = "airforce-film"
VERSION = 1
SUFFIX = ".afilm.json"
ASPECTS = {"16:9": (16, 9), "9:16": (9, 16), "1:1": (1, 1), "4:3": (4, 3)}
QUALITIES = {"480p": 480, "720p": 720, "1080p": 1080}
MAX_SEED = 2**32 - 1
MAX_COUNT = 20


class ShotListError(InvalidInput):
    """The file cannot be used as it is; names the shot and field at fault."""

    def __init__(self, message: str, *, shot: str | None = None, field: str | None = None,
                 path: Path | None = None) -> None:
        self.shot, self.field, self.path, self.detail = shot, field, path, message
        where = []
        if shot is not None:
            where.append(f"shot {shot!r}")
        if field is not None:
            where.append(f"field {field!r}")
        prefix = f"{path.name}: " if path is not None else ""
        super().__init__(f"{prefix}{', '.join(where)}: {message}" if where
                         else f"{prefix}{message}")


@dataclass(frozen=True)
class FrameRef:
    """A frame of another shot's chosen take: "last" or a time in seconds."""

    shot: str
    frame: str | float = "last"


@dataclass(frozen=True)
class Transition:
    type: str = "cut"  # into this shot from the previous one
    seconds: float = 0.0


@dataclass(frozen=True)
class ClipImage:
    """`clip:<task_id>[@<seconds>]`: a frame of a clip in the library (last by default)."""

    task_id: str
    at: float | None = None


@dataclass(frozen=True)
class Output:
    aspect_ratio: str = "16:9"
    quality: str = "720p"

    @property
    def size(self) -> tuple[int, int]:
        """Width, height: short side from the quality, long side to the aspect, even."""
        a, b = ASPECTS[self.aspect_ratio]
        short = QUALITIES[self.quality]
        long_side = 2 * round(short * max(a, b) / min(a, b) / 2)
        return (long_side, short) if a >= b else (short, long_side)


@dataclass(frozen=True)
class Shot:
    id: str
    prompt: str
    model: str
    mode: str | None = None
    duration_seconds: int | None = None
    aspect_ratio: str | None = None
    quality: str | None = None
    seed: int | None = None
    sound: bool | None = None
    images: tuple[Path | ClipImage, ...] = ()
    source: FrameRef | None = None  # "from" in the file
    count: int = 1
    take: str | None = None
    takes: tuple[str, ...] = ()
    trim: tuple[float, float] | None = None
    transition: Transition = field(default_factory=Transition)
    fingerprint: str | None = None
    render: Mapping[str, Any] | None = None  # Studio's note of a render in progress
