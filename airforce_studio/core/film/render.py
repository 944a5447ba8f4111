"""Render a film: every shot without a valid take generated through the engine.

Unchained shots go to the queue at once (the engine keeps ≤ 4 in flight); a chained
shot waits for its parent's chosen take, extracts the exact frame and sends it as the
first frame. Takes are written back into the file as each shot finishes.

Never paying twice: before a shot is submitted, a `render` note (its fingerprint, the
profile, the time) is saved in the file; right after, the journal's item ids are added.
A re-run — after a crash, Ctrl+C, or `resume` finished the clips meanwhile — finds the
note and attaches to those items instead of submitting again (items journaled in the
instant between the submit and the save are found by their request and time).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from ...api.types import TaskRequest
from ...errors import StudioError
from ..engine import Engine
from ..events import EngineEvent, EngineNotice
from ..faults import crash_point
from ..images import prepare_bytes
from ..journal import FINAL_STATES, Item, ItemState, Journal
from ..library import Library
from .fingerprint import fingerprint
from .frames import extract_frame
from .preflight import Preflight, ShotCost, preflight, request_for, take_path
from .shotlist import Film, Shot


@dataclass(frozen=True)
class ShotEvent:
    """Film-level news for a view: one shot changed state."""

    shot_id: str
    state: str  # waiting | extracting | submitted | ready | failed
    item_ids: tuple[int, ...] = ()
    take: str | None = None
    detail: str = ""


FilmEvent = ShotEvent | EngineEvent


class RenderStopped(StudioError):
    """The engine paused (e.g. out of credit): the shots sent stay in the journal."""

    kind = "api"


@dataclass
class RenderOutcome:
    ready: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)  # shot id → why
    items: list[Item] = field(default_factory=list)  # every item this render waited on

    @property
    def ok(self) -> bool:
        return not self.failed


class FilmRender:
    """One render of one film on an open engine. Use on the engine's loop."""

    def __init__(self, film: Film, engine: Engine, journal: Journal, library: Library,
                 profile: str, on_event: Callable[[FilmEvent], None] | None = None, *,
                 stop_on_pause: bool = True) -> None:
        self.film, self.engine, self.journal, self.library = film, engine, journal, library
        self.profile = profile
        # The CLI stops when the queue pauses (as `generate` does); a window may rather
        # wait for the user to resume it.
        self.stop_on_pause = stop_on_pause
        self.on_event = on_event or (lambda event: None)
        self.plan: Preflight | None = None
        self.attach: dict[str, list[int]] = {}  # shot id → items of an earlier render
        self._waiters: dict[int, asyncio.Future[Item]] = {}
        self._save_lock = asyncio.Lock()
        self._stopped: asyncio.Future[None] | None = None

    async def prepare(self) -> Preflight:
        """Validate against the models and price what is to make. Sends nothing paid."""
        plan = await preflight(self.film, await self.engine.models(), self.library)
        costs = []
        for cost in plan.costs:
            items = self._earlier_items(self.film.shot(cost.shot_id),
                                        plan.statuses[cost.shot_id].fingerprint)
            if items:
                self.attach[cost.shot_id] = items
                cost = replace(cost, cents=0, reason="already paid, resuming")
            costs.append(cost)
        self.plan = replace(plan, costs=tuple(costs))
        return self.plan

    def check_budget(self, cents: int) -> None:
        """Raises OverBudget when this film would pass the budget cap."""
        committed = sum(i.cost_cents or 0 for i in self.journal.items([ItemState.QUEUED]))
        self.engine.ledger.check_budget(cents, committed)

    async def run(self) -> RenderOutcome:
        plan = self.plan or await self.prepare()
        outcome = RenderOutcome()
        loop = asyncio.get_running_loop()
        self._stopped = loop.create_future()
        if self.stop_on_pause and self.engine.stopped_by:
            raise RenderStopped(f"the queue is paused: {self.engine.paused}")
        unsubscribe = self.engine.subscribe(self._on_engine_event)
        done: dict[str, asyncio.Future[str | None]] = {
            s.id: loop.create_future() for s in self.film.shots}
        jobs = [asyncio.create_task(self._shot(s, plan, done, outcome))
                for s in self.film.chain_order()]
        every = asyncio.gather(*jobs)
        try:
            await asyncio.wait([every, self._stopped], return_when=asyncio.FIRST_COMPLETED)
            if not every.done():  # the engine paused: stop waiting, keep what was sent
                every.cancel()
                await asyncio.gather(every, return_exceptions=True)
                self._stopped.result()
            every.result()
        finally:  # also when this render is cancelled: no shot keeps running unowned
            unsubscribe()
            every.cancel()
            # Cancelled while waiting: nobody awaits `every` any more; retrieve its outcome.
            every.add_done_callback(lambda f: f.cancelled() or f.exception())
            if self._stopped.done() and not self._stopped.cancelled():
                self._stopped.exception()  # retrieved: a late pause is no error
            else:
                self._stopped.cancel()
        return outcome

    # -- one shot -------------------------------------------------------------------------

    async def _shot(self, shot: Shot, plan: Preflight,
                    done: dict[str, asyncio.Future[str | None]], outcome: RenderOutcome) -> None:
        try:
            take = await self._make(shot, plan, done, outcome)
        except Exception as exc:
            done[shot.id].set_result(None)
            outcome.failed[shot.id] = str(exc)
            self.on_event(ShotEvent(shot.id, "failed", detail=str(exc)))
            return
        done[shot.id].set_result(take)
        if take is None:
            return
        outcome.ready.append(shot.id)

    async def _make(self, shot: Shot, plan: Preflight,
                    done: dict[str, asyncio.Future[str | None]],
                    outcome: RenderOutcome) -> str | None:
        if not plan.statuses[shot.id].needs_take:
            return shot.take
        images = plan.images.get(shot.id, ())
        parent_take = None
        if shot.source is not None:
            self.on_event(ShotEvent(shot.id, "waiting", detail=f"for {shot.source.shot}"))
            parent_take = await done[shot.source.shot]
            if parent_take is None:
                raise RuntimeError(f"the shot it continues from ({shot.source.shot}) has "
                                   f"no take")
            images = (await self._chain_frame(shot),)
        current = self.film.shot(shot.id)
        print_ = fingerprint(current, parent_take, plan.digests)
        request = request_for(current, images)
        ids = self.attach.get(shot.id) or self._earlier_items(current, print_, request)
        if not ids:
            ids = await self._submit(current, request, print_)
        self.on_event(ShotEvent(shot.id, "submitted", tuple(ids)))
        items = list(await asyncio.gather(*(self._final(i) for i in ids)))
        outcome.items.extend(items)
        archived = sorted((i for i in items if i.state == ItemState.ARCHIVED),
                          key=lambda i: (i.created or 0, i.id))
        if not archived:
            why = "; ".join(sorted({i.error or str(i.state) for i in items}))
            if any(i.state == ItemState.NEEDS_ATTENTION for i in items):
                # Maybe paid and still archivable: keep the note so nothing is sent again.
                raise RuntimeError(f"a take needs attention ({why}); `airforce-studio resume` "
                                   f"tries it again, then render the film again")
            await self._save(shot.id, render=None)  # refunded or refused: free to re-send
            raise RuntimeError(f"no take was made: {why}")
        take = archived[0].task_id
        await self._save(shot.id, take=take, takes=[i.task_id for i in archived],
                         fingerprint=print_, render=None)
        self.on_event(ShotEvent(shot.id, "ready", tuple(ids), take))
        return take

    async def _chain_frame(self, shot: Shot):
        assert shot.source is not None
        self.on_event(ShotEvent(shot.id, "extracting"))
        parent = self.film.shot(shot.source.shot)
        path = take_path(self.film, parent, self.library)
        png, _ = await asyncio.to_thread(extract_frame, path, shot.source.frame)
        prepared = await asyncio.to_thread(prepare_bytes, png, f"{parent.take}-frame.png")
        return prepared.as_input()

    async def _submit(self, shot: Shot, request: TaskRequest, print_: str) -> list[int]:
        note = {"fingerprint": print_, "profile": self.profile, "started": time.time()}
        await self._save(shot.id, render=note)
        items = await self.engine.submit(request, shot.count)
        crash_point("film-after-submit")  # journaled, not yet noted in the film file
        ids = [i.id for i in items]
        await self._save(shot.id, render={**note, "items": ids})
        return ids

    def _earlier_items(self, shot: Shot, print_: str | None,
                       request: TaskRequest | None = None) -> list[int]:
        """Items an earlier render of this exact shot already journaled (maybe paid)."""
        note = shot.render
        if not note or print_ is None or note.get("fingerprint") != print_ \
                or note.get("profile") != self.profile:
            return []
        ids = [i for i in note.get("items") or [] if isinstance(i, int)]
        if not ids and request is not None:
            ids = self._match_journal(request, float(note.get("started") or 0), shot.count)
        items = []
        for item_id in ids:
            try:
                items.append(self.journal.get(item_id))
            except KeyError:
                return []
        useful = [i for i in items if i.state not in (ItemState.FAILED, ItemState.CANCELLED,
                                                      ItemState.EXPIRED)]
        return [i.id for i in items] if useful else []

    def _match_journal(self, request: TaskRequest, since: float, count: int) -> list[int]:
        wanted = replace(request, seed=None).to_json()
        found = [i.id for i in self.journal.items()
                 if i.added_at >= since - 1 and i.source == "local"
                 and replace(i.task_request, seed=None).to_json() == wanted]
        return found[:count]

    # -- waiting --------------------------------------------------------------------------

    def _on_engine_event(self, event: EngineEvent) -> None:
        self.on_event(event)
        if isinstance(event, EngineNotice):
            if event.kind == "paused" and event.get("reason") != "server" \
                    and self.stop_on_pause and self._stopped is not None \
                    and not self._stopped.done():
                self._stopped.set_exception(RenderStopped(event.message))
            return
        waiter = self._waiters.get(event.id)
        if waiter is not None and event.state in FINAL_STATES and not waiter.done():
            waiter.set_result(event)

    async def _final(self, item_id: int) -> Item:
        item = self.journal.get(item_id)
        if item.state in FINAL_STATES:
            return item
        waiter = self._waiters.setdefault(item_id, asyncio.get_running_loop().create_future())
        item = self.journal.get(item_id)  # it may have finished meanwhile
        if item.state in FINAL_STATES and not waiter.done():
            waiter.set_result(item)
        return await waiter

    async def _save(self, shot_id: str, **values) -> None:
        """Write back into the film file: snapshot here, fsync and rename in a thread."""
        async with self._save_lock:
            self.film.update_shot(shot_id, **values)
            data = self.film.snapshot()
            await asyncio.to_thread(Film.write_bytes, self.film.path, data)


def cost_lines(costs: tuple[ShotCost, ...]) -> list[str]:
    from .preflight import money

    return [f"{c.shot_id}: {c.model}, {c.duration_seconds} s × {c.count} — {money(c.cents)}"
            f" ({c.reason})" for c in costs]
