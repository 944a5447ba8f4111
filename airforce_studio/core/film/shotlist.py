"""The shot list (`*.afilm.json`): one document for a batch of clips and for a film.

The JSON document stays the source of truth: `Film` parses a typed, validated view of
it, and write-backs change only the fields they own, so fields this version does not
know survive a rewrite. Every error names the shot and the field, before anything is
paid for.
"""

from __future__ import annotations

import copy
import json
import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...api.types import MODES
from ..files import write_atomically

FORMAT = "airforce-film"
VERSION = 1
SUFFIX = ".afilm.json"
ASPECTS = {"16:9": (16, 9), "9:16": (9, 16), "1:1": (1, 1), "4:3": (4, 3)}
QUALITIES = {"480p": 480, "720p": 720, "1080p": 1080}
MAX_SEED = 2**32 - 1
MAX_COUNT = 20


class ShotListError(ValueError):
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


class Film:
    """A parsed shot list bound to its file. Not thread-safe: use it on one thread."""

    def __init__(self, doc: dict[str, Any], path: Path) -> None:
        self.path = path
        self.doc = doc
        self.title: str = ""
        self.output = Output()
        self.shots: list[Shot] = []
        self._parse()

    # -- loading and saving ---------------------------------------------------------------

    @classmethod
    def load(cls, path: Path) -> Film:
        try:
            text = path.read_text("utf-8")
        except FileNotFoundError as exc:
            raise ShotListError("the file does not exist", path=path) from exc
        except (OSError, UnicodeDecodeError) as exc:
            raise ShotListError(f"cannot be read: {exc}", path=path) from exc
        try:
            doc = json.loads(text)
        except ValueError as exc:
            raise ShotListError(f"is not valid JSON: {exc}", path=path) from exc
        return cls(doc, path)

    @classmethod
    def from_shots(cls, path: Path, shots: list[dict[str, Any]], title: str = "",
                   output: dict[str, Any] | None = None) -> Film:
        doc = {"format": FORMAT, "version": VERSION, "title": title,
               "output": output or {"aspect_ratio": "16:9", "quality": "720p"}, "shots": shots}
        return cls(doc, path)

    def to_bytes(self) -> bytes:
        return (json.dumps(self.doc, indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    def save(self) -> None:
        """Atomic (temp file, fsync, rename): blocking, so call it off the event loop."""
        write_atomically(self.path, self.to_bytes())

    def snapshot(self) -> bytes:
        """The bytes to save, taken on the owning thread; write them with `write_bytes`."""
        return self.to_bytes()

    @staticmethod
    def write_bytes(path: Path, data: bytes) -> None:
        write_atomically(path, data)

    # -- access and write-back ------------------------------------------------------------

    def shot(self, shot_id: str) -> Shot:
        for shot in self.shots:
            if shot.id == shot_id:
                return shot
        raise KeyError(shot_id)

    def update_shot(self, shot_id: str, **values: Any) -> Shot:
        """Set (or, with None, remove) fields of one shot; other fields are untouched."""
        raw = self._raw_shot(shot_id)
        for name, value in values.items():
            key = "from" if name == "source" else name
            if value is None:
                raw.pop(key, None)
            else:
                raw[key] = copy.deepcopy(value)
        self._parse()
        return self.shot(shot_id)

    def _raw_shot(self, shot_id: str) -> dict[str, Any]:
        return next(s for s in self.doc["shots"] if s.get("id") == shot_id)

    def resolve(self, relative: Path) -> Path:
        return (self.path.parent / relative).resolve()

    def chain_order(self) -> list[Shot]:
        """Shots with every `from` parent before its children (file order otherwise)."""
        placed: dict[str, Shot] = {}
        pending = list(self.shots)
        while pending:
            for shot in pending:
                if shot.source is None or shot.source.shot in placed:
                    placed[shot.id] = shot
                    pending.remove(shot)
                    break
        return list(placed.values())

    def children(self, shot_id: str) -> Iterator[Shot]:
        return (s for s in self.shots if s.source is not None and s.source.shot == shot_id)

    # -- parsing --------------------------------------------------------------------------

    def _parse(self) -> None:
        doc = self.doc
        if not isinstance(doc, dict):
            self._fail("the top level must be a JSON object")
        if doc.get("format") != FORMAT:
            self._fail(f"unknown format {doc.get('format')!r}; expected {FORMAT!r}",
                       field="format")
        version = doc.get("version")
        if version != VERSION:
            self._fail(f"unsupported version {version!r}; this Studio reads version "
                       f"{VERSION}", field="version")
        title = doc.get("title", "")
        if not isinstance(title, str):
            self._fail("must be text", field="title")
        self.title = title
        self.output = self._output(doc.get("output", {}))
        shots = doc.get("shots")
        if not isinstance(shots, list) or not shots:
            self._fail("must be a non-empty list of shots", field="shots")
        parsed: list[Shot] = []
        seen: set[str] = set()
        for index, raw in enumerate(shots):
            shot = _ShotParser(self, raw, index).parse()
            if shot.id in seen:
                self._fail("is used by two shots; ids must be unique", shot=shot.id, field="id")
            seen.add(shot.id)
            parsed.append(shot)
        self.shots = parsed
        self._check_links()

    def _output(self, raw: Any) -> Output:
        if not isinstance(raw, dict):
            self._fail("must be an object", field="output")
        aspect = raw.get("aspect_ratio", "16:9")
        quality = raw.get("quality", "720p")
        if aspect not in ASPECTS:
            self._fail(f"{aspect!r} is not one of {', '.join(ASPECTS)}",
                       field="output.aspect_ratio")
        if quality not in QUALITIES:
            self._fail(f"{quality!r} is not one of {', '.join(QUALITIES)}",
                       field="output.quality")
        return Output(aspect, quality)

    def _check_links(self) -> None:
        ids = {s.id for s in self.shots}
        first = self.shots[0]
        if first.transition.type != "cut":
            self._fail("the first shot has no shot before it to cross-fade from",
                       shot=first.id, field="transition")
        for shot in self.shots:
            if shot.source is not None and shot.source.shot not in ids:
                self._fail(f"names no shot of this film: {shot.source.shot!r}",
                           shot=shot.id, field="from")
            if shot.source is not None and shot.source.shot == shot.id:
                self._fail("a shot cannot continue from itself", shot=shot.id, field="from")
        by_id = {s.id: s for s in self.shots}
        for shot in self.shots:
            chain, current = [shot.id], shot
            while current.source is not None:
                current = by_id[current.source.shot]
                if current.id in chain:
                    loop = " → ".join([*chain[chain.index(current.id):], current.id])
                    self._fail(f"the chain of `from` is a cycle: {loop}", shot=shot.id,
                               field="from")
                chain.append(current.id)

    def _fail(self, message: str, *, shot: str | None = None, field: str | None = None):
        raise ShotListError(message, shot=shot, field=field, path=self.path)


class _ShotParser:
    """One shot's fields, each checked with an error naming the shot and the field."""

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
                if not path.is_file():
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
