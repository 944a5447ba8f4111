"""Input images kept once, by content, beside the journal — not inside its rows.

A request can carry four 8 MB reference images; in the journal row, the sidecar and
the index that was megabytes of base64 read on every access. Instead each image is a
file named by its sha256 under the profile's `inputs/`, and requests refer to it
(`InputImage(stored=sha256)`). The create resolves the references right before sending.
Files nothing refers to any more (no visible journal item, no clip) are removed at start.
All file work runs in worker threads: never on the event loop.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import os
import time
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from ..api.types import InputImage, TaskRequest
from ..errors import InvalidInput
from .files import write_atomically

_HEX = set("0123456789abcdef")


class InputMissing(InvalidInput):
    """A stored input image is gone (deleted by hand?): the item cannot be sent."""


class InputStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, sha256: str) -> Path:
        if len(sha256) != 64 or not set(sha256) <= _HEX:
            raise InputMissing(f"not an input image reference: {sha256[:80]!r}")
        return self.folder / sha256[:2] / sha256

    async def stash(self, request: TaskRequest) -> TaskRequest:
        """The same request with every base64 image stored and referred to by hash."""
        if not any(i.b64_json is not None for i in request.input_images):
            return request
        images = await asyncio.to_thread(self._stash_blocking, request.input_images)
        return replace(request, input_images=images)

    async def resolve(self, request: TaskRequest) -> TaskRequest:
        """The request as the API takes it: references replaced by base64 again."""
        if not any(i.stored is not None for i in request.input_images):
            return request
        images = await asyncio.to_thread(self._resolve_blocking, request.input_images)
        return replace(request, input_images=images)

    def _stash_blocking(self, images: Iterable[InputImage]) -> tuple[InputImage, ...]:
        stashed = []
        for image in images:
            if image.b64_json is None:
                stashed.append(image)
                continue
            try:
                data = base64.b64decode(image.b64_json, validate=True)
            except (binascii.Error, ValueError) as exc:
                raise InvalidInput("input_images: an image is not valid base64") from exc
            digest = hashlib.sha256(data).hexdigest()
            target = self.path(digest)
            if not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(target, data)
            stashed.append(InputImage(stored=digest))
        return tuple(stashed)

    def _resolve_blocking(self, images: Iterable[InputImage]) -> tuple[InputImage, ...]:
        resolved = []
        for image in images:
            if image.stored is None:
                resolved.append(image)
                continue
            try:
                data = self.path(image.stored).read_bytes()
            except FileNotFoundError as exc:
                raise InputMissing(f"input image {image.stored[:12]}… is missing from "
                                   f"{self.folder}") from exc
            resolved.append(InputImage(b64_json=base64.b64encode(data).decode("ascii")))
        return tuple(resolved)

    def read(self, image: dict) -> bytes | None:
        """Blocking: the bytes of a journaled image (stored or inline); None for a URL."""
        if "stored" in image:
            try:
                return self.path(str(image["stored"])).read_bytes()
            except FileNotFoundError:
                return None
        if "b64_json" in image:
            return base64.b64decode(image["b64_json"])
        return None

    def collect_garbage(self, referenced: set[str], older_than: float = 3600.0) -> int:
        """Blocking: remove stored images nothing refers to (and not just written)."""
        if not self.folder.is_dir():
            return 0
        removed = 0
        cutoff = time.time() - older_than
        for path in self.folder.glob("*/*"):
            if path.name not in referenced and path.stat().st_mtime < cutoff:
                os.unlink(path)
                removed += 1
        return removed


def stored_refs(request_json: dict) -> set[str]:
    return {str(image["stored"]) for image in request_json.get("input_images") or ()
            if isinstance(image, dict) and "stored" in image}
