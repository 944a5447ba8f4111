"""The paid create, and how we find out whether an unanswered one was paid.

A create is sent exactly once per attempt, under a lock that also covers matching, so a
fresh task is never claimed by the wrong item. When its answer is lost (a dropped
connection, a gateway's HTML page), the task may or may not exist: we look for it in
the task list several times over a window (the list can lag behind creates), on the
server's own clock, before sending again. Should a second task appear anyway, the
duplicate sweep keeps it as its own item and says so once.
"""

from __future__ import annotations

import asyncio
import time

from ..api.errors import ApiError, ConnectionFailed, ProtocolError, RateLimited, ServerError
from ..api.types import Task
from ..errors import LocalStorageError
from .context import Context, task_fields
from .faults import crash_point
from .journal import Item, ItemState
from .reconcile import LIST_LIMIT, match_created_task, probable_duplicates

AMBIGUOUS = (ConnectionFailed, ServerError, ProtocolError)


class CreateProtocol:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        # Held while a create is in flight and while matching server tasks to items.
        self.lock = asyncio.Lock()
        self.hold_until = 0.0  # a 429 asks every create to wait
        self.on_duplicate = lambda item: None  # the dispatcher starts a worker for it
        self.sweeps: set[asyncio.Task[None]] = set()
        self.on_sweep_done = lambda: None  # the dispatcher re-checks whether it is idle

    async def submit(self, item: Item) -> Item:
        """QUEUED → CREATED, or back to QUEUED (429; or not created after all)."""
        ctx = self.ctx
        ctx.ledger.check_budget(item.cost_cents or 0)  # the cap, again right before paying
        sendable = await ctx.inputs.resolve(item.task_request)
        async with self.lock:
            item = ctx.update(item, state=ItemState.SUBMITTING, submit_started=time.time(),
                              error=None)
            crash_point("before-create")
            try:
                task = await ctx.client.create_task(sendable)
            except RateLimited as error:  # not created: wait as asked, then send again
                self.hold_until = time.time() + ctx.breakers.failure("create", error)
                return ctx.update(item, state=ItemState.QUEUED, error=None)
            except AMBIGUOUS as error:
                item = ctx.update(item, error=f"no clear answer to the create ({error}); "
                                              f"checking whether it was made")
                ctx.breakers.failure("create", error)
                return await self._look_for(item, answered_at=time.time())
            except (ApiError, LocalStorageError):  # refused (4xx), account or disk: unpaid
                ctx.update(item, state=ItemState.QUEUED)
                raise
            crash_point("after-create")
            item = self.attach(item, task)
            crash_point("after-attach")
        ctx.breakers.success("create")
        return item

    async def reconcile(self, item: Item) -> Item:
        """A SUBMITTING item (the process died mid-create, or the list could not be read)."""
        # An unclear answer came at the time it was noted (the process may then have died
        # or given up while looking); with no answer noted, the send's end is unknown.
        answered_at = item.updated_at if item.error else None
        async with self.lock:
            return await self._look_for(item, answered_at)

    async def _look_for(self, item: Item, answered_at: float | None) -> Item:
        """Look at each offset of the window; attach if found, else queue to send again."""
        ctx = self.ctx
        started = time.monotonic()
        for offset in ctx.config.reconcile_looks or (0.0,):
            await asyncio.sleep(max(0.0, offset - (time.monotonic() - started)))
            tasks, server_now = await ctx.client.list_tasks_with_server_time(LIST_LIMIT)
            ctx.breakers.success("read")
            found = match_created_task(item, tasks, ctx.journal.known_task_ids(), server_now,
                                       ctx.config.clock_margin, answered_at)
            if found is not None:
                ctx.checked(item.id, "reattached")
                ctx.breakers.success("create")  # it was made: creates do work
                return self.attach(item, found)
        ctx.checked(item.id, "requeued")
        return ctx.update(item, state=ItemState.QUEUED,
                          ambiguous_sends=item.ambiguous_sends + 1,
                          error="the last send was not received; sending again")

    def attach(self, item: Item, task: Task) -> Item:
        item = self.ctx.journal.update(item.id, state=ItemState.CREATED, error=None,
                                       **task_fields(task))
        self.ctx.journal.record_money(item, "debit", task.cost_cents or 0)
        self.ctx.publish(item)  # after the ledger entry: subscribers see the money moved
        if item.ambiguous_sends:
            self._sweep_later(item)
        return item

    def _sweep_later(self, item: Item) -> None:
        """A re-sent item may have been paid by its earlier send too; the list can lag, so
        look again a while later."""
        async def sweep() -> None:
            await asyncio.sleep(self.ctx.config.duplicate_sweep_delay)
            try:
                await self.sweep_duplicates([self.ctx.journal.get(item.id)])
            except ApiError as error:  # the next start sweeps again
                self.ctx.notice("check-deferred", what="duplicate", item_id=item.id,
                                error=str(error))

        def done(job: asyncio.Task[None]) -> None:
            self.sweeps.discard(job)
            self.on_sweep_done()

        job = asyncio.create_task(sweep(), name=f"sweep-{item.id}")
        self.sweeps.add(job)
        job.add_done_callback(done)

    async def sweep_duplicates(self, items: list[Item] | None = None) -> None:
        """Tasks the provider made for an item whose create we re-sent: keep each one."""
        ctx = self.ctx
        suspects = items if items is not None else [
            i for i in ctx.journal.items() if i.ambiguous_sends and i.task_id
            and i.added_at > time.time() - 86400]
        if not suspects:
            return
        async with self.lock:
            tasks, _ = await ctx.client.list_tasks_with_server_time(LIST_LIMIT)
            for original, task in probable_duplicates(suspects, tasks,
                                                      ctx.journal.known_task_ids()):
                duplicate = ctx.journal.add(
                    original.task_request, original.duration_seconds, source="duplicate",
                    state=ItemState.CREATED, duplicate_of=original.id, **task_fields(task))
                ctx.journal.record_money(duplicate, "debit", task.cost_cents or 0)
                ctx.publish(duplicate)
                ctx.notice("paid-twice", item_id=original.id, duplicate_item_id=duplicate.id,
                           task_ids=(original.task_id, task.task_id))
                self.on_duplicate(duplicate)
