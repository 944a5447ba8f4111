"""The journal: every item's state is committed *before* the engine acts on it.

SQLite in WAL mode with synchronous=NORMAL: a commit survives a killed process (the
failure we design for) and costs well under a millisecond, so it runs on the loop.
Power loss may drop the last commits; the reconciliation on start covers that too.
"""

from __future__ import annotations

import enum
import json
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from functools import cached_property
from pathlib import Path
from typing import Any

from ..api.types import TaskRequest
from .dbguard import check_integrity, guarded, open_or_move_aside


class ItemState(enum.StrEnum):
    QUEUED = "queued-locally"
    SUBMITTING = "submitting"
    CREATED = "created"
    FOLLOWING = "following"
    DOWNLOADING = "downloading"
    ARCHIVED = "archived"
    FAILED = "failed"  # the server failed it (refunded) or refused it before paying
    EXPIRED = "expired"  # refunded
    LOST = "lost"  # completed but never archived before expires_at: NOT refunded
    CANCELLED = "cancelled"  # removed by the user while still local
    # A step failed in a way no policy foresaw (a bug): final for this run, re-run by
    # `resume` or Retry. A paid item here is still archived before expiry if it can be.
    NEEDS_ATTENTION = "needs-attention"

    @property
    def is_final(self) -> bool:
        return self in FINAL_STATES

    @property
    def holds_server_slot(self) -> bool:
        return self in (ItemState.SUBMITTING, ItemState.CREATED, ItemState.FOLLOWING)


FINAL_STATES = frozenset(
    {ItemState.ARCHIVED, ItemState.FAILED, ItemState.EXPIRED, ItemState.LOST, ItemState.CANCELLED,
     ItemState.NEEDS_ATTENTION}
)


@dataclass(frozen=True)
class Item:
    """One requested clip, as the journal knows it. Immutable: updates make a new one."""

    id: int
    state: ItemState
    position: float
    request_json: str
    model: str
    duration_seconds: int
    seed: int | None
    source: str  # "local" or "adopted"
    added_at: float
    submit_started: float | None = None
    task_id: str | None = None
    created: int | None = None
    expires_at: int | None = None
    cost_cents: int | None = None
    progress: int | None = None
    status: str | None = None  # the server's task status, last seen
    error: str | None = None
    refunded: bool = False
    file: str | None = None
    sha256_served: str | None = None
    updated_at: float = 0.0
    cleared: bool = False  # hidden from the queue view by "Clear finished"
    duplicate_of: int | None = None  # a second task the provider made for that item
    ambiguous_sends: int = 0  # creates whose answer never came (each may have been paid)

    @cached_property
    def request(self) -> dict[str, Any]:
        """Parsed once per snapshot: views read the prompt on every repaint, and the JSON
        can hold megabytes of base64 images."""
        return json.loads(self.request_json)

    @property
    def task_request(self) -> TaskRequest:
        return TaskRequest.from_json(self.request)

    @property
    def prompt(self) -> str:
        return str(self.request.get("prompt", ""))


