"""Opening a profile's two databases, and rebuilding either one when it is corrupt.

The library index is a cache of the sidecars: a corrupt one is moved aside and rebuilt
at once. The journal is the record of what was paid: a corrupt one is moved aside and
a new one is rebuilt from what the sidecars prove (each archived clip, its cost as a
debit dated when it was made, so the ledger and the monthly budget survive); tasks the
server still shows are adopted at start, as ever, if adoption is on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..api.types import TaskRequest
from .dbguard import check_integrity, open_or_move_aside
from .journal import ItemState, Journal
from .library import ClipRecord, Library

Notice = tuple[str, dict[str, Any]]


def open_library(clips_dir: Path, index_path: Path) -> tuple[Library, Notice | None]:
    def opener(path: Path) -> Library:
        library = Library(clips_dir, path)
        try:
            check_integrity(library.db)
            library.count()
        except BaseException:
            library.close()
            raise
        return library

    library, moved = open_or_move_aside(index_path, opener)
    if moved is None:
        return library, None
    clips = library.rebuild()
    return library, ("db-recovered", {"file": str(index_path), "reason": moved[1],
                                      "moved_to": str(moved[0]), "clips": clips,
                                      "debits": 0, "tasks": 0})


def open_journal(path: Path, library: Library) -> tuple[Journal, Notice | None]:
    journal = Journal(path)
    if journal.recovered_from is None:
        return journal, None
    moved_to, reason = journal.recovered_from
    clips, debits = rebuild_journal(journal, library.sidecar_records())
    return journal, ("db-recovered", {"file": str(path), "reason": reason,
                                      "moved_to": str(moved_to), "clips": clips,
                                      "debits": debits, "tasks": 0})


def rebuild_journal(journal: Journal, records: list[ClipRecord]) -> tuple[int, int]:
    """Archived items (and their debits) from the clips' sidecars; returns the counts."""
    known = journal.known_task_ids()
    clips = debits = 0
    for record in sorted(records, key=lambda r: r.created):
        if record.task_id in known:
            continue
        try:
            request = TaskRequest.from_json(record.request)
        except Exception:  # an old or hand-edited sidecar: keep what it says plainly
            request = TaskRequest(model=record.model, prompt=record.prompt)
        item = journal.add(
            request, record.duration_seconds or 0, source="recovered",
            state=ItemState.ARCHIVED, task_id=record.task_id, created=record.created,
            cost_cents=record.cost_cents, status="completed", progress=100,
            file=record.file, sha256_served=record.sha256_served)
        clips += 1
        if record.cost_cents:
            journal.record_money(item, "debit", record.cost_cents, at=record.created)
            debits += 1
    return clips, debits
