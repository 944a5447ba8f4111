"""Before anything is sent: every shot checked against its model, and the cost known.

Checks that need the provider's model list (unknown model, a mode or quality it lacks,
a trim past the model's default duration) and the local files (images that do not
load, `clip:` references missing from the library) all fail here, naming the shot and
the field, with nothing paid. Then the cost of every shot that needs a take (× count).
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ...api.errors import RequestInvalid
from ...api.types import InputImage, Model, TaskRequest
from ..images import ImageRejected, PreparedImage, prepare_bytes, prepare_file
from ..library import Library
from ..media import CorruptClip
from .fingerprint import ShotStatus, image_digests, statuses
from .frames import extract_frame
from .shotlist import ClipImage, Film, Shot, ShotListError

_PLACEHOLDER = InputImage(url="https://placeholder.invalid/frame.png")


@dataclass(frozen=True)
class ShotCost:
    shot_id: str
    model: str
    duration_seconds: int
    count: int
    cents: int  # for every take still to make
    reason: str  # "no take" | "changed" | "upstream changed"


@dataclass(frozen=True)
class Preflight:
    statuses: Mapping[str, ShotStatus]
    costs: tuple[ShotCost, ...]
    images: Mapping[str, tuple[InputImage, ...]]  # ready-to-send images of unchained shots
    digests: Mapping[Path, str]

    @property
    def total_cents(self) -> int:
        return sum(c.cents for c in self.costs)

    @property
    def to_make(self) -> list[str]:
        return [c.shot_id for c in self.costs]


def mode_of(shot: Shot) -> str:
    if shot.mode:
        return shot.mode
    if shot.source is not None or len(shot.images) == 1:
        return "image"
    return "reference" if shot.images else "text"


def request_for(shot: Shot, images: tuple[InputImage, ...]) -> TaskRequest:
    return TaskRequest(model=shot.model, prompt=shot.prompt, mode=mode_of(shot),
                       duration_seconds=shot.duration_seconds, aspect_ratio=shot.aspect_ratio,
                       quality=shot.quality, input_images=images, seed=shot.seed,
                       sound=shot.sound)


def check_against_models(film: Film, models: Mapping[str, Model],
                         shot_ids: set[str] | None = None) -> None:
    """Each shot's request as the server would judge it (placeholder images)."""
    for shot in film.shots:
        if shot_ids is not None and shot.id not in shot_ids:
            continue
        model = models.get(shot.model)
        if model is None:
            raise ShotListError(f"unknown model {shot.model!r}; available: "
                                f"{', '.join(sorted(models))}", shot=shot.id, field="model",
                                path=film.path)
        count = 1 if shot.source is not None else len(shot.images)
        request = request_for(shot, (_PLACEHOLDER,) * count)
        try:
            request.validate(model)
        except RequestInvalid as exc:
            field = "images" if exc.field == "input_images" else exc.field
            raise ShotListError(exc.reason, shot=shot.id, field=field,
                                path=film.path) from exc
        duration = request.effective_duration(model)
        if shot.trim is not None and shot.trim[1] > duration:
            raise ShotListError(f"out ({shot.trim[1]:g} s) is past the shot's {duration} s",
                                shot=shot.id, field="trim", path=film.path)


def clip_paths(film: Film, library: Library, shot_ids: set[str]) -> dict[ClipImage, Path]:
    """Library files of `clip:` images (on the loop's thread: the library lives there)."""
    paths: dict[ClipImage, Path] = {}
    for shot in film.shots:
        for image in shot.images if shot.id in shot_ids else ():
            if isinstance(image, ClipImage):
                if image.task_id not in library:
                    raise ShotListError(f"clip {image.task_id!r} is not in this profile's "
                                        f"library", shot=shot.id, field="images", path=film.path)
                paths[image] = library.absolute(library.get(image.task_id).file)
    return paths


def load_images(film: Film, clips: Mapping[ClipImage, Path],
                shot_ids: set[str]) -> dict[str, tuple[InputImage, ...]]:
    """These shots' images, loaded and encoded (blocking: run in a thread)."""
    result: dict[str, tuple[InputImage, ...]] = {}
    for shot in film.shots:
        if shot.id not in shot_ids:
            continue
        prepared: list[PreparedImage] = []
        for image in shot.images:
            try:
                if isinstance(image, ClipImage):
                    png, _ = extract_frame(clips[image], "last" if image.at is None
                                           else image.at)
                    prepared.append(prepare_bytes(png, f"{image.task_id}.png"))
                else:
                    prepared.append(prepare_file(image))
            except (ImageRejected, CorruptClip) as exc:
                raise ShotListError(str(exc), shot=shot.id, field="images",
                                    path=film.path) from exc
        result[shot.id] = tuple(p.as_input() for p in prepared)
    return result


def take_path(film: Film, shot: Shot, library: Library) -> Path:
    """The chosen take's file, or a ShotListError naming the shot."""
    if shot.take is None:
        raise ShotListError("has no take yet; render the film first", shot=shot.id,
                            field="take", path=film.path)
    if shot.take not in library:
        raise ShotListError(f"{shot.take!r} is not in this profile's library", shot=shot.id,
                            field="take", path=film.path)
    path = library.absolute(library.get(shot.take).file)
    if not path.is_file():
        raise ShotListError(f"the file of {shot.take!r} is missing ({path})", shot=shot.id,
                            field="take", path=film.path)
    return path


async def local_statuses(film: Film) -> tuple[dict[str, ShotStatus], dict[Path, str]]:
    """Which shots need a take, from the file alone (hashing images off the loop)."""
    digests = await asyncio.to_thread(image_digests, film)
    return statuses(film, digests), digests


async def preflight(film: Film, models: Mapping[str, Model], library: Library) -> Preflight:
    states, digests = await local_statuses(film)
    wanted = {shot_id for shot_id, status in states.items() if status.needs_take}
    check_against_models(film, models, wanted)
    clips = clip_paths(film, library, wanted)
    images = await asyncio.to_thread(load_images, film, clips, wanted)
    costs = []
    for shot in film.chain_order():
        status = states[shot.id]
        if status.needs_take:
            model = models[shot.model]
            duration = shot.duration_seconds or model.caps.min_duration_s
            costs.append(ShotCost(shot.id, shot.model, duration, shot.count,
                                  model.cost_cents(duration) * shot.count, status.reason))
    return Preflight(states, tuple(costs), images, digests)


def money(cents: int) -> str:
    return f"${cents / 100:,.2f}"
