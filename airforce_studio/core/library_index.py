"""The library's SQLite index: schema and migration, filters, keyset pages, variations.

Why it looks like this (100,000 clips on a small machine):
- A text filter goes through an FTS5 index with the `trigram` tokenizer, so "hous" still
  finds "lighthouse" (inside words, as the old `LIKE '%word%'` did) without a full scan.
  Words under three characters cannot use trigrams and fall back to LIKE.
- Sorts always end with the row id, so ties are broken the same way every time, and a
  page is fetched by its key ("rows after this one"), never by a growing OFFSET.
- The grid reads a few plain columns (`ClipRow`), not the JSON record of every clip.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import dataclass
from typing import Any

SCHEMA_VERSION = 2

_TABLE = """
CREATE TABLE IF NOT EXISTS clips (
    id INTEGER PRIMARY KEY,
    task_id TEXT NOT NULL UNIQUE,
    file TEXT NOT NULL,
    thumbnail TEXT,
    prompt TEXT NOT NULL,
    model TEXT NOT NULL,
    created INTEGER NOT NULL,
    archived_at REAL NOT NULL,
    favourite INTEGER NOT NULL DEFAULT 0,
    duration INTEGER,
    cost_cents INTEGER,
    aspect TEXT,
    seed INTEGER,
    grp TEXT NOT NULL DEFAULT '',
    variation INTEGER NOT NULL DEFAULT 1,
    record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS clips_created ON clips(created);
CREATE INDEX IF NOT EXISTS clips_model_created ON clips(model, created DESC, id DESC);
CREATE INDEX IF NOT EXISTS clips_prompt ON clips(prompt COLLATE NOCASE, id);
CREATE INDEX IF NOT EXISTS clips_grp ON clips(grp, variation);
CREATE VIRTUAL TABLE IF NOT EXISTS clips_fts USING fts5(
    prompt, content='clips', content_rowid='id', tokenize='trigram');
CREATE TRIGGER IF NOT EXISTS clips_fts_insert AFTER INSERT ON clips BEGIN
    INSERT INTO clips_fts(rowid, prompt) VALUES (new.id, new.prompt);
END;
CREATE TRIGGER IF NOT EXISTS clips_fts_delete AFTER DELETE ON clips BEGIN
    INSERT INTO clips_fts(clips_fts, rowid, prompt) VALUES ('delete', old.id, old.prompt);
END;
CREATE TRIGGER IF NOT EXISTS clips_fts_update AFTER UPDATE OF prompt ON clips BEGIN
    INSERT INTO clips_fts(clips_fts, rowid, prompt) VALUES ('delete', old.id, old.prompt);
    INSERT INTO clips_fts(rowid, prompt) VALUES (new.id, new.prompt);
END;
"""

# Each sort is a list of (column, ascending); the last is always the id (stable ties).
SORT_KEYS: dict[str, list[tuple[str, bool]]] = {
    "newest": [("created", False), ("id", False)],
    "oldest": [("created", True), ("id", True)],
    "model": [("model", True), ("created", False), ("id", False)],
    "prompt": [("prompt", True), ("id", True)],
}
GRID_COLUMNS = ("id, task_id, file, thumbnail, prompt, model, created, favourite, duration,"
                " cost_cents, aspect, seed, variation")
_COLLATE = {"prompt": " COLLATE NOCASE"}


@dataclass(frozen=True)
class Query:
    """What the library view shows: a text filter, other filters and a sort."""

    text: str = ""
    model: str | None = None
    since: int | None = None
    until: int | None = None
    favourites_only: bool = False
    sort: str = "newest"
    dense: bool = False  # the text matches many clips: test prompts in sort order instead

    @property
    def keys(self) -> list[tuple[str, bool]]:
        return SORT_KEYS.get(self.sort, SORT_KEYS["newest"])

    @property
    def is_filtered(self) -> bool:
        return bool(self.text.strip() or self.model or self.since is not None
                    or self.until is not None or self.favourites_only)


@dataclass(frozen=True)
class ClipRow:
    """One grid cell's worth of a clip: cheap to read 200 at a time."""

    id: int
    task_id: str
    file: str
    thumbnail: str | None
    prompt: str
    model: str
    created: int
    favourite: bool
    duration_seconds: int | None
    cost_cents: int | None
    aspect: str | None
    seed: int | None
    variation: int

    def key(self, query: Query) -> tuple[Any, ...]:
        return tuple(getattr(self, column) for column, _ in query.keys)


def _row(values: tuple[Any, ...]) -> ClipRow:
    (id_, task_id, file, thumbnail, prompt, model, created, favourite, duration, cost, aspect,
     seed, variation) = values
    return ClipRow(id_, task_id, file, thumbnail, prompt, model, created, bool(favourite),
                   duration, cost, aspect, seed, variation)


def group_key(record: dict[str, Any]) -> str:
    """Clips asked for with the same settings but another seed are variations of one idea."""
    request = {k: v for k, v in (record.get("request") or {}).items() if k != "seed"}
    if not request:
        request = {"prompt": record.get("prompt", ""), "model": record.get("model", "")}
    return hashlib.sha1(json.dumps(request, sort_keys=True).encode()).hexdigest()[:16]


def open_index(db: sqlite3.Connection) -> None:
    """Create the index, or migrate an older one (v1: no FTS, no grid columns) in place.

    A v1 table is renamed aside first and dropped only when its rows are in the new one,
    so a crash mid-way leaves something the next start migrates again.
    """
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version < SCHEMA_VERSION:
        columns = {row[1] for row in db.execute("PRAGMA table_info(clips)")}
        if columns and "id" not in columns:
            db.execute("ALTER TABLE clips RENAME TO clips_v1")
            db.execute("DROP INDEX IF EXISTS clips_created")
            db.execute("DROP INDEX IF EXISTS clips_model")
    db.executescript(_TABLE)
    if version >= SCHEMA_VERSION:
        return
    legacy = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'clips_v1'").fetchone()
    db.execute("BEGIN IMMEDIATE")
    try:
        if legacy:
            for text, favourite in db.execute(
                    "SELECT record, favourite FROM clips_v1").fetchall():
                upsert(db, {**json.loads(text), "favourite": bool(favourite)}, fresh=False)
            db.execute("DROP TABLE clips_v1")
        renumber_variations(db)
        db.execute("INSERT INTO clips_fts(clips_fts) VALUES ('rebuild')")
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise


def upsert(db: sqlite3.Connection, record: dict[str, Any], *, fresh: bool = True) -> None:
    """Insert or update one clip. A new clip gets the next variation number of its group
    (`fresh`); a rebuild or migration renumbers all of them at the end instead."""
    group = group_key(record)
    variation = 1
    if fresh:
        variation = db.execute("SELECT COALESCE(MAX(variation), 0) + 1 FROM clips WHERE grp = ?"
                               " AND task_id != ?", (group, record["task_id"])).fetchone()[0]
    request = record.get("request") or {}
    db.execute(
        "INSERT INTO clips (task_id, file, thumbnail, prompt, model, created, archived_at,"
        " favourite, duration, cost_cents, aspect, seed, grp, variation, record)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT(task_id) DO UPDATE SET file = excluded.file,"
        " thumbnail = excluded.thumbnail, prompt = excluded.prompt, model = excluded.model,"
        " created = excluded.created, archived_at = excluded.archived_at,"
        " favourite = excluded.favourite, duration = excluded.duration,"
        " cost_cents = excluded.cost_cents, aspect = excluded.aspect, seed = excluded.seed,"
        " record = excluded.record",
        (record["task_id"], record["file"], record.get("thumbnail"), record["prompt"],
         record["model"], record["created"], record["archived_at"],
         int(bool(record.get("favourite"))), record.get("duration_seconds"),
         record.get("cost_cents"), request.get("aspect_ratio"), record.get("seed"), group,
         variation, json.dumps(record)),
    )


def renumber_variations(db: sqlite3.Connection) -> None:
    """Variation n = the n-th clip of its group by creation time (ties by id)."""
    db.execute(
        "UPDATE clips SET variation = v.n FROM (SELECT id, ROW_NUMBER() OVER"
        " (PARTITION BY grp ORDER BY created, id) AS n FROM clips) AS v WHERE v.id = clips.id")


def _fts_phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _like_arg(word: str) -> str:
    """`%word%` with LIKE's own wildcards taken literally."""
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def fts_query(words: list[str]) -> str:
    """Every word as a quoted phrase: user text is never read as FTS syntax."""
    return " ".join(_fts_phrase(w) for w in words)


def looks_dense(db: sqlite3.Connection, text: str, sample: int = 1000) -> bool:
    """Does the text match over 2 % of the newest `sample` clips? (~1 ms; FTS syntax and
    non-ASCII words stay with FTS.)"""
    words = text.split()
    if not words or not all(w.isascii() for w in words):
        return False
    likes = " AND ".join("prompt LIKE ? ESCAPE '\\'" for _ in words)
    args = [_like_arg(w) for w in words]
    seen, hits = db.execute(
        f"SELECT COUNT(*), COALESCE(SUM({likes}), 0) FROM (SELECT prompt FROM clips"
        " ORDER BY created DESC LIMIT ?)", [*args, sample]).fetchone()
    return seen > 0 and hits * 50 > seen


def text_matches(db: sqlite3.Connection, text: str) -> int | None:
    """How many prompts hold every word (FTS alone, no table lookups); None if a word is
    too short for trigrams."""
    words = text.split()
    if not words or any(len(w) < 3 for w in words):
        return None
    return db.execute("SELECT COUNT(*) FROM clips_fts WHERE clips_fts MATCH ?",
                      (fts_query(words),)).fetchone()[0]


def where(query: Query) -> tuple[str, list[Any]]:
    """The WHERE clause of a query (without the keyset part)."""
    parts, args = ["1"], []
    words = query.text.split()
    long_words = [w for w in words if len(w) >= 3 and not (query.dense and w.isascii())]
    if long_words:
        parts.append("id IN (SELECT rowid FROM clips_fts WHERE clips_fts MATCH ?)")
        args.append(fts_query(long_words))
    for word in words:
        if word not in long_words:  # LIKE is case-blind for ASCII only, as FTS is for all
            parts.append("prompt LIKE ? ESCAPE '\\'")
            args.append(_like_arg(word))
    if query.model:
        parts.append("model = ?")
        args.append(query.model)
    if query.since is not None:
        parts.append("created >= ?")
        args.append(query.since)
    if query.until is not None:
        parts.append("created < ?")
        args.append(query.until)
    if query.favourites_only:
        parts.append("favourite = 1")
    return " AND ".join(parts), args


def order_by(query: Query) -> str:
    return ", ".join(f"{c}{_COLLATE.get(c, '')} {'ASC' if asc else 'DESC'}"
                     for c, asc in query.keys)


def after(query: Query, key: tuple[Any, ...]) -> tuple[str, list[Any]]:
    """Rows that sort after `key`: (k1 > v1) OR (k1 = v1 AND k2 > v2) OR ..."""
    keys = query.keys
    clauses, args = [], []
    for i, (column, asc) in enumerate(keys):
        terms = [f"{c}{_COLLATE.get(c, '')} = ?" for c, _ in keys[:i]]
        op = ">" if asc else "<"
        terms.append(f"{column}{_COLLATE.get(column, '')} {op} ?")
        clauses.append("(" + " AND ".join(terms) + ")")
        args.extend(key[: i + 1])
    return "(" + " OR ".join(clauses) + ")", args


def page(db: sqlite3.Connection, query: Query, start: tuple[Any, ...] | None,
         limit: int) -> list[ClipRow]:
    """Up to `limit` rows after the row whose key is `start` (from the top when None)."""
    clause, args = where(query)
    if start is not None:
        more, more_args = after(query, start)
        clause, args = f"{clause} AND {more}", args + more_args
    sql = (f"SELECT {GRID_COLUMNS} FROM clips WHERE {clause} ORDER BY {order_by(query)}"
           " LIMIT ?")
    return [_row(values) for values in db.execute(sql, [*args, limit])]


def key_at(db: sqlite3.Connection, query: Query, offset: int,
           total: int | None = None) -> tuple[Any, ...] | None:
    """The sort key of the row at `offset`: where a page far down the list starts. Past
    the middle (`total` known) it counts from the end, so the last page is as cheap as
    the first."""
    clause, args = where(query)
    columns = ", ".join(c for c, _ in query.keys)
    order = order_by(query)
    if total is not None and offset > total // 2:
        order = ", ".join(f"{c}{_COLLATE.get(c, '')} {'DESC' if asc else 'ASC'}"
                          for c, asc in query.keys)
        offset = total - 1 - offset
    row = db.execute(f"SELECT {columns} FROM clips WHERE {clause} ORDER BY {order}"
                     " LIMIT 1 OFFSET ?", [*args, max(0, offset)]).fetchone()
    return tuple(row) if row else None


def count(db: sqlite3.Connection, query: Query) -> int:
    clause, args = where(query)
    return db.execute(f"SELECT COUNT(*) FROM clips WHERE {clause}", args).fetchone()[0]


def position(db: sqlite3.Connection, query: Query, task_id: str) -> int | None:
    """Where a clip sits in the query's order (None when the filter hides it)."""
    clause, args = where(query)
    columns = ", ".join(c for c, _ in query.keys)
    row = db.execute(f"SELECT {columns} FROM clips WHERE {clause} AND task_id = ?",
                     [*args, task_id]).fetchone()
    if row is None:
        return None
    later, later_args = after(query, tuple(row))
    behind = db.execute(f"SELECT COUNT(*) FROM clips WHERE {clause} AND {later}",
                        [*args, *later_args]).fetchone()[0]
    return count(db, query) - behind - 1
