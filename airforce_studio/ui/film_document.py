"""The open film as the window sees it: the shot list, each shot's state, saved on every change.

A view-model over `core.film`: widgets call its methods and listen to `changed`; it owns
the `Film`, writes the file after each edit (snapshot on the loop, fsync and rename in a
worker) and drives `FilmRender` with the window's engine. Film logic stays in core; this
only adds what a window needs on top: a live per-shot state ("rendering", "paused",
"failed") while a render runs, the order of cards, and the recent-films list.
"""

from __future__ import annotations

import asyncio
import copy
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from ..core.events import EngineNotice
from ..core.film.fingerprint import ShotStatus
from ..core.film.preflight import Preflight, local_statuses
from ..core.film.render import FilmRender, RenderOutcome, ShotEvent
from ..core.film.shotlist import Film, ShotListError
from ..core.film.shots import ASPECTS, QUALITIES
from ..core.session import Session
from .window_layout import settings

log = logging.getLogger(__name__)
RECENT_KEY = "recent_films"
RECENT_MAX = 8
RENDERING = frozenset({"waiting", "extracting", "submitted"})


@dataclass(frozen=True)
class CardState:
    """What one storyboard card shows, computed from the file and the live render."""

    shot_id: str
    state: str  # needs-take | rendering | paused | failed | stale | ready
    detail: str = ""
    cents: int | None = None  # the shot's price: every take of it (None: not known)


def recent_films() -> list[Path]:
    """Newest first. Kept in the config folder's window.ini (window_layout.settings), not
    QSettings' default file: that path is fixed per process, so tests shared one list."""
    value = settings().value(RECENT_KEY) or []
    if isinstance(value, str):
        value = [value]
    return [Path(v) for v in value if isinstance(v, str)]


def remember_film(path: Path) -> list[Path]:
    paths = [p for p in recent_films() if p != path]
    paths.insert(0, path)
    stored = settings()
    stored.setValue(RECENT_KEY, [str(p) for p in paths[:RECENT_MAX]])
    stored.sync()
    return paths[:RECENT_MAX]


