"""The local queue: any number of requests, at most N tasks in flight, every clip archived.

Each item moves `queued-locally → submitting → created → following → downloading →
archived` (or failed / expired / lost / cancelled), and each state is committed to the
journal before the step it announces. `start()` resumes whatever a previous process
left unfinished: nothing is re-sent that might already have been paid for.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from dataclasses import dataclass, field, replace

from ..api.client import ApiClient
from ..api.errors import (
    ApiError,
    AuthError,
    ConnectionFailed,
    NotFound,
    PaymentRequired,
    ProtocolError,
    RateLimited,
    ServerError,
)
from ..api.types import Model, Task, TaskRequest, TaskStatus
from ..errors import InvalidInput
from .archive import archive_task
from .events import EngineEvent, EventHub, Subscriber
from .faults import crash_point
from .follow import FollowConfig, follow_task
from .journal import FINAL_STATES, Item, ItemState, Journal
from .ledger import Ledger
from .library import Library
from .media import CorruptClip
from .reconcile import LIST_LIMIT, adoptable, match_created_task
from .settings import Settings

log = logging.getLogger(__name__)
AMBIGUOUS = (ConnectionFailed, ServerError, ProtocolError)


@dataclass(frozen=True)
class EngineConfig:
    max_in_flight: int = 4
    adopt_unknown: bool = True
    follow: FollowConfig = field(default_factory=FollowConfig)
    clock_skew: float = 120.0
    archive_margin: float = 60.0  # stop retrying a download this long before expires_at
    archive_backoff: tuple[float, float] = (2.0, 60.0)
    max_parallel_downloads: int = 3


class UnknownModel(InvalidInput):
    pass


class Engine:
    def __init__(
        self,
        client: ApiClient,
        journal: Journal,
        library: Library,
        staging_dir,
        *,
        ledger: Ledger | None = None,
        config: EngineConfig = EngineConfig(),
    ) -> None:
        self.client = client
        self.journal = journal
        self.library = library
        self.staging_dir = staging_dir
        self.ledger = ledger or Ledger(journal)
        self.config = config
        self.hub = EventHub()
        # Why the queue does not send: reason ("user", "account", "server", "local") → detail.
        self.pause_reasons: dict[str, str] = {}
        self._models: dict[str, Model] | None = None
        self._workers: dict[int, asyncio.Task[None]] = {}
        self._slots: set[int] = set()
        self._hold_until = 0.0
        self._wake = asyncio.Event()
        self._idle = asyncio.Event()
        # Held while a create is in flight and while matching server tasks to items, so a
        # fresh task is never claimed by reconciliation or adoption before its owner.
        self._create_lock = asyncio.Lock()
        self._downloads = asyncio.Semaphore(config.max_parallel_downloads)
        self._dispatcher: asyncio.Task[None] | None = None

    # -- public API -----------------------------------------------------------------------

    def subscribe(self, callback: Subscriber):
        return self.hub.subscribe(callback)

    async def models(self, refresh: bool = False) -> dict[str, Model]:
        if self._models is None or refresh:
            self._models = {m.id: m for m in await self.client.list_models()}
        return self._models

    async def start(self) -> None:
        """Resume the journal's unfinished items, adopt unknown tasks, start dispatching.

        Returns at once; recovery runs in the background, and nothing new is sent until
        it is done, so no fresh task can be mistaken for one a dead process paid for.
        """
        for item in self.journal.items([ItemState.CREATED, ItemState.FOLLOWING]):
            self._start_worker(item, holds_slot=True)
        for item in self.journal.items([ItemState.DOWNLOADING]):
            self._start_worker(item, holds_slot=False)
        submitting = self.journal.items([ItemState.SUBMITTING])
        self._slots.update(i.id for i in submitting)
        self._idle.clear()
        self._dispatcher = asyncio.create_task(self._recover_then_dispatch(submitting),
                                               name="engine-dispatch")

    async def _recover_then_dispatch(self, submitting: list[Item]) -> None:
        for item in submitting:  # oldest first: the likeliest owner of the oldest task
            item = await self._reconcile(item)
            if item.state == ItemState.CREATED:
                self._start_worker(item, holds_slot=True)
            else:
                self._release_slot(item.id)
        if self.config.adopt_unknown:
            try:
                async with self._create_lock:
                    await self._adopt_unknown()
            except ApiError as error:
                self.hub.notice("warning", text=f"could not look for tasks made elsewhere: {error}")
        await self._dispatch_loop()

    async def aclose(self) -> None:
        """Stop working; the journal keeps every item for the next start."""
        tasks = [*self._workers.values()]
        if self._dispatcher:
            tasks.append(self._dispatcher)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def submit(self, request: TaskRequest, count: int = 1) -> list[Item]:
        """Queue `count` variations (distinct seeds). Raises RequestInvalid, OverBudget."""
        model = (await self.models()).get(request.model)
        if model is None:
            known = ", ".join(sorted(await self.models()))
            raise UnknownModel(f"unknown model {request.model!r}; available: {known}")
        request.validate(model)
        count = max(1, count)
        duration = request.effective_duration(model)
        self.ledger.check_budget(model.cost_cents(duration) * count, self._committed_cents())
        items = []
        for seed in _seeds(request.seed, count, model):
            variant = replace(request, seed=seed)
            items.append(self.journal.add(variant, duration,
                                          cost_cents=model.cost_cents(duration)))
        for item in items:
            self._publish(item)
        self._kick()
        return items

    def cancel(self, item_id: int) -> bool:
        """Remove a waiting item; items already sent cannot be cancelled (they are paid)."""
        item = self.journal.get(item_id)
        if item.state != ItemState.QUEUED or item_id in self._workers:
            return False
        self._publish(self.journal.update(item_id, state=ItemState.CANCELLED))
        self._check_idle()
        return True

    def move(self, item_id: int, index: int) -> None:
        """Put a waiting item at `index` among the waiting items."""
        waiting = [i.id for i in self.journal.items([ItemState.QUEUED])]
        if item_id not in waiting:
            raise ValueError("only items still waiting in the local queue can be reordered")
        waiting.remove(item_id)
        waiting.insert(max(0, min(index, len(waiting))), item_id)
        positions = [i.id for i in self.journal.items() if i.id not in waiting]
        self.journal.set_positions(positions + waiting)
        for item in self.journal.items([ItemState.QUEUED]):
            self._publish(item)

    async def edit(self, item_id: int, request: TaskRequest) -> Item:
        item = self.journal.get(item_id)
        if item.state != ItemState.QUEUED or item_id in self._workers:
            raise ValueError("only items still waiting in the local queue can be edited")
        model = (await self.models()).get(request.model)
        if model is None:
            raise UnknownModel(f"unknown model {request.model!r}")
        request.validate(model)
        duration = request.effective_duration(model)
        updated = self.journal.update_request(item_id, request, duration,
                                              model.cost_cents(duration))
        self._publish(updated)
        return updated

    async def retry(self, item_id: int) -> list[Item]:
        """A new paid task with the same settings as a failed or expired one."""
        item = self.journal.get(item_id)
        return await self.submit(item.task_request)

    def apply_settings(self, settings: Settings) -> None:
        """New budget cap and in-flight limit take effect now; adoption at the next start."""
        self.ledger.budget_cap_cents = settings.budget_cap_cents
        self.config = replace(self.config, max_in_flight=settings.max_in_flight,
                              adopt_unknown=settings.adopt_unknown)
        self._kick()

    def use_key(self, api_key: str) -> None:
        """The user replaced the key: use it from now on and send what was waiting."""
        self.client.set_api_key(api_key)
        self.resume_queue()

    async def delete_remote(self, task_id: str) -> None:
        """Remove the task and its MP4 at the provider. No refund; the local clip stays."""
        await self.client.delete_task(task_id)

    @property
    def paused(self) -> str | None:
        """The detail of the first pause reason, or None while the queue sends."""
        return next(iter(self.pause_reasons.values()), None)

    def pause(self, reason: str = "user", detail: str = "") -> None:
        """Stop sending new creates for `reason`; tasks in flight are still followed."""
        if reason not in self.pause_reasons:
            self.pause_reasons[reason] = detail or reason
            self.hub.notice("paused", reason=reason, detail=detail)

    def resume_queue(self, reason: str | None = None) -> None:
        """Clear one pause reason (or, with None, the user's and the account's)."""
        reasons = [reason] if reason else ["user", "account"]
        cleared = [r for r in reasons if self.pause_reasons.pop(r, None) is not None]
        for r in cleared:
            self.hub.notice("resumed", reason=r)
        if cleared:
            self._kick()

    def clear_finished(self) -> list[int]:
        """Hide finished items from the queue view; returns their ids."""
        return self.journal.clear_finished()

    def pending(self) -> list[Item]:
        return [i for i in self.journal.items() if i.state not in FINAL_STATES]

    async def wait_idle(self) -> None:
        """Until nothing is queued, in flight or downloading (or the queue is paused)."""
        await self._idle.wait()

    # -- dispatching ----------------------------------------------------------------------

    def _kick(self) -> None:
        self._idle.clear()
        self._wake.set()

    def _committed_cents(self) -> int:
        return sum(i.cost_cents or 0 for i in self.journal.items([ItemState.QUEUED]))

    async def _dispatch_loop(self) -> None:
        while True:
            self._wake.clear()
            wait = self._hold_until - time.time()
            if not self.paused and wait <= 0:
                for item in self.journal.items([ItemState.QUEUED]):
                    if len(self._slots) >= self.config.max_in_flight:
                        break
                    if item.id not in self._workers:
                        self._start_worker(item, holds_slot=True)
            self._check_idle()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), wait if wait > 0 else None)

    def _start_worker(self, item: Item, *, holds_slot: bool) -> None:
        if holds_slot:
            self._slots.add(item.id)
        self._idle.clear()
        worker = asyncio.create_task(self._run(item), name=f"item-{item.id}")
        self._workers[item.id] = worker

    def _release_slot(self, item_id: int) -> None:
        if item_id in self._slots:
            self._slots.discard(item_id)
            self._wake.set()

    def _check_idle(self) -> None:
        busy = bool(self._workers) or (
            not self.paused and bool(self.journal.items([ItemState.QUEUED])))
        if not busy and not self._idle.is_set():
            self._idle.set()
            if not self.paused:
                self.hub.notice("drained")

    async def _run(self, item: Item) -> None:
        try:
            if item.state == ItemState.QUEUED:
                item = await self._submit(item)
            elif item.state == ItemState.SUBMITTING:
                item = await self._reconcile(item)
            final: Task | None = None
            if item.state in (ItemState.CREATED, ItemState.FOLLOWING):
                item, final = await self._follow(item)
            self._release_slot(item.id)
            if item.state == ItemState.DOWNLOADING:
                await self._archive(item, final)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # a bug must not wedge the queue: keep the item, say so
            log.exception("item %s stopped unexpectedly", item.id)
            self.hub.notice("warning", text=f"item {item.id} stopped: {error!r}")
        finally:
            self._release_slot(item.id)
            self._workers.pop(item.id, None)
            self._wake.set()
            self._check_idle()

    # -- submitting -----------------------------------------------------------------------

    async def _submit(self, item: Item) -> Item:
        item = self._update(item, state=ItemState.SUBMITTING, submit_started=time.time(),
                            error=None)
        request = item.task_request
        try:
            async with self._create_lock:
                crash_point("before-create")
                task = await self.client.create_task(request)
                crash_point("after-create")
                item = self._attach(item, task)
                crash_point("after-attach")
        except RateLimited as error:
            self._hold_until = time.time() + (error.retry_after or 2.0)
            return self._update(item, state=ItemState.QUEUED, error=None)
        except (AuthError, PaymentRequired) as error:
            self._pause(error.message)
            return self._update(item, state=ItemState.QUEUED, error=error.message)
        except AMBIGUOUS as error:
            log.warning("create of item %s ambiguous (%s); reconciling", item.id, error)
            return await self._reconcile(item)
        except ApiError as error:  # 400, 404, other 4xx: refused, nothing was charged
            return self._update(item, state=ItemState.FAILED, error=error.message, cost_cents=0)
        return item

    async def _reconcile(self, item: Item) -> Item:
        """Was this submission created? Adopt the task if so; otherwise queue it again."""
        attempt = 0
        while True:
            try:
                async with self._create_lock:
                    tasks = await self.client.list_tasks(limit=LIST_LIMIT)
                    found = match_created_task(item, tasks, self.journal.known_task_ids(),
                                               self.config.clock_skew)
                    if found is not None:
                        return self._attach(item, found)
                    return self._update(item, state=ItemState.QUEUED,
                                        error="the last send was not received; sending again")
            except ApiError as error:  # cannot tell yet: never re-send blindly, ask again
                delay = self.client.retry.delay(min(attempt, 6), error)
                attempt += 1
                await asyncio.sleep(delay)

    def _attach(self, item: Item, task: Task) -> Item:
        item = self.journal.update(item.id, state=ItemState.CREATED, task_id=task.task_id,
                                   created=task.created, expires_at=task.expires_at,
                                   cost_cents=task.cost_cents, status=str(task.status),
                                   progress=task.progress, error=None)
        self.journal.record_money(item, "debit", task.cost_cents or 0)
        self._publish(item)  # after the ledger entry: subscribers see the money already moved
        return item

    def _pause(self, reason: str) -> None:
        self.pause("account", reason)

    # -- following ------------------------------------------------------------------------

    async def _follow(self, item: Item) -> tuple[Item, Task | None]:
        item = self._update(item, state=ItemState.FOLLOWING)
        seed = _task_of(item)
        attempt = 0
        while True:
            try:
                final = await follow_task(self.client, seed, self._on_progress(item.id),
                                          self.config.follow)
                break
            except NotFound:
                return self._lose(self.journal.get(item.id),
                                  "the provider no longer knows this task"), None
            except ApiError as error:  # e.g. the key was revoked meanwhile: keep trying
                item = self._update(self.journal.get(item.id), error=error.message)
                await asyncio.sleep(self.client.retry.delay(min(attempt, 6), error))
                attempt += 1
        return self._conclude(self.journal.get(item.id), final), final

    def _on_progress(self, item_id: int):
        def note(task: Task) -> None:
            item = self.journal.get(item_id)
            crash_point("following")
            if (item.status, item.progress) != (str(task.status), task.progress):
                self._update(item, status=str(task.status), progress=task.progress,
                             expires_at=task.expires_at or item.expires_at, error=None)
        return note

    def _conclude(self, item: Item, task: Task) -> Item:
        common = {"status": str(task.status), "progress": task.progress}
        if task.status == TaskStatus.COMPLETED:
            if task.cost_cents is not None and task.cost_cents != item.cost_cents:
                # The final cost differs from the create-time debit: book the difference.
                self.journal.record_money(item, "adjust", task.cost_cents - (item.cost_cents or 0))
                common["cost_cents"] = task.cost_cents
            return self._update(item, state=ItemState.DOWNLOADING, **common)
        message = task.error.message if task.error else f"the task {task.status}"
        state = ItemState.FAILED if task.status == TaskStatus.FAILED else ItemState.EXPIRED
        item = self.journal.update(item.id, state=state, error=message, refunded=True, **common)
        self.journal.record_money(item, "refund", item.cost_cents or 0)
        self._publish(item)
        return item

    # -- archiving ------------------------------------------------------------------------

    async def _archive(self, item: Item, task: Task | None) -> Item:
        """Download until archived; refresh the task (fresh signed URLs) before each retry."""
        attempt = 0
        async with self._downloads:
            while True:
                try:
                    if task is None or attempt:
                        task = await self.client.get_task(item.task_id or "")
                    if task.status != TaskStatus.COMPLETED:
                        return self._conclude(item, task)
                    crash_point("before-download")
                    record = await archive_task(self.client, self.library, self.staging_dir,
                                                item, task)
                    return self._update(item, state=ItemState.ARCHIVED, file=record.file,
                                        sha256_served=record.sha256_served, error=None,
                                        progress=100)
                except NotFound:
                    return self._lose(item, "the provider no longer has this task")
                except (ApiError, CorruptClip, OSError) as error:
                    deadline = (item.expires_at or float("inf")) - self.config.archive_margin
                    if time.time() >= deadline:
                        return self._lose(item, f"download failed before the link expired: "
                                                f"{error}")
                    item = self._update(item, error=f"download failed, retrying: {error}")
                    base, cap = self.config.archive_backoff
                    delay = random.uniform(0.5, 1.0) * min(cap, base * 2**min(attempt, 10))
                    attempt += 1
                    await asyncio.sleep(max(0.0, min(delay, deadline - time.time())))

    def _lose(self, item: Item, why: str) -> Item:
        item = self._update(item, state=ItemState.LOST, error=why)
        self.hub.notice("lost", item_id=item.id, task_id=item.task_id, why=why)
        return item

    # -- adoption -------------------------------------------------------------------------

    async def _adopt_unknown(self) -> None:
        tasks = await self.client.list_tasks(limit=LIST_LIMIT)
        for task in adoptable(tasks, self.journal.known_task_ids()):
            request = TaskRequest(model=task.model or "unknown",
                                  prompt="(made outside Airforce Studio)")
            item = self.journal.add(
                request, task.duration_seconds or 0, source="adopted",
                state=ItemState.CREATED, task_id=task.task_id, created=task.created,
                expires_at=task.expires_at, cost_cents=task.cost_cents,
                status=str(task.status), progress=task.progress)
            self._publish(item)
            self._start_worker(item, holds_slot=not task.status.is_terminal)

    # -- bookkeeping ----------------------------------------------------------------------

    def _update(self, item: Item, **changes) -> Item:
        updated = self.journal.update(item.id, **changes)
        self._publish(updated)
        return updated

    def _publish(self, event: EngineEvent) -> None:
        self.hub.publish(event)


def _task_of(item: Item) -> Task:
    return Task(task_id=item.task_id or "", status=TaskStatus(item.status or "queued"),
                model=item.model, duration_seconds=item.duration_seconds,
                created=item.created, expires_at=item.expires_at, cost_cents=item.cost_cents,
                progress=item.progress)


def _seeds(seed: int | None, count: int, model: Model) -> list[int | None]:
    if model.supports_seed is False:
        return [None] * count
    if seed is not None:
        return [seed + i for i in range(count)]
    return random.sample(range(1, 2**31 - 1), count)
