"""The simulator's models: varied caps so every branch of a caps-driven UI is exercised."""

from __future__ import annotations

from typing import Any

VIDEO_MODELS: list[dict[str, Any]] = [
    {
        "id": "wan-2.6",
        "supports_sound": True,
        "supports_seed": True,
        "video_caps": {
            "aspect_ratios": ["16:9", "9:16", "1:1"],
            "qualities": ["480p", "720p", "1080p"],
            "min_duration_s": 5,
            "max_duration_s": 10,
            "modes": ["text", "image", "reference"],
            "price_per_second_cents": 40,
        },
    },
    {
        "id": "kling-1",  # no reference mode, no sound
        "supports_sound": False,
        "supports_seed": True,
        "video_caps": {
            "aspect_ratios": ["16:9", "9:16", "1:1"],
            "qualities": ["720p", "1080p"],
            "min_duration_s": 5,
            "max_duration_s": 10,
            "modes": ["text", "image"],
            "price_per_second_cents": 35,
        },
    },
    {
        "id": "veo-lite",  # a single duration; sound/seed support left unsaid
        "video_caps": {
            "aspect_ratios": ["16:9", "4:3"],
            "qualities": ["720p"],
            "min_duration_s": 8,
            "max_duration_s": 8,
            "modes": ["text", "reference"],
            "price_per_second_cents": 50,
        },
    },
    {
        "id": "hailuo-fast",  # cheap and quick, no seed
        "supports_sound": False,
        "supports_seed": False,
        "video_caps": {
            "aspect_ratios": ["16:9", "9:16", "1:1", "4:3"],
            "qualities": ["480p", "720p"],
            "min_duration_s": 5,
            "max_duration_s": 6,
            "modes": ["text", "image", "reference"],
            "price_per_second_cents": 10,
        },
    },
]

OTHER_MODELS: list[dict[str, Any]] = [
    {"id": "gpt-image-1", "output_modalities": ["image"]},
    {"id": "sonar-chat", "output_modalities": ["text"]},
]


def models_payload() -> dict[str, Any]:
    data = [
        {"object": "model", "owned_by": "airforce-sim", "output_modalities": ["video"], **m}
        for m in VIDEO_MODELS
    ]
    data += [{"object": "model", "owned_by": "airforce-sim", **m} for m in OTHER_MODELS]
    return {"object": "list", "data": data}


def find_video_model(model_id: str) -> dict[str, Any] | None:
    return next((m for m in VIDEO_MODELS if m["id"] == model_id), None)
