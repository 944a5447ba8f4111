"""The provider's task history (`GET /v1/video/tasks`, up to 200), joined with what this
computer has: whether each task is in the local library or the queue, and how long its
result stays downloadable. A completed task that is not archived can be taken into the
library through the engine (adopted as a journal item, archived the normal way).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ..api.types import Task, TaskStatus
from .engine import Engine
from .journal import Item, ItemState

HISTORY_LIMIT = 200


@dataclass(frozen=True)
class HistoryEntry:
    task: Task
    in_library: bool
    local_state: ItemState | None  # the journal's state, when this computer knows the task
    expires_in: float | None  # seconds until the result link dies (server clock), None: n/a
    made_at: float | None = None  # `created` moved onto our clock, for showing it

    @property
    def can_download(self) -> bool:
        """Completed, still downloadable, and neither in the library nor on its way."""
        on_its_way = self.local_state is not None and not self.local_state.is_final
        return (self.task.status == TaskStatus.COMPLETED and not self.in_library
                and not on_its_way and (self.expires_in is None or self.expires_in > 0))


@dataclass(frozen=True)
class HistoryPage:
    entries: list[HistoryEntry]
    fetched_at: float


def server_now(tasks: list[Task], local_now: float, offset: float | None = None) -> float:
    """The server's clock now: ours plus the offset its `Date` header showed (a server
    hours ahead or behind must not make a fresh result look nearly expired or absurdly
    long-lived). Without a Date header, a task cannot be created in the future, so the
    newest `created` bounds a server clock that runs ahead of ours (API.md)."""
    if offset is not None:
        return local_now + offset
    newest = max((t.created for t in tasks if t.created), default=0)
    return max(local_now, float(newest))


class History:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    async def fetch(self, status: TaskStatus | None = None) -> HistoryPage:
        """One request; raises ApiError (ConnectionFailed when the server is unreachable)."""
        tasks = await self.engine.client.list_tasks(limit=HISTORY_LIMIT, status=status)
        return self.join(tasks, time.time(), self.engine.client.server_offset)

    def join(self, tasks: list[Task], local_now: float,
             offset: float | None = None) -> HistoryPage:
        in_library = self.engine.library.known([t.task_id for t in tasks])
        states = {i.task_id: i.state for i in self.engine.journal.items() if i.task_id}
        now = server_now(tasks, local_now, offset)
        entries = [
            HistoryEntry(
                task=task, in_library=task.task_id in in_library,
                local_state=states.get(task.task_id),
                made_at=task.created - (now - local_now) if task.created else None,
                expires_in=(task.expires_at - now
                            if task.expires_at and task.status == TaskStatus.COMPLETED
                            else None))
            for task in tasks
        ]
        return HistoryPage(entries, local_now)

    def download(self, task: Task) -> Item:
        """Into the library: the engine follows and archives it like any other clip."""
        return self.engine.adopt(task)

    async def delete(self, task_id: str) -> None:
        """At the provider, for good. No refund."""
        await self.engine.delete_remote(task_id)
