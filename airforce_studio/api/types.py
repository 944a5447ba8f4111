"""The API's values as frozen dataclasses: parsed at the edge, never raw dicts inward.

Parsing is tolerant (unknown fields ignored, optional ones may be missing) because the
real service documents less than a client needs; validation of *requests* is strict,
because a request the server would refuse costs a round trip and confuses the user.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .errors import ProtocolError, RequestInvalid

MODES = ("text", "image", "reference")
MAX_REFERENCE_IMAGES = 4


class TaskStatus(enum.StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    COMPLETED = "completed"
    FAILED = "failed"
    EXPIRED = "expired"

    @property
    def is_terminal(self) -> bool:
        return self in (TaskStatus.COMPLETED, TaskStatus.FAILED, TaskStatus.EXPIRED)

    @property
    def is_refunded(self) -> bool:
        return self in (TaskStatus.FAILED, TaskStatus.EXPIRED)


@dataclass(frozen=True)
class VideoCaps:
    aspect_ratios: tuple[str, ...]
    qualities: tuple[str, ...]
    min_duration_s: int
    max_duration_s: int
    modes: tuple[str, ...]
    price_per_second_cents: int

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> VideoCaps:
        try:
            lo = int(data["min_duration_s"])
            hi = int(data.get("max_duration_s", lo))
            return cls(
                aspect_ratios=tuple(str(a) for a in data.get("aspect_ratios", ())),
                qualities=tuple(str(q) for q in data.get("qualities", ())),
                min_duration_s=lo,
                max_duration_s=hi,
                modes=tuple(str(m) for m in data.get("modes", ("text",))),
                price_per_second_cents=int(data.get("price_per_second_cents", 0)),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ProtocolError(f"model capabilities are malformed: {exc!r}") from exc

    @property
    def durations(self) -> range:
        return range(self.min_duration_s, self.max_duration_s + 1)


@dataclass(frozen=True)
class Model:
    id: str
    caps: VideoCaps
    # None means the provider did not say: offer the control, warn it may be ignored.
    supports_sound: bool | None = None
    supports_seed: bool | None = None

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Model | None:
        """A video model, or None for any other kind of model."""
        if "video" not in (data.get("output_modalities") or ()):
            return None
        caps = data.get("video_caps")
        if not isinstance(caps, Mapping) or not isinstance(data.get("id"), str):
            raise ProtocolError(f"video model without id or video_caps: {str(data)[:200]}")
        sound, seed = data.get("supports_sound"), data.get("supports_seed")
        return cls(
            id=data["id"],
            caps=VideoCaps.from_json(caps),
            supports_sound=sound if isinstance(sound, bool) else None,
            supports_seed=seed if isinstance(seed, bool) else None,
        )

    def cost_cents(self, duration_seconds: int) -> int:
        return duration_seconds * self.caps.price_per_second_cents


@dataclass(frozen=True)
class TaskError:
    type: str
    message: str


def _opt_int(data: Mapping[str, Any], key: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ProtocolError(f"task field {key!r} is not a number: {value!r}")
    return int(value)


def _opt_str(data: Mapping[str, Any], key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise ProtocolError(f"task field {key!r} is not a string: {value!r}")
    return value


@dataclass(frozen=True)
class Task:
    """One server-side task as last seen; stream events may carry only some fields."""

    task_id: str
    status: TaskStatus
    model: str | None = None
    duration_seconds: int | None = None
    created: int | None = None
    expires_at: int | None = None
    progress: int | None = None
    result_url: str | None = None
    thumbnail_url: str | None = None
    error: TaskError | None = None
    cost_cents: int | None = None

    @classmethod
    def from_json(cls, data: Any) -> Task:
        if not isinstance(data, Mapping):
            raise ProtocolError(f"expected a task object, got {type(data).__name__}")
        task_id = data.get("task_id")
        if not isinstance(task_id, str) or not task_id:
            raise ProtocolError(f"task object without a task_id: {str(data)[:200]}")
        try:
            status = TaskStatus(data.get("status"))
        except ValueError as exc:
            raise ProtocolError(f"unknown task status {data.get('status')!r}") from exc
        err = data.get("error")
        error = None
        if isinstance(err, Mapping):
            error = TaskError(str(err.get("type", "error")), str(err.get("message", "")))
        return cls(
            task_id=task_id,
            status=status,
            model=_opt_str(data, "model"),
            duration_seconds=_opt_int(data, "duration_seconds"),
            created=_opt_int(data, "created"),
            expires_at=_opt_int(data, "expires_at"),
            progress=_opt_int(data, "progress"),
            result_url=_opt_str(data, "result_url"),
            thumbnail_url=_opt_str(data, "thumbnail_url"),
            error=error,
            cost_cents=_opt_int(data, "cost_cents"),
        )

    def merged_over(self, older: Task | None) -> Task:
        """This (possibly partial) update with the gaps filled from an older view."""
        if older is None or older.task_id != self.task_id:
            return self
        values = {
            name: getattr(self, name) if getattr(self, name) is not None else getattr(older, name)
            for name in self.__dataclass_fields__
        }
        return Task(**values)


@dataclass(frozen=True)
class InputImage:
    url: str | None = None
    b64_json: str | None = None
    # The sha256 of bytes kept in the profile's input store: how the journal and sidecars
    # refer to an image without carrying megabytes of base64. Resolved before sending.
    stored: str | None = None

    def __post_init__(self) -> None:
        if [self.url, self.b64_json, self.stored].count(None) != 2:
            raise RequestInvalid("input_images",
                                 "each image needs exactly one of url, b64_json")

    def to_json(self) -> dict[str, str]:
        if self.url is not None:
            return {"url": self.url}
        if self.stored is not None:
            return {"stored": self.stored}
        return {"b64_json": str(self.b64_json)}


@dataclass(frozen=True)
class TaskRequest:
    model: str
    prompt: str
    mode: str = "text"
    duration_seconds: int | None = None
    aspect_ratio: str | None = None
    quality: str | None = None
    input_images: tuple[InputImage, ...] = field(default_factory=tuple)
    seed: int | None = None
    sound: bool | None = None

    def validate(self, model: Model) -> None:
        """Raise RequestInvalid naming the field and what is allowed; send nothing."""
        caps = model.caps
        if model.id != self.model:
            raise RequestInvalid("model", f"request is for {self.model!r}, caps are {model.id!r}")
        if not self.prompt.strip():
            raise RequestInvalid("prompt", "must not be empty", "empty-prompt")
        _must_be_in("mode", self.mode, caps.modes)
        if self.duration_seconds is not None and self.duration_seconds not in caps.durations:
            raise RequestInvalid(
                "duration_seconds",
                f"{self.duration_seconds} is outside {caps.min_duration_s}–"
                f"{caps.max_duration_s} s for {model.id}", "duration-range",
                value=self.duration_seconds, low=caps.min_duration_s,
                high=caps.max_duration_s, model=model.id,
            )
        if self.aspect_ratio is not None:
            _must_be_in("aspect_ratio", self.aspect_ratio, caps.aspect_ratios)
        if self.quality is not None:
            _must_be_in("quality", self.quality, caps.qualities)
        count = len(self.input_images)
        if self.mode == "image" and count != 1:
            raise RequestInvalid("input_images", f"image mode takes exactly 1 image, got {count}",
                                 "image-count", mode="image", count=count, low=1, high=1)
        if self.mode == "reference" and not 1 <= count <= MAX_REFERENCE_IMAGES:
            raise RequestInvalid(
                "input_images",
                f"reference mode takes 1–{MAX_REFERENCE_IMAGES} images, got {count}",
                "image-count", mode="reference", count=count, low=1,
                high=MAX_REFERENCE_IMAGES,
            )
        if self.mode == "text" and count:
            raise RequestInvalid("input_images", "text mode takes no images", "image-count",
                                 mode="text", count=count, low=0, high=0)
        if self.sound and model.supports_sound is False:
            raise RequestInvalid("sound", f"{model.id} does not produce sound", "unsupported",
                                 model=model.id)
        if self.seed is not None and model.supports_seed is False:
            raise RequestInvalid("seed", f"{model.id} does not take a seed", "unsupported",
                                 model=model.id)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TaskRequest:
        """The inverse of to_json (requests we stored ourselves)."""
        known = {name: data[name] for name in cls.__dataclass_fields__ if name in data}
        known["input_images"] = tuple(InputImage(**image)
                                      for image in data.get("input_images") or ())
        return cls(**known)

    def effective_duration(self, model: Model) -> int:
        return self.duration_seconds or model.caps.min_duration_s

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"model": self.model, "prompt": self.prompt, "mode": self.mode}
        optional = {
            "duration_seconds": self.duration_seconds,
            "aspect_ratio": self.aspect_ratio,
            "quality": self.quality,
            "seed": self.seed,
            "sound": self.sound,
        }
        body.update({k: v for k, v in optional.items() if v is not None})
        if self.input_images:
            body["input_images"] = [image.to_json() for image in self.input_images]
        return body


def _must_be_in(name: str, value: str, allowed: Sequence[str]) -> None:
    if value not in allowed:
        raise RequestInvalid(name, f"{value!r} is not one of {', '.join(allowed)}",
                             "not-allowed", value=value, allowed=tuple(allowed))
