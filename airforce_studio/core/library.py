"""The clip library: files on disk are the truth, SQLite is an index rebuilt from them.

Each clip is `clips/<yyyy>/<mm>/<safe-name>.mp4` with a `.jpg` poster, a `.strip.jpg`
filmstrip for hover scrubbing (made later, optional) and a `.json` sidecar holding the
full request, the server's task fields, cost and hashes. File names
come from sanitized task ids, so a hostile id can never leave the library folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import re
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from . import library_index as ix
from .files import write_atomically
from .journal import connect
from .library_index import ClipRow, Query

__all__ = ["ClipRecord", "ClipRow", "Library", "Query", "safe_name"]

SIDECAR_VERSION = 1
_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")


def safe_name(task_id: str) -> str:
    """A file name stem from a server id: only [A-Za-z0-9_-], never empty, never `..`."""
    cleaned = _UNSAFE.sub("_", task_id).strip("_")[:64]
    if cleaned != task_id or not cleaned:
        cleaned = f"{cleaned or 'clip'}-{hashlib.sha256(task_id.encode()).hexdigest()[:10]}"
    return cleaned


@dataclass(frozen=True)
class ClipRecord:
    task_id: str
    file: str  # relative to the clips folder, POSIX separators
    thumbnail: str | None
    prompt: str
    model: str
    created: int
    archived_at: float
    duration_seconds: int | None = None
    cost_cents: int | None = None
    seed: int | None = None
    size: int = 0
    sha256_served: str = ""
    sha256_stored: str = ""
    favourite: bool = False
    input_images_sha256: list[str] = field(default_factory=list)
    request: dict[str, Any] = field(default_factory=dict)
    task: dict[str, Any] = field(default_factory=dict)
    variation: int = 0  # n-th clip with these settings; numbered by the index, 0 = unknown

    @property
    def aspect(self) -> str | None:
        return self.request.get("aspect_ratio")

    def to_json(self) -> dict[str, Any]:
        return {"version": SIDECAR_VERSION, **asdict(self)}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ClipRecord:
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})


class Library:
    def __init__(self, clips_dir: Path, index_path: Path) -> None:
        self.clips_dir = clips_dir
        self.index_path = index_path
        self.db: sqlite3.Connection = connect(index_path)
        ix.open_index(self.db)
        self._reader: sqlite3.Connection | None = None  # counts in a worker thread
        self._reader_lock = threading.Lock()

    def close(self) -> None:
        with self._reader_lock:
            if self._reader is not None:
                self._reader.close()
                self._reader = None
        self.db.close()

    def paths_for(self, task_id: str, created: int) -> tuple[Path, Path, Path]:
        """Where a clip's mp4, jpg and json go: clips/<yyyy>/<mm>/<safe-name>.*"""
        when = dt.datetime.fromtimestamp(created, dt.UTC)
        folder = self.clips_dir / f"{when:%Y}" / f"{when:%m}"
        stem = safe_name(task_id)
        return folder / f"{stem}.mp4", folder / f"{stem}.jpg", folder / f"{stem}.json"

    def filmstrip_path(self, file: str) -> Path:
        """Where a clip's filmstrip lives, beside its poster (it may not exist yet)."""
        return self.absolute(file).with_suffix(".strip.jpg")

    def absolute(self, relative: str) -> Path:
        return self.clips_dir / relative

    def relative(self, path: Path) -> str:
        return path.relative_to(self.clips_dir).as_posix()

    # -- writing --------------------------------------------------------------------------

    def add(self, record: ClipRecord) -> None:
        """Write the sidecar (atomically), then index it. The mp4 must already be in place."""
        self.write_sidecar(record)
        self.index(record)

    def write_sidecar(self, record: ClipRecord) -> None:
        """Blocking file work (fsync): thread-safe, may run in a worker thread."""
        sidecar = self.absolute(record.file).with_suffix(".json")
        write_atomically(sidecar, json.dumps(record.to_json(), indent=2).encode())

    def index(self, record: ClipRecord) -> None:
        ix.upsert(self.db, record.to_json())

    def set_favourite(self, task_id: str, favourite: bool) -> ClipRecord:
        record = replace(self.get(task_id), favourite=favourite)
        self.add(record)
        return record

    def delete(self, task_id: str) -> None:
        """Remove the local files and the index entry (the server copy is untouched)."""
        record = self.get(task_id)
        mp4 = self.absolute(record.file)
        for path in (mp4, mp4.with_suffix(".jpg"), mp4.with_suffix(".json"),
                     self.filmstrip_path(record.file)):
            path.unlink(missing_ok=True)
        for folder in (mp4.parent, mp4.parent.parent):  # tidy empty month/year folders
            with contextlib.suppress(OSError):
                folder.rmdir()
        self.db.execute("DELETE FROM clips WHERE task_id = ?", (task_id,))

    def rebuild(self) -> int:
        """Re-create the index from the sidecars alone; returns how many clips it found."""
        records = list(self._scan_sidecars())
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute("DELETE FROM clips")
            for record in records:
                ix.upsert(self.db, record.to_json(), fresh=False)
            ix.renumber_variations(self.db)
        return len(records)

    def sidecar_records(self) -> list[ClipRecord]:
        """Every clip the files on disk prove, whatever state the index is in."""
        return list(self._scan_sidecars())

    def _scan_sidecars(self) -> Iterator[ClipRecord]:
        for sidecar in sorted(self.clips_dir.glob("*/*/*.json")):
            try:
                record = ClipRecord.from_json(json.loads(sidecar.read_text("utf-8")))
            except (ValueError, TypeError, OSError):
                continue  # a damaged sidecar is skipped, never fatal
            if self.absolute(record.file).exists():
                yield record

    # -- reading --------------------------------------------------------------------------

    def get(self, task_id: str) -> ClipRecord:
        row = self.db.execute("SELECT record, variation FROM clips WHERE task_id = ?",
                              (task_id,)).fetchone()
        if row is None:
            raise KeyError(task_id)
        return _record(row)

    def __contains__(self, task_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM clips WHERE task_id = ?",
                               (task_id,)).fetchone() is not None

    def known(self, task_ids: list[str]) -> set[str]:
        """Which of these task ids are in the library (one query for a whole list)."""
        marks = ",".join("?" * len(task_ids))
        return {row[0] for row in self.db.execute(
            f"SELECT task_id FROM clips WHERE task_id IN ({marks})", task_ids)}

    def count(self, query: Query | None = None) -> int:
        """All clips, or those a query's filters let through."""
        if query is None or not query.is_filtered:
            return self.db.execute("SELECT COUNT(*) FROM clips").fetchone()[0]
        if query == Query(text=query.text, sort=query.sort, dense=query.dense):
            matches = ix.text_matches(self.db, query.text)  # text alone: FTS counts it
            if matches is not None:
                return matches
        return ix.count(self.db, query)

    def prepare(self, query: Query) -> tuple[Query, int | None]:
        """The query planned for paging, and how many clips it shows — or None for a text
        filter, whose count (FTS, up to tens of ms at 100,000 clips) is better taken by
        `count_async` while the first page is already on screen.

        A text found in over 2 % of the newest clips is marked `dense`: a page of it is
        found sooner by testing prompts in sort order than by listing every match."""
        if not query.is_filtered:
            return replace(query, dense=False), self.count()
        if not query.text.strip():
            return replace(query, dense=False), ix.count(self.db, query)
        return replace(query, dense=ix.looks_dense(self.db, query.text)), None

    async def count_async(self, query: Query) -> int:
        """The count of a query, on a read-only connection in a worker thread (SQLite lets
        the loop run meanwhile)."""
        import asyncio  # not at import time: the window paints before asyncio loads

        return await asyncio.to_thread(self._count_in_thread, query)

    def _count_in_thread(self, query: Query) -> int:
        with self._reader_lock:
            if self._reader is None:
                self._reader = sqlite3.connect(f"{self.index_path.resolve().as_uri()}?mode=ro",
                                               uri=True, check_same_thread=False)
            only_text = query == Query(text=query.text, sort=query.sort, dense=query.dense)
            matches = ix.text_matches(self._reader, query.text) if only_text else None
            return matches if matches is not None else ix.count(self._reader, query)

    def search(self, text: str = "", *, limit: int | None = None, offset: int = 0,
               **filters: Any) -> list[ClipRecord]:
        """Full records matching a filter, in the sort's stable order (CLI, tests)."""
        query = Query(text=text, **filters)
        clause, args = ix.where(query)
        sql = (f"SELECT record, variation FROM clips WHERE {clause}"
               f" ORDER BY {ix.order_by(query)} LIMIT ? OFFSET ?")
        return [_record(row) for row in
                self.db.execute(sql, [*args, limit if limit is not None else -1, offset])]

    def rows(self, query: Query, start: tuple[Any, ...] | None, limit: int) -> list[ClipRow]:
        """A page of grid rows after the row keyed `start` (keyset paging)."""
        return ix.page(self.db, query, start, limit)

    def key_at(self, query: Query, offset: int,
               total: int | None = None) -> tuple[Any, ...] | None:
        return ix.key_at(self.db, query, offset, total)

    def position(self, query: Query, task_id: str) -> int | None:
        return ix.position(self.db, query, task_id)

    def models(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT DISTINCT model FROM clips ORDER BY 1")]


def _record(row: tuple[str, int]) -> ClipRecord:
    return replace(ClipRecord.from_json(json.loads(row[0])), variation=row[1])
