"""One shot's fields, each checked with an error naming the shot and the field."""

from __future__ import annotations

import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...api.types import MODES
from .shots import (
    ASPECTS,
    MAX_COUNT,
    MAX_SEED,
    QUALITIES,
    ClipImage,
    FrameRef,
    Shot,
    ShotListError,
    Transition,
)

if TYPE_CHECKING:
    from .shotlist import Film


class ShotParser:
    """Parses one entry of `shots`; `film` gives the file's folder and whether to stat."""

    def __init__(self, film: Film, raw: Any, index: int) -> None:
        self.film, self.raw, self.index = film, raw, index
        self.name = f"#{index + 1}"

    def fail(self, field: str, message: str):
        raise ShotListError(message, shot=self.name, field=field, path=self.film.path)

    def parse(self) -> Shot:
        raw = self.raw
        if not isinstance(raw, dict):
            raise ShotListError("must be an object", shot=self.name, path=self.film.path)
        shot_id = raw.get("id")
        if not isinstance(shot_id, str) or not shot_id.strip():
            self.fail("id", "every shot needs a non-empty text id")
        self.name = shot_id
        duration = self.integer("duration_seconds", 1, 600)
        images = self.images()
        source = self.source(duration)
        if source is not None and images:
            self.fail("images", "a shot continued `from` another takes no other images")
        mode = self.choice("mode", MODES)
        return Shot(
            id=shot_id, prompt=self.text("prompt"), model=self.text("model"), mode=mode,
            duration_seconds=duration, aspect_ratio=self.choice("aspect_ratio", ASPECTS),
            quality=self.choice("quality", QUALITIES), seed=self.integer("seed", 0, MAX_SEED),
            sound=self.boolean("sound"), images=images, source=source,
            count=self.integer("count", 1, MAX_COUNT) or 1, take=self.optional_text("take"),
            takes=self.text_list("takes"), trim=self.trim(duration),
            transition=self.transition(), fingerprint=self.optional_text("fingerprint"),
            render=raw.get("render") if isinstance(raw.get("render"), dict) else None,
        )

    def text(self, name: str) -> str:
        value = self.raw.get(name)
        if not isinstance(value, str) or not value.strip():
            self.fail(name, "is required and must be non-empty text")
        return value

    def optional_text(self, name: str) -> str | None:
        value = self.raw.get(name)
        if value is not None and (not isinstance(value, str) or not value):
            self.fail(name, "must be non-empty text")
        return value

    def text_list(self, name: str) -> tuple[str, ...]:
        value = self.raw.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(name, "must be a list of text")
        return tuple(value)

    def choice(self, name: str, allowed) -> str | None:
        value = self.raw.get(name)
        if value is not None and value not in allowed:
            self.fail(name, f"{value!r} is not one of {', '.join(allowed)}")
        return value

    def boolean(self, name: str) -> bool | None:
        value = self.raw.get(name)
        if value is not None and not isinstance(value, bool):
            self.fail(name, "must be true or false")
        return value

    def integer(self, name: str, low: int, high: int) -> int | None:
        value = self.raw.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(name, f"must be a whole number, got {value!r}")
        if not low <= value <= high:
            self.fail(name, f"{value} is outside {low}–{high}")
        return value

    def seconds(self, name: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float) \
                or not math.isfinite(value) or value < 0:
            self.fail(name, f"must be a number of seconds ≥ 0, got {value!r}")
        return float(value)

    def images(self) -> tuple[Path | ClipImage, ...]:
        value = self.raw.get("images", [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.fail("images", "must be a list of file paths or clip:<task_id>[@seconds]")
        result: list[Path | ClipImage] = []
        for entry in value:
            if entry.startswith("clip:"):
                task_id, _, at = entry[5:].partition("@")
                if not task_id:
                    self.fail("images", f"{entry!r} names no clip")
                try:
                    seconds = float(at) if at else None
                except ValueError:
                    self.fail("images", f"{entry!r}: {at!r} is not a time in seconds")
                result.append(ClipImage(task_id, seconds))
            else:
                path = self.film.resolve(Path(entry))
                if self.film._check_files and not path.is_file():
                    self.fail("images", f"{entry!r} does not exist (looked for {path})")
                result.append(path)
        return tuple(result)

    def source(self, duration: int | None) -> FrameRef | None:
        value = self.raw.get("from")
        if value is None:
            return None
        if not isinstance(value, dict) or not isinstance(value.get("shot"), str):
            self.fail("from", 'must be {"shot": ID, "frame": "last" or seconds}')
        frame = value.get("frame", "last")
        if frame != "last":
            frame = self.seconds("from.frame", frame)
        return FrameRef(value["shot"], frame)

    def trim(self, duration: int | None) -> tuple[float, float] | None:
        value = self.raw.get("trim")
        if value is None:
            return None
        if not isinstance(value, list) or len(value) != 2:
            self.fail("trim", "must be [in, out] in seconds")
        start, end = (self.seconds("trim", v) for v in value)
        if end <= start:
            self.fail("trim", f"out ({end:g} s) must be after in ({start:g} s)")
        if duration is not None and end > duration:
            self.fail("trim", f"out ({end:g} s) is past the shot's {duration} s")
        return start, end

    def transition(self) -> Transition:
        value = self.raw.get("transition")
        if value is None:
            return Transition()
        if not isinstance(value, dict) or value.get("type") not in ("cut", "crossfade"):
            self.fail("transition", 'must be {"type": "cut"} or {"type": "crossfade", '
                                    '"seconds": S}')
        if value["type"] == "cut":
            return Transition()
        seconds = self.seconds("transition.seconds", value.get("seconds", 0.5))
        if seconds <= 0:
            self.fail("transition.seconds", "a crossfade needs a length above 0 s")
        return Transition("crossfade", seconds)
