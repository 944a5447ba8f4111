"""An item's task from created to a terminal status, and what that status means for it."""

from __future__ import annotations

from collections.abc import Callable

from ..api.types import Task, TaskStatus
from .context import Context, task_fields, task_of
from .faults import crash_point
from .follow import follow_task
from .journal import Item, ItemState


class Following:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    async def follow(self, item: Item) -> tuple[Item, Task]:
        """CREATED/FOLLOWING → DOWNLOADING, FAILED or EXPIRED. Raises NotFound (gone)."""
        ctx = self.ctx
        if item.state != ItemState.FOLLOWING:
            item = ctx.update(item, state=ItemState.FOLLOWING)
        final = await follow_task(ctx.client, task_of(item), self._on_progress(item.id),
                                  ctx.config.follow,
                                  on_error=lambda error: ctx.breakers.failure("read", error),
                                  gate=lambda: ctx.breakers.ready("read"))
        return self.conclude(ctx.journal.get(item.id), final), final

    def _on_progress(self, item_id: int) -> Callable[[Task], None]:
        def note(task: Task) -> None:
            ctx = self.ctx
            ctx.breakers.success("read")
            ctx.checked(item_id, "reattached")
            item = ctx.journal.get(item_id)
            crash_point("following")
            if (item.status, item.progress) != (str(task.status), task.progress):
                ctx.update(item, status=str(task.status), progress=task.progress,
                           expires_at=task.expires_at or item.expires_at, error=None)
        return note

    def conclude(self, item: Item, task: Task) -> Item:
        """A terminal task: completed → download it; failed or expired → refunded."""
        ctx = self.ctx
        fields = task_fields(task, with_cost=False)
        if task.status == TaskStatus.COMPLETED:
            if task.cost_cents is not None and task.cost_cents != item.cost_cents:
                # The final cost differs from the create-time debit: book the difference.
                ctx.journal.record_money(item, "adjust",
                                         task.cost_cents - (item.cost_cents or 0))
                fields["cost_cents"] = task.cost_cents
            return ctx.update(item, state=ItemState.DOWNLOADING, **fields)
        why = task.error.message if task.error else f"the task {task.status}"
        state = ItemState.FAILED if task.status == TaskStatus.FAILED else ItemState.EXPIRED
        item = ctx.journal.update(item.id, state=state, error=why, refunded=True, **fields)
        ctx.journal.record_money(item, "refund", item.cost_cents or 0)
        ctx.publish(item)
        ctx.notice("failed", item_id=item.id, task_id=item.task_id, why=why, charged=False)
        ctx.checked(item.id, "failed")
        return item
