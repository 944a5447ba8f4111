"""What one progress event costs on the event loop, with four items in flight that each
carry four 8 MB reference images (issue 14, item 6: target ≤ 2 ms).

The path measured is the engine's own: `Following`'s progress callback (journal read,
journal commit, publish to a subscriber), called with real `Task` updates on items in
a real journal. Beside it, in the same run:
- the bare SQL: one `UPDATE` of the same columns of one row (the floor), and
- the old storage: the same callback when the journal row holds the images as base64
  and every event re-reads the row (what the engine did before input images moved out).

    .venv/bin/python -m benchmarks.progress_events [--runs 5] [--events 200]
"""

from __future__ import annotations

import argparse
import base64
import os
import time
from pathlib import Path

from airforce_studio.api.client import ApiClient
from airforce_studio.api.types import InputImage, Task, TaskRequest, TaskStatus
from airforce_studio.core.context import Context, EngineConfig
from airforce_studio.core.following import Following
from airforce_studio.core.inputs import InputStore
from airforce_studio.core.journal import ItemState, Journal
from airforce_studio.core.ledger import Ledger
from airforce_studio.core.library import Library

from ._common import header, load, scratch_home, spread, table

IMAGE_BYTES = 8 * 1024 * 1024


def make_request(inline: bool, store: InputStore) -> TaskRequest:
    images = []
    for index in range(4):
        data = os.urandom(IMAGE_BYTES - index)  # four distinct 8 MB images
        if inline:
            images.append(InputImage(b64_json=base64.b64encode(data).decode("ascii")))
        else:
            images.append(InputImage(stored=store._stash_blocking(
                [InputImage(b64_json=base64.b64encode(data).decode("ascii"))])[0].stored))
    return TaskRequest(model="wan-2.6", prompt="a harbour at dusk", mode="reference",
                       duration_seconds=8, input_images=tuple(images))


def one_run(home: Path, inline: bool, events: int) -> float:
    """Median ms per progress event over `events` events spread across four items."""
    folder = home / ("inline" if inline else "stored")
    folder.mkdir()
    journal = Journal(folder / "journal.sqlite")
    library = Library(folder / "clips", folder / "library.sqlite")
    store = InputStore(folder / "inputs")
    client = ApiClient("http://127.0.0.1:9", "sk-air-bench")  # never contacted
    ctx = Context(client, journal, library, Ledger(journal), folder / "staging",
                  EngineConfig(), store)
    received: list[object] = []
    ctx.hub.subscribe(received.append)  # a subscriber, as the window and CLI have
    following = Following(ctx)
    request = make_request(inline, store)
    items = [journal.add(request, 8, state=ItemState.FOLLOWING, task_id=f"vid_{i}",
                         status="running", progress=0, cost_cents=320) for i in range(4)]
    callbacks = [following._on_progress(item.id) for item in items]
    times = []
    for n in range(events):
        index = n % 4
        task = Task(task_id=f"vid_{index}", status=TaskStatus.RUNNING, progress=n // 4 + 1)
        if inline:  # the old engine read the whole row back on every event
            journal._snapshots.clear()
        started = time.perf_counter()
        callbacks[index](task)
        times.append((time.perf_counter() - started) * 1000)
    journal.close()
    library.close()
    assert len(received) == events, "every event must reach the subscriber"
    return sorted(times)[len(times) // 2]


def bare_sql(home: Path, events: int) -> float:
    import sqlite3
    db = sqlite3.connect(home / "bare.sqlite", isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, status TEXT, progress INTEGER, "
               "updated_at REAL)")
    db.executemany("INSERT INTO items VALUES (?, 'running', 0, 0)", [(i,) for i in range(4)])
    times = []
    for n in range(events):
        started = time.perf_counter()
        db.execute("UPDATE items SET status = ?, progress = ?, updated_at = ? WHERE id = ?",
                   ("running", n // 4 + 1, time.time(), n % 4))
        times.append((time.perf_counter() - started) * 1000)
    db.close()
    return sorted(times)[len(times) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--events", type=int, default=200)
    args = parser.parse_args()
    print(header("progress event cost, 4 items × four 8 MB reference images"))
    results: dict[str, list[float]] = {"bare": [], "stored": [], "inline": []}
    for run in range(args.runs):
        order = ["stored", "inline", "bare"] if run % 2 == 0 else ["bare", "inline", "stored"]
        for path in order:
            with scratch_home() as home:
                if path == "bare":
                    results[path].append(bare_sql(Path(home), args.events))
                else:
                    results[path].append(one_run(Path(home), path == "inline", args.events))
        print(f"run {run + 1}: " + ", ".join(f"{k} {results[k][-1]:.3f} ms" for k in results)
              + f"  ({load()})")
    rows = [("path", "ms per event, median [min–max] of run medians", "× bare SQL")]
    bare = sorted(results["bare"])[len(results["bare"]) // 2]
    for path, label in (("bare", "bare SQL UPDATE (floor)"),
                        ("stored", "engine, images stored by hash (now)"),
                        ("inline", "engine, base64 in the row, re-read (before)")):
        mid = sorted(results[path])[len(results[path]) // 2]
        rows.append((label, spread(results[path], "{:.3f}"), f"{mid / bare:.1f}×"))
    print(table(rows))


if __name__ == "__main__":
    main()
