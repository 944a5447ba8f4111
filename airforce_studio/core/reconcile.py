"""Finding a paid task whose create answer never arrived, instead of paying twice.

Task objects do not echo the prompt, so the match is on what they carry: same model,
same duration, unknown to the journal, created no earlier than the submission began
and, once its unclear answer came, no later than that answer. Both are measured on the
server's clock: the list's answer time minus the local time elapsed since, so a local
clock minutes off does not matter. The margin covers only what that measure cannot see
(whole-second `created` and `Date` values): another process using the same key can make
a task of the same model seconds before or after ours, and it must not be claimed.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from ..api.types import Task
from .journal import Item

LIST_LIMIT = 200


def match_created_task(
    item: Item, server_tasks: Iterable[Task], known_ids: set[str],
    server_now: float | None, margin: float, answered_at: float | None = None,
) -> Task | None:
    """The earliest unknown task that this item's send can have made, or None.

    `answered_at` is the local time the send's unclear answer arrived (None when the
    process died waiting for it): a task created after it was made by someone else."""
    now = time.time()
    elapsed = max(0.0, now - (item.submit_started or item.added_at))
    earliest = latest = None
    if server_now is not None:
        earliest = server_now - elapsed - margin
        if answered_at is not None:
            latest = server_now - max(0.0, now - answered_at) + margin
    candidates = [
        task
        for task in server_tasks
        if task.task_id not in known_ids
        and task.model == item.model
        and task.duration_seconds == item.duration_seconds
        and (earliest is None or task.created is None or task.created >= earliest)
        and (latest is None or task.created is None or task.created <= latest)
    ]
    return min(candidates, key=lambda t: t.created or 0, default=None)


def probable_duplicates(
    suspects: Iterable[Item], server_tasks: Iterable[Task], known_ids: set[str],
    margin: float = 10.0,
) -> list[tuple[Item, Task]]:
    """Unknown tasks that a re-sent item's earlier, unanswered create probably made.

    Each suspect (an item re-sent after an ambiguous create) claims at most as many
    tasks as it had unanswered sends, the earliest created after its own task's first
    possible send and no later than its own task, on the server's clock."""
    unclaimed = sorted((t for t in server_tasks if t.task_id not in known_ids
                        and not t.status.is_refunded), key=lambda t: t.created or 0)
    found: list[tuple[Item, Task]] = []
    for item in suspects:
        # Local time between adding the item and its last send, moved to server time.
        waited = max(0.0, (item.submit_started or item.added_at) - item.added_at)
        window = (item.created or 0) - waited - margin
        for _ in range(item.ambiguous_sends):
            match = next((t for t in unclaimed if t.model == item.model
                          and t.duration_seconds == item.duration_seconds
                          and (t.created or 0) >= window
                          and (t.created or 0) <= (item.created or 0)), None)
            if match is None:
                break
            unclaimed.remove(match)
            found.append((item, match))
    return found


def adoptable(server_tasks: Iterable[Task], known_ids: set[str]) -> list[Task]:
    """Tasks of this key we do not know and that can still give us a clip, oldest first."""
    wanted = [t for t in server_tasks if t.task_id not in known_ids
              and not t.status.is_refunded]
    return sorted(wanted, key=lambda t: t.created or 0)
