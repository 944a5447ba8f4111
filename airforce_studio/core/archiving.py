"""An item's completed task into the library, with a fresh signed URL for each try."""

from __future__ import annotations

import asyncio

from ..api.types import Task, TaskStatus
from .archive import archive_task
from .context import Context
from .faults import crash_point
from .following import Following
from .journal import Item, ItemState


class Archiving:
    def __init__(self, ctx: Context, following: Following) -> None:
        self.ctx = ctx
        self.following = following
        self.downloads = asyncio.Semaphore(ctx.config.max_parallel_downloads)

    async def archive(self, item: Item, task: Task | None) -> Item:
        """DOWNLOADING → ARCHIVED (or FAILED when the provider gave no file)."""
        ctx = self.ctx
        async with self.downloads:
            if task is None or not task.result_url:  # after a restart, or a partial event
                task = (await ctx.client.get_task(item.task_id or "")).merged_over(
                    task or Task(task_id=item.task_id or "", status=TaskStatus.COMPLETED))
                ctx.breakers.success("read")
            if task.status != TaskStatus.COMPLETED:
                return self.following.conclude(item, task)
            if not task.result_url:
                return self._no_file(item)
            crash_point("before-download")
            record = await archive_task(ctx.client, ctx.library, ctx.staging_dir, item, task)
        ctx.breakers.success("download")
        item = ctx.update(item, state=ItemState.ARCHIVED, file=record.file,
                          sha256_served=record.sha256_served, error=None, progress=100)
        ctx.checked(item.id, "reattached")
        return item

    def _no_file(self, item: Item) -> Item:
        """A provider bug: completed, yet no result URL even after a GET. The charge
        stands; never wait on it."""
        why = "the provider marked the clip completed but gave no file to download"
        item = self.ctx.update(item, state=ItemState.FAILED, error=why)
        self.ctx.notice("failed", item_id=item.id, task_id=item.task_id, why=why, charged=True)
        self.ctx.checked(item.id, "failed")
        return item
