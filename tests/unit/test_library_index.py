"""The library index: FTS5 trigram search, stable keyset paging, variations, migration."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from airforce_studio.core.library import ClipRecord, Library, Query

V1_SCHEMA = """
CREATE TABLE clips (
    task_id TEXT PRIMARY KEY, file TEXT NOT NULL, prompt TEXT NOT NULL, model TEXT NOT NULL,
    created INTEGER NOT NULL, archived_at REAL NOT NULL, favourite INTEGER NOT NULL DEFAULT 0,
    record TEXT NOT NULL);
CREATE INDEX clips_created ON clips(created);
CREATE INDEX clips_model ON clips(model);
"""


def record(task_id: str, prompt: str, created: int, *, model: str = "wan-2.6",
           seed: int | None = None, request: dict | None = None) -> ClipRecord:
    return ClipRecord(task_id=task_id, file=f"2024/01/{task_id}.mp4", thumbnail=None,
                      prompt=prompt, model=model, created=created, archived_at=created + 60.0,
                      seed=seed, duration_seconds=5, cost_cents=250,
                      request=request or {"prompt": prompt, "model": model, "seed": seed,
                                          "aspect_ratio": "16:9"})


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib = Library(tmp_path / "clips", tmp_path / "index.sqlite")
    yield lib
    lib.close()


def ids(clips) -> list[str]:
    return [c.task_id for c in clips]


def test_text_filter_matches_inside_words_and_short_words(library):
    library.index(record("a", "A lighthouse in a storm", 1))
    library.index(record("b", "Neon koi in the rain", 2))
    library.index(record("c", "paper boat on a canal, 4K", 3))
    library.index(record("d", "Ünïcode café at dawn", 4))
    assert ids(library.search("hous")) == ["a"]          # inside a word
    assert ids(library.search("HOUSE STORM")) == ["a"]   # every word, any case
    assert ids(library.search("oi")) == ["b"]            # under 3 characters: LIKE
    assert ids(library.search("4k")) == ["c"]
    assert ids(library.search("in")) == ["b", "a"]
    assert ids(library.search("café")) == ["d"]
    assert ids(library.search('"quoted')) == []          # FTS syntax is never interpreted
    assert ids(library.search("house OR koi")) == []     # "OR" is a word, not an operator
    assert library.count(Query(text="in")) == 2


def test_fts_follows_updates_and_deletes(library, tmp_path):
    library.index(record("a", "red fox", 1))
    library.index(record("a", "blue whale", 1))  # re-archived with another prompt
    assert ids(library.search("fox")) == [] and ids(library.search("whale")) == ["a"]
    library.db.execute("DELETE FROM clips WHERE task_id = 'a'")
    assert ids(library.search("whale")) == []


def test_sorts_are_stable_and_keyset_pages_match_offsets(library):
    for n in range(57):  # many ties on created and prompt
        library.index(record(f"t{n:02d}", f"clip {n % 4}", 1000 + n // 5,
                             model=["b", "a", "c"][n % 3]))
    for sort in ("newest", "oldest", "model", "prompt"):
        query = Query(sort=sort)
        everything = ids(library.search(sort=sort))
        assert everything == ids(library.search(sort=sort))  # the same every time
        paged, start = [], None
        while rows := library.rows(query, start, 10):
            paged += rows
            start = rows[-1].key(query)
        assert ids(paged) == everything
        for offset in (0, 9, 10, 33, 56):
            key = library.key_at(query, offset)
            assert ids(library.rows(query, key, 1)) == everything[offset + 1:offset + 2]
            assert library.key_at(query, offset, 57) == key  # counted from the end

        for task_id in ("t00", "t31", "t56"):
            assert library.position(query, task_id) == everything.index(task_id)
    # ties in `created` are broken by id (insertion order), newest first
    assert ids(library.search(sort="newest"))[:5] == ["t56", "t55", "t54", "t53", "t52"]


def test_count_and_position_follow_filters(library):
    library.index(record("a", "fox one", 1, model="x"))
    library.index(record("b", "fox two", 2, model="y"))
    library.index(record("c", "whale", 3, model="x"))
    query = Query(text="fox", model="x")
    assert library.count(query) == 1 and library.count() == 3
    assert library.position(query, "a") == 0 and library.position(query, "c") is None
    assert library.known(["a", "zz", "c"]) == {"a", "c"}


def test_variations_number_clips_of_the_same_settings(library):
    for n, seed in enumerate((11, 12, 13)):
        library.index(record(f"v{n}", "same idea", 100 + n, seed=seed))
    library.index(record("other", "another idea", 50, seed=11))
    assert [library.get(f"v{n}").variation for n in range(3)] == [1, 2, 3]
    assert library.get("other").variation == 1
    library.index(record("v1", "same idea", 101, seed=12))  # re-index keeps its number
    assert library.get("v1").variation == 2
    rows = library.rows(Query(text="same"), None, 10)
    assert [r.variation for r in rows] == [3, 2, 1]


def test_an_old_index_is_migrated_with_its_favourites(tmp_path):
    path = tmp_path / "library.sqlite"
    old = sqlite3.connect(path)
    old.executescript(V1_SCHEMA)
    for n, prompt in enumerate(("A lighthouse in a storm", "koi pond", "lighthouse at dawn")):
        clip = record(f"old{n}", prompt, 1_700_000_000 + n, seed=n)
        data = {"version": 1, **json.loads(json.dumps(clip.to_json()))}
        data.pop("variation")
        old.execute("INSERT INTO clips VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (clip.task_id, clip.file, clip.prompt, clip.model, clip.created,
                     clip.archived_at, int(n == 1), json.dumps(data)))
    old.commit()
    old.close()
    library = Library(tmp_path / "clips", path)
    try:
        assert library.count() == 3
        assert ids(library.search("thous")) == ["old2", "old0"]  # FTS built from old rows
        assert ids(library.search(favourites_only=True)) == ["old1"]
        assert library.db.execute("PRAGMA user_version").fetchone()[0] == 2
        rows = library.rows(Query(), None, 10)
        assert next((r.aspect, r.duration_seconds, r.cost_cents) for r in rows) == \
            ("16:9", 5, 250)
        library.index(record("new", "lighthouse again", 1_800_000_000))
        assert ids(library.search("lighthouse"))[0] == "new"
    finally:
        library.close()
    reopened = Library(tmp_path / "clips", path)  # a second open does not migrate again
    try:
        assert reopened.count() == 4 and ids(reopened.search("koi")) == ["old1"]
    finally:
        reopened.close()


def test_dense_and_sparse_plans_find_the_same_clips(library):
    for n in range(120):
        library.index(record(f"t{n:03d}", f"{'lighthouse' if n % 3 else 'koi'} {n}", n))
    library.index(record("rare", "a zeppelin over the lighthouse", 500))
    for text in ("ighthou", "zeppelin", "LIGHT 1", "koi 11", "café"):
        query, total = library.prepare(Query(text=text))
        assert total is None  # text: counted later, off the loop
        if text in ("ighthou", "zeppelin", "café"):
            assert query.dense is (text == "ighthou")  # café: FTS folds case beyond ASCII
        other = replace(query, dense=not query.dense)
        assert ids(library.rows(query, None, 500)) == ids(library.rows(other, None, 500))
        expected = len(library.rows(query, None, 500))
        assert library.count(query) == library.count(other) == expected
        assert asyncio.run(library.count_async(query)) == expected  # read-only connection
    assert library.prepare(Query(model="wan-2.6")) == (Query(model="wan-2.6"), 121)
