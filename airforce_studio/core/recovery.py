"""Picking up where the last process stopped, and saying what was found.

On start, items the journal left mid-way are resumed (a submit in doubt is reconciled
before anything new is sent); a duplicate sweep and the adoption of unknown tasks run
under the create lock. Once every recovered item has been checked once, one report
says what became of them ("re-attached 3, lost 1, paid twice 0").
"""

from __future__ import annotations

from ..api.errors import ApiError
from ..api.types import Task, TaskRequest
from .context import Context, task_fields
from .dispatch import Dispatcher
from .journal import Item, ItemState
from .reconcile import LIST_LIMIT, adoptable

OUTCOMES = ("reattached", "requeued", "lost", "failed", "needs_attention")


def resumed_state(item: Item) -> ItemState:
    """The step a needs-attention item re-runs: inferred from what it is known to have."""
    if item.task_id is None:
        return ItemState.SUBMITTING if item.submit_started else ItemState.QUEUED
    if item.status == "completed":
        return ItemState.DOWNLOADING
    return ItemState.FOLLOWING


class Recovery:
    def __init__(self, ctx: Context, dispatcher: Dispatcher) -> None:
        self.ctx = ctx
        self.dispatcher = dispatcher
        self.pending: set[int] = set()
        self.counts = dict.fromkeys(OUTCOMES, 0)
        self.paid_twice = 0
        self.reported = False
        self.lost_items: list[int] = []
        ctx.on_checked = self.checked
        started = dispatcher.create.on_duplicate

        def on_duplicate(item: Item) -> None:
            self.paid_twice += 1
            started(item)

        dispatcher.create.on_duplicate = on_duplicate

    def begin(self) -> list[Item]:
        """Start workers for what was in flight; returns the items whose submit is in doubt."""
        journal = self.ctx.journal
        for item in journal.items([ItemState.NEEDS_ATTENTION]):
            journal.update(item.id, state=resumed_state(item), error=None)
        unfinished = [i for i in journal.items() if not i.state.is_final
                      and i.state != ItemState.QUEUED]
        self.pending = {i.id for i in unfinished}
        for item in unfinished:
            if item.state in (ItemState.CREATED, ItemState.FOLLOWING):
                self.dispatcher.start_worker(item, holds_slot=True)
            elif item.state == ItemState.DOWNLOADING:
                self.dispatcher.start_worker(item, holds_slot=False)
        submitting = [i for i in unfinished if i.state == ItemState.SUBMITTING]
        self.dispatcher.slots.update(i.id for i in submitting)
        return submitting

    async def settle_doubts(self, submitting: list[Item]) -> None:
        """Reconcile, sweep for duplicates and adopt, before anything new is sent."""
        dispatcher = self.dispatcher
        for item in submitting:  # oldest first: the likeliest owner of the oldest task
            item, _, _ = await dispatcher.run_step("reconcile", item)
            if item.state == ItemState.CREATED:
                dispatcher.start_worker(item, holds_slot=True)
            else:
                dispatcher.release_slot(item.id)
        try:
            await dispatcher.create.sweep_duplicates()
            if self.ctx.config.adopt_unknown:
                async with dispatcher.create.lock:
                    await self._adopt_unknown()
        except ApiError as error:
            self.ctx.notice("check-deferred", what="elsewhere", error=str(error))
        self._maybe_report()

    def checked(self, item_id: int, outcome: str) -> None:
        if item_id in self.pending:
            self.pending.discard(item_id)
            self.counts[outcome] = self.counts.get(outcome, 0) + 1
            if outcome == "lost":
                self.lost_items.append(item_id)
            self._maybe_report()

    def _maybe_report(self) -> None:
        if self.reported or self.pending or not any(self.counts.values()):
            return
        self.reported = True
        self.ctx.notice("recovery-report", reattached=self.counts["reattached"],
                        requeued=self.counts["requeued"], lost=self.counts["lost"],
                        failed=self.counts["failed"],
                        needs_attention=self.counts["needs_attention"],
                        paid_twice=self.paid_twice,
                        lost_items=tuple(self.lost_items))

    async def _adopt_unknown(self) -> None:
        ctx = self.ctx
        tasks = await ctx.client.list_tasks(limit=LIST_LIMIT)
        for task in adoptable(tasks, ctx.journal.known_task_ids()):
            self.adopt(task)

    def adopt(self, task: Task) -> Item:
        """Follow and archive a task of this key the journal does not know (made elsewhere;
        also the history view's "Download"), or archive again a finished one the journal
        knows but that never reached the library. The item then goes the normal way."""
        ctx = self.ctx
        known = next((i for i in ctx.journal.items() if i.task_id == task.task_id), None)
        if known is not None:
            if not known.state.is_final or known.id in self.dispatcher.workers:
                return known  # already on its way
            known = ctx.journal.update(known.id, state=ItemState.CREATED, error=None,
                                       **task_fields(task, with_cost=False))
            ctx.publish(known)
            self.dispatcher.start_worker(known, holds_slot=not task.status.is_terminal)
            return known
        request = TaskRequest(model=task.model or "unknown",
                              prompt="(made outside Airforce Studio)")
        item = ctx.journal.add(request, task.duration_seconds or 0, source="adopted",
                               state=ItemState.CREATED, **task_fields(task))
        ctx.publish(item)
        self.dispatcher.start_worker(item, holds_slot=not task.status.is_terminal)
        return item
