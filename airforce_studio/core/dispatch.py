"""Slots, workers and the one supervisor every step of every item runs under.

At most `max_in_flight` items hold a server slot (submitting, created, following).
Each item gets one worker; the worker runs the item's steps (submit or reconcile,
follow, archive) and, when a step raises, applies the failure rule (`failure.py`):
retry with backoff through the circuit breaker, fail a refused create unpaid, lose a
vanished task, pause for the account, stop for local storage, or mark a bug as
"needs attention". No step repeats without a delay, and no item is left without
either a worker or a final state: "drained" is published only when nothing is
unfinished.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable

from ..api.errors import AuthError, PaymentRequired
from ..api.types import Task
from ..errors import DiskFull, LocalStorageError
from .archiving import Archiving
from .context import Context
from .create import CreateProtocol
from .failure import Verdict, as_local_error, classify
from .following import Following
from .journal import Item, ItemState

log = logging.getLogger(__name__)

STEP_KIND = {"submit": "create", "reconcile": "read", "follow": "read", "archive": "download"}


def step_of(item: Item) -> str | None:
    return {
        ItemState.QUEUED: "submit",
        ItemState.SUBMITTING: "reconcile",
        ItemState.CREATED: "follow",
        ItemState.FOLLOWING: "follow",
        ItemState.DOWNLOADING: "archive",
    }.get(item.state)


class Dispatcher:
    def __init__(self, ctx: Context, pauses: dict[str, str],
                 pause: Callable[..., None]) -> None:
        self.ctx = ctx
        self.pauses = pauses  # shared with the engine: reason → detail
        self._pause = pause
        self.create = CreateProtocol(ctx)
        self.following = Following(ctx)
        self.archiving = Archiving(ctx, self.following)
        self.create.on_duplicate = lambda item: self.start_worker(
            item, holds_slot=True)
        self.create.on_sweep_done = self.check_idle
        self.workers: dict[int, asyncio.Task[None]] = {}
        self.slots: set[int] = set()
        self.wake = asyncio.Event()
        self.idle = asyncio.Event()
        self.local_error: LocalStorageError | None = None
        self.gave_up: tuple[str, BaseException | None] | None = None
        self.recovering = True  # nothing new is sent until recovery has looked

    # -- the loop ---------------------------------------------------------------------

    def kick(self) -> None:
        self.idle.clear()
        self.wake.set()

    async def run(self) -> None:
        while True:
            self.wake.clear()
            try:
                wait = self._dispatch()
                self._check_patience()
                self.check_idle()
            except Exception as error:  # never a silent death, never a spin
                local = as_local_error(error)
                if local is None:
                    log.exception("dispatching failed; trying again shortly")
                    self.ctx.notice("warning", text=f"the queue stumbled: {error!r}")
                else:
                    self._stop_local(local)
                wait = 1.0
            # asyncio.timeout, not wait_for: on 3.11 wait_for can swallow a cancel, and
            # aclose() would then wait forever for this loop.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(wait):
                    await self.wake.wait()

    def _dispatch(self) -> float | None:
        """Start workers for waiting items; returns how long until it is worth looking."""
        if self.recovering or any(reason != "server" for reason in self.pauses):
            return self._patience_tick()  # "server" only slows creates: see below
        now = time.time()
        hold = max(self.create.hold_until, self.ctx.breakers.circuits["create"].open_until)
        if hold > now:
            return hold - now
        limit = self.ctx.config.max_in_flight
        if self.ctx.breakers.circuits["create"].failures >= self.ctx.config.breaker_threshold:
            limit = 1  # half-open: one create at a time until one succeeds
        for item in self.ctx.journal.items([ItemState.QUEUED]):
            if len(self.slots) >= limit:
                break
            if item.id not in self.workers:
                self.start_worker(item, holds_slot=True)
        return self._patience_tick()

    def _patience_tick(self) -> float | None:
        return 1.0 if self.ctx.config.patience is not None else None

    def _check_patience(self) -> None:
        patience = self.ctx.config.patience
        if patience is None or self.gave_up is not None:
            return
        for kind, circuit in self.ctx.breakers.circuits.items():
            # Long enough *and* several tries: a create in doubt spends 15 s reconciling,
            # which must not turn one unlucky send during a short outage into giving up.
            if self.ctx.breakers.failing_for(kind) > patience \
                    and circuit.failures >= self.ctx.config.breaker_threshold:
                self.gave_up = (kind, circuit.last_error)
                self.idle.set()
                return

    def check_idle(self) -> None:
        if self.gave_up is not None or self.local_error is not None:
            if not self.idle.is_set():
                self.idle.set()
            return
        waiting = bool(self.ctx.journal.items([ItemState.QUEUED]))
        hard_pause = any(reason != "server" for reason in self.pauses)
        busy = (bool(self.workers) or self.recovering or bool(self.create.sweeps)
                or (waiting and not hard_pause))
        if not busy and not self.idle.is_set():
            self.idle.set()
            if not hard_pause:
                self.ctx.notice("drained")

    # -- workers ----------------------------------------------------------------------

    def start_worker(self, item: Item, *, holds_slot: bool) -> None:
        if item.id in self.workers:
            return
        if holds_slot:
            self.slots.add(item.id)
        self.idle.clear()
        self.workers[item.id] = asyncio.create_task(self._supervise(item),
                                                    name=f"item-{item.id}")

    def restart_in_flight(self) -> None:
        """Local trouble cancelled every worker: once the disk is writable again, follow and
        archive what the provider holds (a send in doubt is reconciled first, as at a start)
        instead of leaving it unfollowed until the next start."""
        for item in self.ctx.journal.items():
            if step_of(item) is not None and item.state != ItemState.QUEUED:
                self.start_worker(item, holds_slot=item.state.holds_server_slot)

    def release_slot(self, item_id: int) -> None:
        if item_id in self.slots:
            self.slots.discard(item_id)
            self.wake.set()

    async def stop(self) -> None:
        tasks = [*self.workers.values(), *self.create.sweeps]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _supervise(self, item: Item) -> None:
        task: Task | None = None
        try:
            while (step := step_of(item)) is not None:
                if step == "archive":
                    self.release_slot(item.id)
                item, task, stop = await self.run_step(step, item, task)
                if stop or item.state == ItemState.QUEUED:
                    break  # final, paused, or back to the dispatcher's order (429, unsent)
        except asyncio.CancelledError:
            raise
        except Exception as error:  # the failure handling itself failed: never wedge
            log.exception("item %s: failure handling failed", item.id)
            local = as_local_error(error)
            if local is not None:
                self._stop_local(local)
        finally:
            self.release_slot(item.id)
            self.workers.pop(item.id, None)
            self.wake.set()
            self.check_idle()

    async def run_step(self, step: str, item: Item, task: Task | None = None
                       ) -> tuple[Item, Task | None, bool]:
        """One step under the failure rule, retried until it is done or a verdict ends
        it. Returns (item, task, whether the worker must stop)."""
        attempt = 0
        while True:
            await self.ctx.breakers.ready(STEP_KIND[step])
            try:
                item, task = await self._run_step(step, item, task)
                return item, task, False
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the failure rule decides, in one place
                item, stop = await self._on_failure(step, self._latest(item), error, attempt)
                attempt += 1
                if stop:
                    return item, task, True
                if step_of(item) != step:  # e.g. a create in doubt: reconcile, never re-send
                    return item, task, False

    async def _run_step(self, step: str, item: Item, task: Task | None
                        ) -> tuple[Item, Task | None]:
        if step == "submit":
            return await self.create.submit(item), task
        if step == "reconcile":
            return await self.create.reconcile(item), task
        if step == "follow":
            return await self.following.follow(item)
        return await self.archiving.archive(item, task), None

    def _latest(self, item: Item) -> Item:
        try:
            return self.ctx.journal.get(item.id)
        except Exception:  # the journal itself is in trouble: keep what we had
            return item

    async def _on_failure(self, step: str, item: Item, error: Exception, attempt: int
                          ) -> tuple[Item, bool]:
        """Apply the verdict; returns (item, whether this worker stops)."""
        ctx = self.ctx
        verdict = classify(step, error)
        if verdict is not Verdict.RETRY:
            log.warning("item %s %s: %s (%s)", item.id, step, error, verdict.value)
        match verdict:
            case Verdict.RETRY:
                # By where the item is now: a create whose answer was lost fails later in
                # its reconcile, and that is a read failing, not a create.
                kind = STEP_KIND[step_of(item) or step]
                wait = ctx.breakers.failure(kind, error)
                if step == "archive" and self._past_deadline(item):
                    return self.lose(item, f"the download kept failing until the link "
                                           f"expired: {error}"), True
                item = ctx.update(item, error=f"retrying: {error}")
                if step == "archive":
                    deadline = (item.expires_at or float("inf")) - ctx.config.archive_margin
                    wait = max(0.0, min(wait, deadline - ctx.client.server_now()))
                await asyncio.sleep(wait)
                return item, False
            case Verdict.REFUSED:  # 4xx to a create: nothing was charged
                item = ctx.update(item, state=ItemState.FAILED, error=str(error), cost_cents=0)
                ctx.notice("failed", item_id=item.id, task_id=None, why=str(error),
                           charged=False)
                return item, True
            case Verdict.GONE:
                return self.lose(item, "the provider no longer knows this task"), True
            case Verdict.ACCOUNT:
                self._pause("account", str(error), account_cause(error))
                if step == "submit":
                    return item, True  # waits, queued, until the account is sorted out
                await self._until_unpaused("account")
                return item, False
            case Verdict.LOCAL:
                self._stop_local(as_local_error(error) or LocalStorageError(str(error)))
                return item, True
        item = ctx.update(item, state=ItemState.NEEDS_ATTENTION, error=f"{step}: {error!r}")
        ctx.notice("needs-attention", item_id=item.id, step=step, error=repr(error))
        ctx.checked(item.id, "needs_attention")
        log.error("item %s needs attention after %s", item.id, step, exc_info=error)
        return item, True

    def _past_deadline(self, item: Item) -> bool:
        deadline = (item.expires_at or float("inf")) - self.ctx.config.archive_margin
        return self.ctx.client.server_now() >= deadline  # expires_at is on the server's clock

    async def _until_unpaused(self, reason: str) -> None:
        while reason in self.pauses:
            await asyncio.sleep(1.0)

    def lose(self, item: Item, why: str) -> Item:
        item = self.ctx.update(item, state=ItemState.LOST, error=why)
        self.ctx.notice("lost", item_id=item.id, task_id=item.task_id, why=why)
        self.ctx.checked(item.id, "lost")
        return item

    def _stop_local(self, error: LocalStorageError) -> None:
        """Our disk or folder failed: stop the queue once, loudly; no retry storm."""
        if self.local_error is not None:
            return
        self.local_error = error
        what = "disk-full" if isinstance(error, DiskFull) else "unwritable"
        self._pause("local", str(error))
        waiting = at_provider = 0  # never sent vs. sent (rendering or done there)
        with contextlib.suppress(Exception):
            live = [i for i in self.ctx.journal.items() if not i.state.is_final]
            waiting = sum(1 for i in live if i.state == ItemState.QUEUED)
            at_provider = len(live) - waiting
        self.ctx.notice("local-trouble", what=what, path=error.path, waiting=waiting,
                        at_provider=at_provider)
        current = asyncio.current_task()
        for worker in list(self.workers.values()):
            if worker is not current:
                worker.cancel()
        self.idle.set()


def account_cause(error: BaseException) -> str:
    """What the user must sort out: the key (401), the balance (402) or the budget cap."""
    if isinstance(error, AuthError):
        return "key"
    return "balance" if isinstance(error, PaymentRequired) else "budget"
