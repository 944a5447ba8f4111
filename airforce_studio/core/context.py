"""What every part of the engine shares: its parts, its settings, and how it speaks.

The engine is split along its seams (dispatch, the paid create, following, archiving,
recovery); each part gets this one context instead of reaching into the others.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..api.client import ApiClient
from ..api.types import Task, TaskStatus
from .events import EngineEvent, EngineNotice, EventHub
from .failure import Backoff, Breakers
from .follow import FollowConfig
from .inputs import InputStore
from .journal import Item, Journal
from .ledger import Ledger
from .library import Library


@dataclass(frozen=True)
class EngineConfig:
    max_in_flight: int = 4
    adopt_unknown: bool = True
    follow: FollowConfig = field(default_factory=FollowConfig)
    # One backoff for every retried step: exponential with jitter, capped.
    backoff: Backoff = field(default_factory=Backoff)
    breaker_threshold: int = 3  # consecutive retryable failures that open a circuit
    # After an ambiguous create, look for the task at these offsets (s) before re-sending:
    # the provider's list can lag behind its creates.
    reconcile_looks: tuple[float, ...] = (1.0, 3.0, 7.0, 15.0)
    # Slack when matching `created` on the server's clock: whole-second `created` and
    # `Date` values, nothing more (a wider one claims a neighbour's task on a shared key).
    clock_margin: float = 3.0
    archive_margin: float = 60.0  # stop retrying a download this long before expires_at
    max_parallel_downloads: int = 3
    patience: float | None = None  # give up once a needed request kind failed this long
    duplicate_sweep_delay: float = 60.0  # look for a late duplicate after a re-send


class Context:
    """The engine's shared parts. Only the event loop's thread uses it (the loop rule)."""

    def __init__(self, client: ApiClient, journal: Journal, library: Library, ledger: Ledger,
                 staging_dir: Path, config: EngineConfig,
                 inputs: InputStore | None = None) -> None:
        self.client = client
        self.journal = journal
        self.library = library
        self.ledger = ledger
        self.staging_dir = staging_dir
        self.inputs = inputs or InputStore(Path(staging_dir).parent / "inputs")
        self.config = config
        self.hub = EventHub()
        self.breakers = Breakers(config.backoff, config.breaker_threshold, self.notice,
                                 client.base_url.host or "the server")
        # Called with (item_id, outcome) the first time a recovered item is checked.
        self.on_checked: Callable[[int, str], None] = lambda item_id, outcome: None

    def publish(self, event: EngineEvent) -> None:
        self.hub.publish(event)

    def notice(self, kind: str, **params: Any) -> EngineNotice:
        return self.hub.notice(kind, **params)

    def update(self, item: Item | int, **changes: Any) -> Item:
        """Commit, then tell subscribers (the journal is always ahead of the news)."""
        item_id = item if isinstance(item, int) else item.id
        updated = self.journal.update(item_id, **changes)
        self.publish(updated)
        return updated

    def checked(self, item_id: int, outcome: str) -> None:
        self.on_checked(item_id, outcome)


def task_fields(task: Task, *, with_cost: bool = True) -> dict[str, Any]:
    """The journal columns a server task fills in: the one place that maps them."""
    fields: dict[str, Any] = {"status": str(task.status), "progress": task.progress}
    if task.task_id:
        fields["task_id"] = task.task_id
    if task.created is not None:
        fields["created"] = task.created
    if task.expires_at is not None:
        fields["expires_at"] = task.expires_at
    if with_cost and task.cost_cents is not None:
        fields["cost_cents"] = task.cost_cents
    return fields


def task_of(item: Item) -> Task:
    """The task as the journal last saw it (to resume following after a restart)."""
    return Task(task_id=item.task_id or "", status=TaskStatus(item.status or "queued"),
                model=item.model, duration_seconds=item.duration_seconds,
                created=item.created, expires_at=item.expires_at, cost_cents=item.cost_cents,
                progress=item.progress)
