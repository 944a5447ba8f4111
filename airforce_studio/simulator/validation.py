"""The simulator's checks of a create request, answering as the provider would (400s)."""

from __future__ import annotations

import base64
import binascii
import io
from dataclasses import dataclass
from typing import Any

from PIL import Image, UnidentifiedImageError

from .catalog import find_video_model

MAX_PROMPT_CHARS = 10_000
MAX_REFERENCE_IMAGES = 4
MAX_SEED = 2**32 - 1


class Invalid(Exception):
    def __init__(self, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.param = param


@dataclass(frozen=True)
class ValidRequest:
    model: str
    prompt: str
    mode: str
    duration_seconds: int
    aspect_ratio: str
    quality: str
    seed: int | None
    sound: bool
    first_image: bytes | None  # decoded first image, if one came as b64_json
    price_per_second_cents: int

    @property
    def cost_cents(self) -> int:
        return self.duration_seconds * self.price_per_second_cents


def _choice(body: dict[str, Any], name: str, allowed: list[str], default: str) -> str:
    value = body.get(name, default)
    if value not in allowed:
        raise Invalid(f"{name} {value!r} is not supported; allowed: {', '.join(allowed)}", name)
    return value


def validate_create(body: Any) -> ValidRequest:
    if not isinstance(body, dict):
        raise Invalid("request body must be a JSON object")
    model_id = body.get("model")
    if not isinstance(model_id, str) or not model_id:
        raise Invalid("model is required", "model")
    model = find_video_model(model_id)
    if model is None:
        raise Invalid(f"model {model_id!r} does not exist or does not generate video", "model")
    caps = model["video_caps"]
    prompt = body.get("prompt")
    if not isinstance(prompt, str) or not prompt.strip():
        raise Invalid("prompt is required and must be a non-empty string", "prompt")
    if len(prompt) > MAX_PROMPT_CHARS:
        raise Invalid(f"prompt is longer than {MAX_PROMPT_CHARS} characters", "prompt")
    mode = _choice(body, "mode", caps["modes"], "text")
    duration = body.get("duration_seconds", caps["min_duration_s"])
    if isinstance(duration, bool) or not isinstance(duration, int):
        raise Invalid("duration_seconds must be an integer", "duration_seconds")
    if not caps["min_duration_s"] <= duration <= caps["max_duration_s"]:
        raise Invalid(
            f"duration_seconds must be between {caps['min_duration_s']} and "
            f"{caps['max_duration_s']} for {model_id}",
            "duration_seconds",
        )
    aspect = _choice(body, "aspect_ratio", caps["aspect_ratios"], caps["aspect_ratios"][0])
    quality = _choice(body, "quality", caps["qualities"], caps["qualities"][0])
    seed = body.get("seed")
    if seed is not None:
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise Invalid("seed must be an integer", "seed")
        if not 0 <= seed <= MAX_SEED:
            raise Invalid(f"seed must be between 0 and {MAX_SEED}", "seed")
        if model.get("supports_seed") is False:
            raise Invalid(f"{model_id} does not support seed", "seed")
    sound = body.get("sound", False)
    if not isinstance(sound, bool):
        raise Invalid("sound must be a boolean", "sound")
    if sound and model.get("supports_sound") is False:
        raise Invalid(f"{model_id} does not produce sound", "sound")
    images = _images(body.get("input_images"), mode)
    return ValidRequest(
        model=model_id,
        prompt=prompt,
        mode=mode,
        duration_seconds=duration,
        aspect_ratio=aspect,
        quality=quality,
        seed=seed,
        sound=sound,
        first_image=images[0] if images else None,
        price_per_second_cents=caps["price_per_second_cents"],
    )


def _images(raw: Any, mode: str) -> list[bytes | None]:
    items = raw if raw is not None else []
    if not isinstance(items, list):
        raise Invalid("input_images must be an array", "input_images")
    if mode == "text" and items:
        raise Invalid("input_images are not accepted in text mode", "input_images")
    if mode == "image" and len(items) != 1:
        raise Invalid("image mode takes exactly one input image", "input_images")
    if mode == "reference" and not 1 <= len(items) <= MAX_REFERENCE_IMAGES:
        raise Invalid(
            f"reference mode takes 1 to {MAX_REFERENCE_IMAGES} input images", "input_images"
        )
    return [_image(item, index) for index, item in enumerate(items)]


def _image(item: Any, index: int) -> bytes | None:
    where = f"input_images[{index}]"
    if not isinstance(item, dict) or len(item.keys() & {"url", "b64_json"}) != 1:
        raise Invalid(f"{where} must have exactly one of url, b64_json", "input_images")
    if "url" in item:
        url = item["url"]
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            raise Invalid(f"{where}.url must be an http(s) URL", "input_images")
        return None  # the simulator does not fetch; the clip gets a generated first frame
    try:
        data = base64.b64decode(item["b64_json"], validate=True)
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (binascii.Error, TypeError, ValueError, UnidentifiedImageError, OSError) as exc:
        raise Invalid(f"{where}.b64_json is not a readable image ({exc})", "input_images") from exc
    return data
