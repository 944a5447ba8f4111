"""The film core driven in-process, as the window will: events, cancel, progress."""

from __future__ import annotations

import asyncio
import copy
import threading

import pytest

from airforce_studio.core.film.assemble import ExportCancelled
from airforce_studio.core.film.export import export_film
from airforce_studio.core.film.render import FilmRender, ShotEvent
from airforce_studio.core.film.shotlist import Film
from tests.integration.engine_kit import drive
from tests.integration.test_film import EXAMPLE


def renderer(session, film: Film, events: list) -> FilmRender:
    return FilmRender(film, session.engine, session.journal, session.library,
                      session.paths.profile, events.append, stop_on_pause=False)


def test_render_events_then_export_with_progress_and_cancel(sim, key, tmp_path):
    film = Film(copy.deepcopy(EXAMPLE), tmp_path / "w.afilm.json")
    film.save()

    async def body(session):
        await session.engine.start()
        events: list = []
        render = renderer(session, film, events)
        plan = await render.prepare()
        assert plan.total_cents == 550 and plan.to_make == ["s1", "s2", "s3"]
        outcome = await render.run()
        assert outcome.ok and sorted(outcome.ready) == ["s1", "s2", "s3"]
        shots = [(e.shot_id, e.state) for e in events if isinstance(e, ShotEvent)]
        assert shots.index(("s1", "ready")) < shots.index(("s2", "extracting")) \
            < shots.index(("s2", "ready"))
        assert Film.load(film.path).shot("s2").take == film.shot("s2").take  # saved

        progress: list[float] = []
        result = await export_film(film, session.library, tmp_path / "w.mp4", progress.append)
        assert progress[-1] == 1.0 and result.has_audio

        cancel = threading.Event()

        def stop_half_way(fraction: float) -> None:
            if fraction > 0.3:
                cancel.set()

        with pytest.raises(ExportCancelled):
            await export_film(film, session.library, tmp_path / "x.mp4", stop_half_way, cancel)
        assert not list(tmp_path.glob("*x.mp4*"))

    drive(sim, key, body)


def test_a_cancelled_render_is_resumed_by_the_next_without_paying_twice(sim, key, tmp_path):
    sim.set_knobs(task_seconds=1.5)
    film = Film(copy.deepcopy(EXAMPLE), tmp_path / "c.afilm.json")
    film.save()

    async def first(session):
        await session.engine.start()
        events: list = []
        render = renderer(session, film, events)
        await render.prepare()
        job = asyncio.create_task(render.run())
        while not any(isinstance(e, ShotEvent) and e.state == "submitted" for e in events):
            await asyncio.sleep(0.02)
        job.cancel()
        with pytest.raises(asyncio.CancelledError):
            await job

    async def second(session):
        await session.engine.start()
        render = renderer(session, Film.load(film.path), [])
        plan = await render.prepare()
        resumed = [c for c in plan.costs if c.reason == "already paid, resuming"]
        assert resumed and all(c.cents == 0 for c in resumed)
        assert (await render.run()).ok

    drive(sim, key, first)
    drive(sim, key, second)
    assert len(sim.tasks(key)) == 3
