"""The shot list (`*.afilm.json`): one document for a batch of clips and for a film.

The JSON document stays the source of truth: `Film` parses a typed, validated view of
it, and write-backs change only the fields they own, so fields this version does not
know survive a rewrite. Every error names the shot and the field, before anything is
paid for.
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..files import write_atomically
from .shotfields import ShotParser
from .shots import (
    ASPECTS,
    FORMAT,
    QUALITIES,
    SUFFIX,
    VERSION,
    ClipImage,
    FrameRef,
    Output,
    Shot,
    ShotListError,
    Transition,
)

__all__ = ["FORMAT", "SUFFIX", "VERSION", "ClipImage", "Film", "FrameRef", "Output", "Shot",
           "ShotListError", "Transition"]


class Film:
    """A parsed shot list bound to its file. Not thread-safe: use it on one thread."""

    def __init__(self, doc: dict[str, Any], path: Path) -> None:
        self.path = path
        self.doc = doc
        self.title: str = ""
        self.output = Output()
        self.shots: list[Shot] = []
        self._check_files = True
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
        self._check_files = False  # a write-back touches no image: no disk access on a loop
        try:
            self._parse()
        finally:
            self._check_files = True
        return self.shot(shot_id)

    def _raw_shot(self, shot_id: str) -> dict[str, Any]:
        return next(s for s in self.doc["shots"] if s.get("id") == shot_id)

    def resolve(self, relative: Path) -> Path:
        return Path(os.path.normpath(self.path.parent.absolute() / relative))

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
            shot = ShotParser(self, raw, index).parse()
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