_COLUMNS = [f.name for f in fields(Item)]
_SCHEMA = """
CREATE TABLE IF NOT EXISTS items (
    id INTEGER PRIMARY KEY,
    state TEXT NOT NULL,
    position REAL NOT NULL,
    request_json TEXT NOT NULL,
    model TEXT NOT NULL,
    duration_seconds INTEGER NOT NULL,
    seed INTEGER,
    source TEXT NOT NULL DEFAULT 'local',
    added_at REAL NOT NULL,
    submit_started REAL,
    task_id TEXT UNIQUE,
    created INTEGER,
    expires_at INTEGER,
    cost_cents INTEGER,
    progress INTEGER,
    status TEXT,
    error TEXT,
    refunded INTEGER NOT NULL DEFAULT 0,
    file TEXT,
    sha256_served TEXT,
    updated_at REAL NOT NULL DEFAULT 0,
    cleared INTEGER NOT NULL DEFAULT 0,
    duplicate_of INTEGER,
    ambiguous_sends INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS items_state ON items(state);
CREATE TABLE IF NOT EXISTS ledger (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items(id),
    task_id TEXT,
    model TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('debit', 'refund', 'adjust')),
    cents INTEGER NOT NULL,
    at REAL NOT NULL,
    UNIQUE (item_id, kind)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


def connect(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA busy_timeout=5000")
    db.execute("PRAGMA foreign_keys=ON")
    return db


def _open(path: Path) -> sqlite3.Connection:
    db = connect(path)
    try:
        check_integrity(db)
        db.executescript(_SCHEMA)
        _add_missing_columns(db)
        db.execute("SELECT COUNT(*) FROM items").fetchone()
    except BaseException:
        db.close()
        raise
    return db


class Journal:
    """Only the event loop's thread uses this connection (the loop rule)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db, moved = open_or_move_aside(path, _open)
        # (moved_to, reason) when a corrupt journal was moved aside: recovery rebuilds it.
        self.recovered_from = moved
        self._snapshots: dict[int, Item] = {}

    def close(self) -> None:
        self.db.close()

    # -- items ----------------------------------------------------------------------------

    def add(self, request: TaskRequest, duration: int, *, source: str = "local",
            **extra: Any) -> Item:
        with guarded(self.path):
            return self._add(request, duration, source, extra)

    def add_all(self, requests: list[TaskRequest], duration: int, **extra: Any) -> list[Item]:
        """All or nothing: a batch that cannot be written whole is not queued at all (a
        later run must never pay for half of a command that failed)."""
        with guarded(self.path):
            items: list[Item] = []
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for request in requests:
                    items.append(self._add(request, duration, "local", dict(extra)))
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                for item in items:
                    self._snapshots.pop(item.id, None)
                raise
        return items

    def _add(self, request: TaskRequest, duration: int, source: str,
             extra: dict[str, Any]) -> Item:
        now = time.time()
        top = self.db.execute("SELECT COALESCE(MAX(position), 0) FROM items").fetchone()[0]
        row = {
            "state": str(extra.pop("state", ItemState.QUEUED)),
            "position": top + 1,
            "request_json": _serialise(request),
            "model": request.model,
            "duration_seconds": duration,
            "seed": request.seed,
            "source": source,
            "added_at": now,
            "updated_at": now,
            **extra,
        }
        names = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        cursor = self.db.execute(f"INSERT INTO items ({names}) VALUES ({marks})",
                                 list(row.values()))
        return self.get(int(cursor.lastrowid))

    def update_request(self, item_id: int, request: TaskRequest, duration: int,
                       cost_cents: int) -> Item:
        """A waiting item's request was edited."""
        return self.update(item_id, request_json=_serialise(request), model=request.model,
                           duration_seconds=duration, seed=request.seed, cost_cents=cost_cents)

    def get(self, item_id: int) -> Item:
        cached = self._snapshots.get(item_id)
        if cached is not None:
            return cached
        row = self.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM items WHERE id = ?",
                              (item_id,)).fetchone()
        if row is None:
            raise KeyError(item_id)
        return self._remember(_item(row))

    def update(self, item_id: int, **changes: Any) -> Item:
        """Commit `changes`; returns the new snapshot without re-reading the row (the
        request, which can hold megabytes of base64, is parsed once per item)."""
        changes["updated_at"] = time.time()
        if "state" in changes:
            changes["state"] = ItemState(changes["state"])
        stored = {k: (str(v) if k == "state" else v) for k, v in changes.items()}
        assignments = ", ".join(f"{name} = ?" for name in stored)
        with guarded(self.path):
            self.db.execute(f"UPDATE items SET {assignments} WHERE id = ?",
                            [*stored.values(), item_id])
        before = self._snapshots.get(item_id)
        if before is None or "request_json" in changes:
            self._snapshots.pop(item_id, None)
            return self.get(item_id)
        after = replace(before, **changes)
        if "request" in before.__dict__:  # keep the parsed request (cached_property)
            after.__dict__["request"] = before.__dict__["request"]
        return self._remember(after)

    def _remember(self, item: Item) -> Item:
        self._snapshots[item.id] = item
        return item

    # -- settings kept with the queue -------------------------------------------------------

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else str(row[0])

    def set_meta(self, key: str, value: str | None) -> None:
        with guarded(self.path):
            if value is None:
                self.db.execute("DELETE FROM meta WHERE key = ?", (key,))
            else:
                self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
                                (key, value))

    def items(self, states: Iterable[ItemState] | None = None) -> list[Item]:
        query = f"SELECT {', '.join(_COLUMNS)} FROM items"
        args: list[Any] = []
        if states is not None:
            wanted = [str(s) for s in states]
            query += f" WHERE state IN ({', '.join('?' for _ in wanted)})"
            args = wanted
        rows = self.db.execute(query + " ORDER BY position", args)
        return [self._snapshots.get(row[0]) or self._remember(_item(row)) for row in rows]

    def clear_finished(self) -> list[int]:
        """Hide finished items from the queue view; the journal and ledger keep them."""
        final = [str(s) for s in FINAL_STATES]
        marks = ", ".join("?" for _ in final)
        ids = [row[0] for row in self.db.execute(
            f"SELECT id FROM items WHERE cleared = 0 AND state IN ({marks})", final)]
        with guarded(self.path):
            self.db.execute(
                f"UPDATE items SET cleared = 1 WHERE cleared = 0 AND state IN ({marks})", final)
        for item_id in ids:
            self._snapshots.pop(item_id, None)
        return ids

    def known_task_ids(self) -> set[str]:
        rows = self.db.execute("SELECT task_id FROM items WHERE task_id IS NOT NULL")
        return {row[0] for row in rows}

    def set_positions(self, ordered_ids: list[int]) -> None:
        self._snapshots.clear()
        with guarded(self.path), self.db:
            self.db.execute("BEGIN")
            for index, item_id in enumerate(ordered_ids):
                self.db.execute("UPDATE items SET position = ? WHERE id = ?",
                                (float(index + 1), item_id))

    # -- ledger ---------------------------------------------------------------------------

    def record_money(self, item: Item, kind: str, cents: int, at: float | None = None) -> None:
        """Idempotent per (item, kind): a replayed event never charges twice."""
        with guarded(self.path):
            self._record_money(item, kind, cents, time.time() if at is None else at)

    def _record_money(self, item: Item, kind: str, cents: int, at: float) -> None:
        self.db.execute(
            "INSERT OR IGNORE INTO ledger (item_id, task_id, model, kind, cents, at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (item.id, item.task_id, item.model, kind, cents, at),
        )

    def ledger(self) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT item_id, task_id, model, kind, cents, at FROM ledger ORDER BY at")
        keys = ("item_id", "task_id", "model", "kind", "cents", "at")
        return [dict(zip(keys, row, strict=True)) for row in rows]


def _serialise(request: TaskRequest) -> str:
    return json.dumps(request.to_json())


def _add_missing_columns(db: sqlite3.Connection) -> None:
    """Journals written by older versions lack newer columns."""
    have = {row[1] for row in db.execute("PRAGMA table_info(items)")}
    added = {"cleared": "INTEGER NOT NULL DEFAULT 0", "duplicate_of": "INTEGER",
             "ambiguous_sends": "INTEGER NOT NULL DEFAULT 0"}
    for name, kind in added.items():
        if name not in have:
            db.execute(f"ALTER TABLE items ADD COLUMN {name} {kind}")


def _item(row: tuple[Any, ...]) -> Item:
    values = dict(zip(_COLUMNS, row, strict=True))
    values["state"] = ItemState(values["state"])
    values["refunded"] = bool(values["refunded"])
    values["cleared"] = bool(values["cleared"])
    return Item(**values)
