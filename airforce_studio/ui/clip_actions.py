"""What the user does with clips: submit, retry, re-run, chain, delete at the provider,
play, reveal. Coroutines here are started with `spawn()`; questions use `ask()`
(`open()` + a future), never `exec()`, so streams keep advancing while a dialog is up.
"""

from __future__ import annotations

import asyncio
import binascii
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from ..api.errors import ApiError, RequestInvalid
from ..api.types import TaskRequest
from ..core.engine import UnknownModel
from ..core.images import ImageRejected, prepare_bytes_async, prepare_file_async
from ..core.journal import Item
from ..core.ledger import OverBudget
from ..core.library import ClipRecord
from ..core.media import frame_image
from .formatting import money, short_prompt
from .i18n import arg
from .tasks import ask, message_box

Button = QMessageBox.StandardButton

if TYPE_CHECKING:
    from .main_window import MainWindow


class ClipActions(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.engine = window.engine
        self.store = window.session.library  # the clip store (not the library widget)

    def status(self, text: str, ms: int = 5000) -> None:
        self.window.statusBar().showMessage(text, ms)

    # -- sending ----------------------------------------------------------------------

    async def submit(self, request: TaskRequest, count: int) -> list[Item]:
        try:
            items = await self.engine.submit(request, count)
        except (RequestInvalid, OverBudget, UnknownModel) as error:
            self.window.editor.show_problem(str(error))
            return []
        self.window.tabs.setCurrentWidget(self.window.queue)
        self.window.queue.select_item(items[-1].id)
        total = money(sum(i.cost_cents or 0 for i in items))
        self.status(arg(self.tr("Queued %n clip(s) (%1)", None, count), total))
        return items

    async def retry(self, item: Item) -> list[Item]:
        """A new paid task with the same settings; asked first (it costs money)."""
        cost = money(item.cost_cents) if item.cost_cents else self.tr("the usual price")
        box = message_box(self.window, QMessageBox.Icon.Question, self.tr("Retry as a new task"),
                          arg(self.tr("Retrying “%1” sends a new, paid task (%2). Continue?"),
                              short_prompt(item.prompt), cost),
                          Button.Yes | Button.No, Button.Yes, name="retryDialog")
        if await ask(box) != Button.Yes:
            return []
        try:
            items = await self.engine.retry(item.id)
        except (RequestInvalid, OverBudget, UnknownModel, ApiError) as error:
            self.window.notify_error("retry", arg(self.tr("Cannot retry: %1"), str(error)))
            return []
        if items:
            self.window.queue.mark_retried(item.id, items[0].id)
        return items

    async def delete_remote(self, task_id: str, prompt: str, running: bool = False) -> bool:
        text = self.tr("This deletes the task “%1” and its video at the provider. There is NO "
                       "refund, and the link stops working. Your local copy stays. Continue?")
        if running:
            text = self.tr("“%1” is rendering at the provider. A started task cannot be "
                           "cancelled; deleting it stops it, and the charge stays (NO "
                           "refund). Continue?")
        box = message_box(self.window, QMessageBox.Icon.Warning,
                          self.tr("Delete at the provider"),
                          arg(text, short_prompt(prompt)), Button.Yes | Button.No,
                          Button.No, name="deleteRemoteDialog")
        if await ask(box) != Button.Yes:
            return False
        try:
            await self.engine.delete_remote(task_id)
        except ApiError as error:
            self.window.notify_error("delete", arg(
                self.tr("Could not delete at the provider: %1"), str(error)))
            return False
        self.status(self.tr("Deleted at the provider (no refund)."))
        return True

    # -- the editor -------------------------------------------------------------------

    async def rerun(self, request: dict) -> None:
        """Put a past request (and its images) back into the editor's model."""
        images = []
        for index, image in enumerate(request.get("input_images") or []):
            try:
                raw = await asyncio.to_thread(self.engine.read_input_image, image)
                if raw is None:
                    continue
                images.append(await prepare_bytes_async(raw, f"image {index + 1}"))
            except (binascii.Error, ImageRejected) as error:
                self.status(arg(self.tr("An input image could not be restored: %1"),
                                str(error)), 8000)
        self.window.editor.fill_from(request, images)

    async def chain(self, clip: ClipRecord) -> None:
        """Use the clip's last frame as the next clip's first frame."""
        source = self.store.absolute(clip.file)
        folder = Path(tempfile.mkdtemp(prefix="airforce-frame-"))
        try:
            frame = await asyncio.to_thread(frame_image, source, folder / "last-frame.png",
                                            last=True)
            prepared = await prepare_file_async(frame)
        except Exception as error:  # any decoder failure: say so, keep working
            self.status(arg(self.tr("Could not take the last frame: %1"), str(error)),
                        8000)
            return
        self.window.editor.use_first_frame(prepared)

    # -- files ------------------------------------------------------------------------

    def clip_of(self, item: Item) -> ClipRecord | None:
        if item.task_id and item.task_id in self.store:
            return self.store.get(item.task_id)
        return None

    def play(self, clip: ClipRecord) -> None:
        path = self.store.absolute(clip.file)
        if not path.exists():
            self.status(arg(self.tr("The file is missing: %1"), str(path)), 8000)
            return
        self.window.player.load_clip(path, clip)
        self.window.player.setFocus()

    def reveal(self, clip: ClipRecord) -> None:
        path = self.store.absolute(clip.file)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))
