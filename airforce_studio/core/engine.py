"""The local queue: any number of requests, at most N tasks in flight, every clip archived.

Each item moves `queued-locally → submitting → created → following → downloading →
archived` (or failed / expired / lost / cancelled / needs-attention), and each state is
committed to the journal before the step it announces. `start()` resumes whatever a
previous process left unfinished: nothing is re-sent that might already have been paid.

This module is the facade; the work is done by its parts: `dispatch` (slots, workers
and the failure rule), `create` (the paid create and its reconciliation), `following`,
`archiving` and `recovery`, which share one `Context`.
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import replace

from ..api.client import ApiClient
from ..api.errors import ApiError
from ..api.types import Model, Task, TaskRequest
from ..errors import InvalidInput
from .context import Context, EngineConfig
from .dispatch import Dispatcher
from .events import EngineNotice, EventHub, Subscriber
from .failure import Verdict, classify
from .inputs import InputStore, stored_refs
from .journal import FINAL_STATES, Item, ItemState, Journal
from .ledger import Ledger
from .library import Library
from .recovery import Recovery, resumed_state
from .settings import Settings

__all__ = ["Engine", "EngineConfig", "UnknownModel"]

SEED_MAX = 2**32 - 1  # the range we send (API.md): 0 … 2^32−1
_USER_PAUSE_KEY = "paused_by_user"


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
        config: EngineConfig | None = None,
        inputs: InputStore | None = None,
    ) -> None:
        self.ctx = Context(client, journal, library, ledger or Ledger(journal), staging_dir,
                           config or EngineConfig(), inputs)
        # Why the queue does not send: reason ("user", "account", "server", "local") → detail.
        self.pause_reasons: dict[str, str] = {}
        self.dispatcher = Dispatcher(self.ctx, self.pause_reasons, self.pause)
        self.recovery = Recovery(self.ctx, self.dispatcher)
        self._models: dict[str, Model] | None = None
        self._tasks: list[asyncio.Task[None]] = []
        self.hub.subscribe(self._server_pause)
        self.startup_notices: list[tuple[str, dict]] = []  # e.g. a database rebuilt

    # -- parts, for callers that used to reach them directly ---------------------------

    @property
    def client(self) -> ApiClient:
        return self.ctx.client

    @property
    def journal(self) -> Journal:
        return self.ctx.journal

    @property
    def library(self) -> Library:
        return self.ctx.library

    @property
    def ledger(self) -> Ledger:
        return self.ctx.ledger

    @property
    def hub(self) -> EventHub:
        return self.ctx.hub

    @property
    def config(self) -> EngineConfig:
        return self.ctx.config

    # -- public API -----------------------------------------------------------------------

    def subscribe(self, callback: Subscriber):
        return self.hub.subscribe(callback)

    async def models(self, refresh: bool = False) -> dict[str, Model]:
        """The video models. With `patience` set (the CLI), server trouble is waited out
        for that long, with backoff; without it (the window) the error comes at once."""
        while self._models is None or refresh:
            try:
                self._models = {m.id: m for m in await self.client.list_models()}
            except ApiError as error:
                patience = self.config.patience
                if patience is None or classify("read", error) is not Verdict.RETRY:
                    raise
                wait = self.ctx.breakers.failure("read", error)
                if self.ctx.breakers.failing_for("read") + wait > patience:
                    raise
                await asyncio.sleep(wait)
                continue
            self.ctx.breakers.success("read")
            refresh = False
        return self._models

    async def start(self) -> None:
        """Resume the journal's unfinished items, adopt unknown tasks, start dispatching.

        Returns at once; recovery runs in the background, and nothing new is sent until
        it is done, so no fresh task can be mistaken for one a dead process paid for.
        """
        for kind, params in self.startup_notices:
            self.ctx.notice(kind, **params)
        if self.journal.meta(_USER_PAUSE_KEY):
            self.pause("user")
        submitting = self.recovery.begin()
        self.dispatcher.idle.clear()
        self._tasks = [
            asyncio.create_task(self.dispatcher.run(), name="engine-dispatch"),
            asyncio.create_task(self._recover(submitting), name="engine-recover"),
            asyncio.create_task(self._tidy_inputs(), name="engine-tidy-inputs"),
        ]

    async def wait_recovered(self) -> None:
        """Until the start's recovery has reconciled, swept for duplicates and adopted what
        the journal does not know (or the engine stopped trying: gave up, local trouble).
        A command that asks "is anything unfinished?" must ask after this."""
        recover = next((t for t in self._tasks if t.get_name() == "engine-recover"), None)
        if recover is None or recover.done():
            return
        idle = asyncio.ensure_future(self.wait_idle())
        try:
            await asyncio.wait([recover, idle], return_when=asyncio.FIRST_COMPLETED)
        finally:
            idle.cancel()

    async def _recover(self, submitting: list[Item]) -> None:
        try:
            await self.recovery.settle_doubts(submitting)
        finally:
            self.dispatcher.recovering = False
            self.dispatcher.kick()

    async def _tidy_inputs(self) -> None:
        """Remove stored input images that no visible item and no kept clip refers to."""
        referenced: set[str] = set()
        for item in self.journal.items():
            refs = stored_refs(item.request)
            if refs and (not item.cleared or not item.state.is_final
                         or (item.task_id and item.task_id in self.library)):
                referenced |= refs
        await asyncio.to_thread(self.ctx.inputs.collect_garbage, referenced)

    def read_input_image(self, image: dict) -> bytes | None:
        """Blocking (call it from a worker thread): the bytes of a request's image entry,
        stored or inline, for thumbnails and re-runs; None for a URL or a missing file."""
        return self.ctx.inputs.read(image)

    async def aclose(self) -> None:
        """Stop working; the journal keeps every item for the next start."""
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self.dispatcher.stop()

    async def submit(self, request: TaskRequest, count: int = 1) -> list[Item]:
        """Queue `count` variations (distinct seeds). Raises RequestInvalid, OverBudget."""
        model = (await self.models()).get(request.model)
        if model is None:
            known = ", ".join(sorted(await self.models()))
            raise UnknownModel(f"unknown model {request.model!r}; available: {known}")
        request.validate(model)
        request = await self.ctx.inputs.stash(request)  # images out of the journal row
        if count < 1:
            raise InvalidInput(f"count must be at least 1, not {count}")
        seeds = _seeds(request.seed, count, model)
        duration = request.effective_duration(model)
        cost = model.cost_cents(duration)
        self.ledger.check_budget(cost * count, self._committed_cents())
        items = self.journal.add_all([replace(request, seed=seed) for seed in seeds],
                                     duration, cost_cents=cost)
        for item in items:
            self.ctx.publish(item)
        self.dispatcher.kick()
        return items

    def cancel(self, item_id: int) -> bool:
        """Remove a waiting item; items already sent cannot be cancelled (they are paid)."""
        item = self.journal.get(item_id)
        if item.state != ItemState.QUEUED or item_id in self.dispatcher.workers:
            return False
        self.ctx.update(item, state=ItemState.CANCELLED, cost_cents=0)
        self.dispatcher.check_idle()
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
            self.ctx.publish(item)

    async def edit(self, item_id: int, request: TaskRequest) -> Item:
        item = self.journal.get(item_id)
        if item.state != ItemState.QUEUED or item_id in self.dispatcher.workers:
            raise ValueError("only items still waiting in the local queue can be edited")
        model = (await self.models()).get(request.model)
        if model is None:
            raise UnknownModel(f"unknown model {request.model!r}")
        request.validate(model)
        duration = request.effective_duration(model)
        updated = self.journal.update_request(item_id, request, duration,
                                              model.cost_cents(duration))
        self.ctx.publish(updated)
        return updated

    async def retry(self, item_id: int) -> list[Item]:
        """Failed or expired: a new paid task with the same settings. Needs attention:
        the step that stopped runs again (nothing is paid twice)."""
        item = self.journal.get(item_id)
        if item.state == ItemState.NEEDS_ATTENTION:
            item = self.ctx.update(item, state=resumed_state(item), error=None)
            self.dispatcher.start_worker(item, holds_slot=item.state.holds_server_slot)
            return [item]
        return await self.submit(item.task_request)

    def apply_settings(self, settings: Settings) -> None:
        """New budget cap and in-flight limit take effect now; adoption at the next start."""
        self.ledger.budget_cap_cents = settings.budget_cap_cents
        self.ctx.config = replace(self.config, max_in_flight=settings.max_in_flight,
                                  adopt_unknown=settings.adopt_unknown)
        self.resume_queue("account")
        self.dispatcher.kick()

    def use_key(self, api_key: str) -> None:
        """The user replaced the key: use it from now on and send what was waiting."""
        self.client.set_api_key(api_key)
        self.resume_queue("account")

    def adopt(self, task: Task) -> Item:
        """Take a task of this key into the queue to be archived (history view)."""
        return self.recovery.adopt(task)

    async def delete_remote(self, task_id: str) -> None:
        """Remove the task and its MP4 at the provider. No refund; the local clip stays."""
        await self.client.delete_task(task_id)

    @property
    def paused(self) -> str | None:
        """The detail of the first pause reason, or None while the queue sends."""
        return next(iter(self.pause_reasons.values()), None)

    @property
    def stopped_by(self) -> str | None:
        """The reason nothing will be sent until someone acts (user, account, local), or
        None. "server" is not one: it clears by itself when a create gets through."""
        return next((r for r in self.pause_reasons if r != "server"), None)

    def pause(self, reason: str = "user", detail: str = "", cause: str = "") -> None:
        """Stop sending new creates for `reason`; tasks in flight are still followed.
        `cause` says what to fix for an account pause ("key", "balance", "budget")."""
        if reason not in self.pause_reasons:
            self.pause_reasons[reason] = detail or reason
            if reason == "user":
                self.journal.set_meta(_USER_PAUSE_KEY, "1")
            self.hub.notice("paused", reason=reason, detail=detail, cause=cause)
            self.dispatcher.check_idle()

    def resume_queue(self, reason: str | None = None) -> None:
        """Clear one pause reason (None: the user's, the account's and local trouble's)."""
        reasons = [reason] if reason else ["user", "account", "local"]
        cleared = [r for r in reasons if self.pause_reasons.pop(r, None) is not None]
        if "user" in cleared:
            self.journal.set_meta(_USER_PAUSE_KEY, None)
        if "local" in cleared:
            self.dispatcher.local_error = None
            self.dispatcher.restart_in_flight()  # the disk stop cancelled their workers
        for r in cleared:
            self.hub.notice("resumed", reason=r)
        if cleared:
            self.dispatcher.kick()

    def _server_pause(self, event: object) -> None:
        """Creates failing at the server: a pause reason of its own, which clears by itself
        when a create gets through (the dispatcher keeps probing, one create at a time)."""
        if not isinstance(event, EngineNotice) or event.get("request_kind") != "create":
            return
        if event.kind == "server-trouble" and "server" not in self.pause_reasons:
            self.pause_reasons["server"] = str(event.get("error"))
            self.hub.notice("paused", reason="server", detail=str(event.get("error")))
        elif event.kind == "server-ok" and self.pause_reasons.pop("server", None) is not None:
            self.hub.notice("resumed", reason="server")

    def retry_now(self) -> None:
        """Server trouble: try the next request now instead of at the scheduled time."""
        self.ctx.breakers.retry_now()
        self.dispatcher.create.hold_until = 0.0
        self.dispatcher.kick()

    def clear_finished(self) -> list[int]:
        """Hide finished items from the queue view; returns their ids."""
        return self.journal.clear_finished()

    def pending(self) -> list[Item]:
        return [i for i in self.journal.items() if i.state not in FINAL_STATES]

    @property
    def local_error(self):
        """Local storage trouble that stopped the queue, or None."""
        return self.dispatcher.local_error

    @property
    def gave_up(self) -> tuple[str, BaseException | None] | None:
        """(request kind, last error) once a kind failed for longer than `patience`."""
        return self.dispatcher.gave_up

    def failing_for(self, kind: str) -> float:
        return self.ctx.breakers.failing_for(kind)

    async def wait_idle(self) -> None:
        """Until nothing is queued, in flight or downloading (or the queue is paused)."""
        await self.dispatcher.idle.wait()

    def _committed_cents(self) -> int:
        """Queued or being submitted: not yet debited, already promised."""
        states = [ItemState.QUEUED, ItemState.SUBMITTING]
        return sum(i.cost_cents or 0 for i in self.journal.items(states))


def _seeds(seed: int | None, count: int, model: Model) -> list[int | None]:
    if model.supports_seed is False:
        return [None] * count
    if seed is not None:
        if seed < 0 or seed + count - 1 > SEED_MAX:
            raise InvalidInput(f"seed: {seed} … {seed + count - 1} is outside 0 … {SEED_MAX}")
        return [seed + i for i in range(count)]
    return random.sample(range(0, SEED_MAX + 1), count)