class FilmDocument(QObject):
    """One open `*.afilm.json`. Use on the GUI thread (the loop's thread)."""

    changed = Signal()  # the shot list or a state changed: cards redraw
    saved = Signal(str)  # path
    problem = Signal(str)  # a save or render problem, in words
    renderFinished = Signal(object)  # RenderOutcome

    def __init__(self, film: Film, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.film = film
        self.session = session
        self.statuses: dict[str, ShotStatus] = {}
        self.live: dict[str, ShotEvent] = {}  # the latest render news per shot
        self.prices: dict[str, int] = {}  # shot id → cents per take (from the model list)
        self.paused: str | None = None
        self.render: FilmRender | None = None  # prepared (priced), maybe running
        self.running = False
        self._save_lock = asyncio.Lock()

    @property
    def path(self) -> Path:
        return self.film.path

    # -- loading and saving ---------------------------------------------------------------

    @classmethod
    async def open(cls, path: Path, session: Session) -> FilmDocument:
        """Load (in a worker: it stats images) and compute the states. Raises ShotListError."""
        film = await asyncio.to_thread(Film.load, path)
        document = cls(film, session)
        await document.refresh()
        remember_film(path)
        return document

    @classmethod
    async def create(cls, path: Path, session: Session, first_shot: dict[str, Any]) -> FilmDocument:
        # The file format wants every shot to carry an id; the editor's request has none.
        # The film is exported in the first shot's frame: a vertical 480p film stays one.
        aspect, quality = first_shot.get("aspect_ratio"), first_shot.get("quality")
        output = {"aspect_ratio": aspect if aspect in ASPECTS else "16:9",
                  "quality": quality if quality in QUALITIES else "720p"}
        film = Film.from_shots(path, [{"id": "s1", **first_shot}],
                               title=path.name.split(".")[0], output=output)
        document = cls(film, session)
        await document.save()
        await document.refresh()
        remember_film(path)
        return document

    async def save(self) -> None:
        async with self._save_lock:
            data = self.film.snapshot()
            try:
                await asyncio.to_thread(Film.write_bytes, self.film.path, data)
            except OSError as error:
                self.problem.emit(str(error))
                return
        self.saved.emit(str(self.film.path))

    async def refresh(self) -> None:
        """States from the file (images hashed off the loop) and prices from the models."""
        self.statuses, _ = await local_statuses(self.film)
        try:
            models = await self.session.engine.models()
        except Exception as error:  # offline: cards show no price rather than fail
            log.info("no model list for prices: %s", error)
            models = {}
        self.prices = {s.id: models[s.model].cost_cents(
            s.duration_seconds or models[s.model].caps.min_duration_s)
            for s in self.film.shots if s.model in models}
        self.changed.emit()

    async def _edited(self, doc: dict[str, Any] | None = None) -> None:
        """After an edit: re-parse (a bad edit is refused, the file untouched), save, refresh."""
        if doc is not None:
            if self.running:  # the render writes its own copy back: no reorder now
                self.problem.emit(self.tr("Wait for the render to finish before changing "
                                          "the order of shots."))
                return
            try:
                self.film = Film(doc, self.film.path)
            except ShotListError as error:  # refused: the film and its file stay as they were
                self.problem.emit(str(error))
                return
        await self.save()
        await self.refresh()

    # -- card states ----------------------------------------------------------------------

    def card(self, shot_id: str) -> CardState:
        shot = self.film.shot(shot_id)
        status = self.statuses.get(shot_id)
        cents = self.prices.get(shot_id)
        cost = None if cents is None else cents * shot.count
        event = self.live.get(shot_id)
        if event is not None and event.state in RENDERING:
            if self.paused:
                return CardState(shot_id, "paused", self.paused, cost)
            return CardState(shot_id, "rendering", event.state, cost)
        if event is not None and event.state == "failed":
            return CardState(shot_id, "failed", event.detail, cost)
        if status is None:
            return CardState(shot_id, "needs-take", "", cost)
        return CardState(shot_id, status.state, status.reason, cost)

    def stale_cents(self) -> int:
        """What "Regenerate stale" would cost: every shot that is stale or has no take."""
        return sum((self.prices.get(s.id) or 0) * s.count for s in self.film.shots
                   if self.statuses.get(s.id) is not None and self.statuses[s.id].needs_take)

    # -- edits (each saved at once) -------------------------------------------------------

    async def reorder(self, ids: list[str]) -> None:
        doc = copy.deepcopy(self.film.doc)
        by_id = {s.get("id"): s for s in doc["shots"]}
        doc["shots"] = [by_id[i] for i in ids] + [s for s in doc["shots"] if s.get("id") not in ids]
        doc["shots"][0].pop("transition", None)  # nothing before the first shot to fade from
        await self._edited(doc)

    async def add_shot(self, fields: dict[str, Any], after: str | None = None) -> str:
        doc = copy.deepcopy(self.film.doc)
        shot = dict(fields)
        shot["id"] = self.new_id()
        index = len(doc["shots"])
        if after is not None:
            index = next(i for i, s in enumerate(doc["shots"]) if s.get("id") == after) + 1
        doc["shots"].insert(index, shot)
        await self._edited(doc)
        return shot["id"]

    async def chain_from(self, shot_id: str, frame: str | float) -> str:
        """A new shot right after `shot_id`, continuing from that frame of its take."""
        parent = self.film.shot(shot_id)
        fields: dict[str, Any] = {"prompt": parent.prompt, "model": parent.model,
                                  "from": {"shot": shot_id, "frame": frame}}
        for name in ("duration_seconds", "aspect_ratio", "quality", "sound"):
            value = getattr(parent, name)
            if value is not None:
                fields[name] = value
        return await self.add_shot(fields, after=shot_id)

    async def remove_shot(self, shot_id: str) -> None:
        doc = copy.deepcopy(self.film.doc)
        doc["shots"] = [s for s in doc["shots"] if s.get("id") != shot_id]
        for shot in doc["shots"]:  # a shot that continued from it now starts on its own
            if isinstance(shot.get("from"), dict) and shot["from"].get("shot") == shot_id:
                shot.pop("from")
        if doc["shots"]:
            doc["shots"][0].pop("transition", None)
        await self._edited(doc)

    async def update(self, shot_id: str, **values: Any) -> bool:
        """Set fields of one shot, in place (a running render shares this film). A change the
        file would not accept is refused with a message; nothing changes then."""
        trial = copy.deepcopy(self.film.doc)
        raw = next(s for s in trial["shots"] if s.get("id") == shot_id)
        for name, value in values.items():
            key = "from" if name == "source" else name
            if value is None:
                raw.pop(key, None)
            else:
                raw[key] = value
        try:
            Film(trial, self.film.path)
        except ShotListError as error:
            self.problem.emit(str(error))
            return False
        self.film.update_shot(shot_id, **values)
        await self._edited()
        return True

    async def keep(self, shot_id: str, task_id: str) -> None:
        """The kept take becomes the shot's `take` (shots chained after it turn stale)."""
        shot = self.film.shot(shot_id)
        takes = list(shot.takes) if task_id in shot.takes else [*shot.takes, task_id]
        rejected = [t for t in self._raw(shot_id).get("rejected", []) if t != task_id]
        self.film.update_shot(shot_id, take=task_id, takes=takes, rejected=rejected or None)
        await self._edited()

    async def reject(self, shot_id: str, task_id: str) -> None:
        rejected = list(self._raw(shot_id).get("rejected", []))
        if task_id not in rejected:
            rejected.append(task_id)
        self.film.update_shot(shot_id, rejected=rejected)
        await self._edited()

    def rejected(self, shot_id: str) -> list[str]:
        return [t for t in self._raw(shot_id).get("rejected", []) if isinstance(t, str)]

    def _raw(self, shot_id: str) -> dict[str, Any]:
        return next(s for s in self.film.doc["shots"] if s.get("id") == shot_id)

    def new_id(self) -> str:
        ids = {s.id for s in self.film.shots}
        n = len(ids) + 1
        while f"s{n}" in ids:
            n += 1
        return f"s{n}"

    # -- render ---------------------------------------------------------------------------

    def renderer(self) -> FilmRender:
        session = self.session
        self.render = FilmRender(self.film, session.engine, session.journal, session.library,
                                 session.paths.profile, self._on_event, stop_on_pause=False)
        return self.render

    async def prepare(self) -> Preflight:
        """The render's pre-flight: checks every shot and prices what is to make."""
        return await self.renderer().prepare()

    async def run_render(self) -> RenderOutcome:
        render = self.render or self.renderer()
        self.live.clear()
        self.paused = self.session.engine.paused
        self.running = True
        try:
            outcome = await render.run()
        finally:
            self.render = None
            self.running = False
        await self.refresh()
        self.renderFinished.emit(outcome)
        return outcome

    def _on_event(self, event) -> None:
        if isinstance(event, ShotEvent):
            self.live[event.shot_id] = event
        elif isinstance(event, EngineNotice) and event.kind in ("paused", "resumed"):
            self.paused = event.message if event.kind == "paused" else None
        else:
            return
        self.changed.emit()
