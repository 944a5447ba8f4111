"""Finding a paid task whose create answer never arrived, instead of paying twice.

Task objects do not echo the prompt, so the match is on what they carry: same model,
same duration, created no earlier than the submission began (less clock skew), and
unknown to the journal. The earliest such task is the likeliest.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..api.types import Task
from .journal import Item

LIST_LIMIT = 200


def match_created_task(
    item: Item, server_tasks: Iterable[Task], known_ids: set[str], clock_skew: float
) -> Task | None:
    started = (item.submit_started or item.added_at) - clock_skew
    candidates = [
        task
        for task in server_tasks
        if task.task_id not in known_ids
        and task.model == item.model
        and task.duration_seconds == item.duration_seconds
        and (task.created is None or task.created >= started)
    ]
    return min(candidates, key=lambda t: t.created or 0, default=None)


def adoptable(server_tasks: Iterable[Task], known_ids: set[str]) -> list[Task]:
    """Tasks of this key we do not know and that can still give us a clip, oldest first."""
    wanted = [t for t in server_tasks if t.task_id not in known_ids
              and not t.status.is_refunded]
    return sorted(wanted, key=lambda t: t.created or 0)
