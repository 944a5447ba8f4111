"""Whether a shot's take is still valid: a digest of everything that made it.

A take stays valid while its shot's generation fields — and, for a chained shot, its
parent's chosen take — hash to the fingerprint stored with it. Editing, re-rolling or
choosing another take upstream therefore makes every shot chained after it stale.
Trim, transition and count are edits of the film, not of the clip: they are left out.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ..media import sha256_file
from .shotlist import ClipImage, Film, Shot


def image_digests(film: Film) -> dict[Path, str]:
    """Every file image of the film, hashed (blocking)."""
    paths = {img for shot in film.shots for img in shot.images if isinstance(img, Path)}
    return {path: sha256_file(path) for path in sorted(paths)}


def fingerprint(shot: Shot, parent_take: str | None, digests: Mapping[Path, str]) -> str:
    images = []
    for image in shot.images:
        if isinstance(image, ClipImage):
            images.append(f"clip:{image.task_id}@{image.at}")
        else:
            images.append(f"sha256:{digests.get(image, str(image))}")
    fields = {
        "prompt": shot.prompt, "model": shot.model, "mode": shot.mode,
        "duration_seconds": shot.duration_seconds, "aspect_ratio": shot.aspect_ratio,
        "quality": shot.quality, "seed": shot.seed, "sound": shot.sound, "images": images,
        "from": None if shot.source is None else [shot.source.shot, shot.source.frame,
                                                   parent_take],
    }
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"))
    return "v1:" + hashlib.sha256(canonical.encode()).hexdigest()[:24]


@dataclass(frozen=True)
class ShotStatus:
    shot_id: str
    needs_take: bool
    reason: str  # "ready" | "no take" | "changed" | "upstream changed"
    fingerprint: str | None  # None while the parent's take is not known yet

    @property
    def state(self) -> str:
        """What a storyboard card shows: "ready", "needs-take" or "stale"."""
        if not self.needs_take:
            return "ready"
        return "needs-take" if self.reason == "no take" else "stale"


def statuses(film: Film, digests: Mapping[Path, str]) -> dict[str, ShotStatus]:
    """Each shot's state, parents before children (an upstream change flows down)."""
    result: dict[str, ShotStatus] = {}
    for shot in film.chain_order():
        parent = film.shot(shot.source.shot) if shot.source else None
        if parent is not None and result[parent.id].needs_take:
            why = "no take" if shot.take is None else "upstream changed"
            result[shot.id] = ShotStatus(shot.id, True, why, None)
            continue
        current = fingerprint(shot, parent.take if parent else None, digests)
        if shot.take is None:
            result[shot.id] = ShotStatus(shot.id, True, "no take", current)
        elif shot.fingerprint is not None and shot.fingerprint != current:
            result[shot.id] = ShotStatus(shot.id, True, "changed", current)
        else:  # a take without a stored fingerprint was chosen by hand: it is kept
            result[shot.id] = ShotStatus(shot.id, False, "ready", current)
    return result
