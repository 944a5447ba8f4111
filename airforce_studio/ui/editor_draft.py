"""The editor's draft, kept per profile across restarts: prompt, settings and images.

Images are kept by content (sha256) in the profile's `draft/images/`, like the engine's
input store, so a draft with four references is a small JSON file plus files written once.
Everything touching the disk runs in a worker thread; saves are debounced by the editor.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import threading
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..core.files import write_atomically
from ..lazy import asyncio  # loads on first use: the window paints first (issue 14)
from .json_store import WRITER, read_json

if TYPE_CHECKING:  # PIL and httpx come with core.images: imported where they are used
    from ..core.images import PreparedImage

_HEX = set("0123456789abcdef")
log = logging.getLogger(__name__)


@dataclass
class Draft:
    prompt: str = ""
    settings: dict[str, Any] = field(default_factory=dict)
    first_frame: tuple[PreparedImage, ...] = ()
    references: tuple[PreparedImage, ...] = ()


def _meta(image: PreparedImage) -> dict[str, Any]:
    return {"sha256": image.sha256, "name": image.name, "mime": image.mime,
            "width": image.width, "height": image.height, "downscaled": image.downscaled}


class DraftStore:
    def __init__(self, folder: Path) -> None:
        self._lock = threading.Lock()  # one save at a time: they share a temporary file
        self.folder = folder
        self.file = folder / "draft.json"
        self.images = folder / "images"

    # -- blocking halves (worker threads) -----------------------------------------------

    def _save_blocking(self, document: dict[str, Any], images: list[PreparedImage]) -> None:
        with self._lock:
            try:
                self._write_blocking(document, images)
            except OSError as error:  # a full disk loses the draft, never the window
                log.warning("could not save the editor's draft: %s", error)

    def _write_blocking(self, document: dict[str, Any], images: list[PreparedImage]) -> None:
        self.images.mkdir(parents=True, exist_ok=True)
        keep = set()
        for image in images:
            keep.add(image.sha256)
            target = self.images / image.sha256
            if not target.exists():
                write_atomically(target, image.data)
        write_atomically(self.file, json.dumps(document, ensure_ascii=False).encode("utf-8"))
        for old in self.images.iterdir():  # images no longer in the draft
            if old.name not in keep and not old.name.startswith("."):
                old.unlink(missing_ok=True)

    def _image_blocking(self, meta: Any) -> PreparedImage | None:
        if not isinstance(meta, dict):
            return None
        sha = str(meta.get("sha256", ""))
        if len(sha) != 64 or not set(sha) <= _HEX:
            return None
        try:
            data = (self.images / sha).read_bytes()
        except OSError:
            return None  # removed by hand: the draft loses that image, nothing else
        if hashlib.sha256(data).hexdigest() != sha:
            return None
        from ..core.images import PreparedImage

        try:
            return PreparedImage(name=str(meta.get("name", "image")), data=data,
                                 mime=str(meta.get("mime", "image/png")),
                                 width=int(meta.get("width", 0)),
                                 height=int(meta.get("height", 0)), sha256=sha,
                                 downscaled=bool(meta.get("downscaled")),
                                 b64=base64.b64encode(data).decode("ascii"))
        except (TypeError, ValueError):
            return None

    def _load_blocking(self) -> Draft:
        raw = read_json(self.file, {})
        settings = raw.get("settings")

        def images(key: str) -> tuple[PreparedImage, ...]:
            found = [self._image_blocking(m) for m in raw.get(key) or () if m]
            return tuple(i for i in found if i is not None)

        return Draft(prompt=str(raw.get("prompt", "")),
                     settings=settings if isinstance(settings, dict) else {},
                     first_frame=images("first_frame"), references=images("references"))

    # -- what the editor calls ----------------------------------------------------------

    def save(self, draft: Draft) -> Future:
        """Written in the writer thread (see json_store): in order, and even while the
        window closes with no loop left to await it."""
        document = {"prompt": draft.prompt, "settings": draft.settings,
                    "first_frame": [_meta(i) for i in draft.first_frame],
                    "references": [_meta(i) for i in draft.references]}
        return WRITER.submit(self._save_blocking, document,
                             [*draft.first_frame, *draft.references])

    async def load(self) -> Draft:
        # In the writer thread too: a save still pending (the last window closing) is
        # read back, never raced.
        return await asyncio.wrap_future(WRITER.submit(self._load_blocking))
