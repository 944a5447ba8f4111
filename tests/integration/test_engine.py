"""The engine against the simulator: queue, follow, archive, money, recovery."""

from __future__ import annotations

import asyncio
import json
import time

import pytest

from airforce_studio.api import InputImage, TaskRequest, TaskStatus
from airforce_studio.api.errors import RequestInvalid
from airforce_studio.core.events import EngineNotice
from airforce_studio.core.journal import ItemState
from airforce_studio.core.ledger import OverBudget
from airforce_studio.core.media import probe_video, read_comment
from airforce_studio.core.session import ProfileBusy
from tests.helpers import sha256
from tests.integration.engine_kit import FOX, drive, open_session, run_all, settle

FOX_IMAGE = InputImage(url="ftp://example.com/fox.png")


def key_posts(sim, key):
    return [r for r in sim.requests("api") if r["method"] == "POST"
            and r["headers"].get("Authorization") == f"Bearer {key}"]


def assert_archived_once(session, sim, key, items):
    """Every item archived, one server task per item, bytes equal to what was served."""
    tasks = {t["task_id"]: t for t in sim.tasks(key)}
    assert len(tasks) == len(items)
    assert {i.task_id for i in items} == set(tasks)
    for item in items:
        assert item.state == ItemState.ARCHIVED, (item.state, item.error)
        record = session.library.get(item.task_id)
        path = session.library.absolute(record.file)
        assert record.sha256_served == tasks[item.task_id]["mp4_sha256"] == item.sha256_served
        assert sha256(path) == record.sha256_stored
        assert path.is_relative_to(session.paths.clips_dir)
    assert not list(session.paths.clips_dir.rglob("*.part"))
    assert not list(session.paths.clips_dir.rglob(".*"))


def test_clip_is_archived_with_sidecar_metadata_and_debit(sim, key):
    async def body(session):
        events = []
        session.engine.subscribe(events.append)
        items = await run_all(session, TaskRequest(
            model="wan-2.6", prompt="fox at dawn", duration_seconds=6, seed=42, sound=True,
            aspect_ratio="1:1"))
        assert_archived_once(session, sim, key, items)
        [item] = items
        record = session.library.get(item.task_id)
        path = session.library.absolute(record.file)
        assert probe_video(path) == pytest.approx(6.0, abs=0.2)
        assert read_comment(path) == "prompt: fox at dawn\nmodel: wan-2.6\nseed: 42"
        assert session.library.absolute(record.thumbnail).stat().st_size > 500
        sidecar = json.loads(path.with_suffix(".json").read_text())
        assert sidecar["request"]["prompt"] == "fox at dawn"
        assert sidecar["request"]["sound"] is True
        assert sidecar["cost_cents"] == 240 and sidecar["task"]["task_id"] == item.task_id
        assert sidecar["sha256_served"] != sidecar["sha256_stored"]  # the remux added a comment
        assert sidecar["input_images_sha256"] == []
        states = [e.state for e in events if not isinstance(e, EngineNotice) and e.id == item.id]
        expected = ["queued-locally", "submitting", "created", "following", "downloading",
                    "archived"]
        assert [s for s in dict.fromkeys(states)] == expected
        assert any(isinstance(e, EngineNotice) and e.kind == "drained" for e in events)
        assert [(e["kind"], e["cents"]) for e in session.journal.ledger()] == [("debit", 240)]
        assert session.ledger.summary().today_cents == 240

    drive(sim, key, body)


def test_twenty_requests_flow_through_four_slots(sim, key):
    async def body(session):
        holding, peak = set(), [0]

        def watch(event):
            if isinstance(event, EngineNotice):
                return
            (holding.add if event.state.holds_server_slot else holding.discard)(event.id)
            peak[0] = max(peak[0], len(holding))

        session.engine.subscribe(watch)
        items = await run_all(session, count=20, timeout=120)
        assert len(items) == 20 and peak[0] == 4
        assert_archived_once(session, sim, key, items)
        assert {i.seed for i in items} == {None}  # hailuo-fast takes no seed: none invented

    drive(sim, key, body)


def test_seed_variations_are_consecutive_or_distinct(sim, key):
    async def body(session):
        fixed = await session.engine.submit(TaskRequest(model="kling-1", prompt="x", seed=10), 3)
        chosen = await session.engine.submit(TaskRequest(model="kling-1", prompt="x"), 3)
        assert [i.seed for i in fixed] == [10, 11, 12]
        assert len({i.seed for i in chosen}) == 3 and None not in {i.seed for i in chosen}

    drive(sim, key, body)


def test_storms_of_5xx_429_and_cut_streams_still_archive_everything_once(sim, key):
    async def body(session):
        await session.engine.models()  # the window loads these at start, before any storm
        sim.set_knobs(error_5xx_fraction=0.2, rate_limit_next=3, cut_stream_after=2)
        items = await run_all(session, count=6, timeout=120)
        sim.set_knobs(error_5xx_fraction=0.0)
        assert_archived_once(session, sim, key, items)

    drive(sim, key, body)


def test_polling_fallback_then_back_to_streaming(sim, key):
    sim.set_knobs(refuse_streams_next=3, task_seconds=1.5)

    async def body(session):
        items = await run_all(session)
        assert_archived_once(session, sim, key, items)
        path = f"/v1/video/tasks/{items[0].task_id}"
        calls = [r["path"] for r in sim.requests("api") if r["path"].startswith(path)]
        first_poll = calls.index(path)
        assert calls[:first_poll] == [path + "/stream"] * 3  # 3 refused stream attempts
        assert path + "/stream" in calls[first_poll:]  # then streaming again

    drive(sim, key, body)


def test_streams_cut_after_every_event_still_archive(sim, key):
    sim.set_knobs(cut_stream_after=1)

    async def body(session):
        assert_archived_once(session, sim, key, await run_all(session))

    drive(sim, key, body)


def test_failed_task_is_refunded_in_the_ledger(sim, key):
    sim.set_knobs(fail_fraction=1.0)
    start = sim.balance(key)

    async def body(session):
        [item] = await run_all(session)
        assert item.state == ItemState.FAILED and item.refunded
        assert "simulated failure" in item.error
        assert [(e["kind"], e["cents"]) for e in session.journal.ledger()] == [
            ("debit", 50), ("refund", 50)]
        assert session.ledger.summary().total_cents == 0

    drive(sim, key, body)
    assert sim.balance(key) == start


def test_expired_task_is_refunded(sim, key):
    sim.set_knobs(ttl_seconds=0.2, task_seconds=2.0)

    async def body(session):
        [item] = await run_all(session)
        assert item.state == ItemState.EXPIRED and item.refunded
        assert session.ledger.summary().total_cents == 0

    drive(sim, key, body)


def test_ambiguous_create_is_reconciled_not_resent(sim, key):
    sim.set_knobs(drop_create_next=1)

    async def body(session):
        items = await run_all(session)
        assert_archived_once(session, sim, key, items)

    drive(sim, key, body)
    assert len(key_posts(sim, key)) == 1


def test_refused_request_costs_nothing_and_low_balance_pauses_without_losing(sim, key):
    async def body(session):
        await session.engine.start()
        # Our caps check cannot know the server will refuse a URL-less image: it answers 400.
        refused = TaskRequest(model="wan-2.6", prompt="x", mode="reference",
                              input_images=(FOX_IMAGE,))
        [bad] = await session.engine.submit(refused)
        await settle(session)
        bad = session.journal.get(bad.id)
        assert bad.state == ItemState.FAILED and "url" in bad.error and bad.cost_cents == 0
        sim.call(lambda: setattr(sim.state.account(key), "balance_cents", 10))
        notices = []
        session.engine.subscribe(lambda e: isinstance(e, EngineNotice) and notices.append(e))
        await session.engine.submit(FOX, count=2)
        await settle(session)
        assert len(session.journal.items([ItemState.QUEUED])) == 2  # they wait for a top-up
        assert session.engine.paused and "top up" in session.engine.paused
        assert [n.kind for n in notices] == ["paused"]
        assert session.journal.ledger() == []

    drive(sim, key, body)


def test_local_validation_and_budget_cap_refuse_before_anything_is_sent(sim, key):
    async def body(session):
        session.ledger.budget_cap_cents = 120
        with pytest.raises(RequestInvalid, match="quality"):
            await session.engine.submit(TaskRequest(model="kling-1", prompt="x", quality="480p"))
        with pytest.raises(OverBudget, match=r"budget cap of \$1\.20"):
            await session.engine.submit(FOX, count=3)
        await session.engine.submit(FOX, count=2)
        with pytest.raises(OverBudget):
            await session.engine.submit(FOX)
        assert len(session.journal.items()) == 2

    drive(sim, key, body)
    assert key_posts(sim, key) == []


def test_waiting_items_can_be_cancelled_reordered_and_edited(sim, key):
    async def body(session):
        a, b, c = [(await session.engine.submit(TaskRequest(model="kling-1", prompt=p)))[0]
                   for p in ("a", "b", "c")]
        assert session.engine.cancel(b.id)
        session.engine.move(c.id, 0)
        await session.engine.edit(a.id, TaskRequest(model="kling-1", prompt="a2",
                                                    duration_seconds=7))
        with pytest.raises(RequestInvalid):
            await session.engine.edit(a.id, TaskRequest(model="kling-1", prompt="a3",
                                                        duration_seconds=70))
        assert [i.prompt for i in session.journal.items([ItemState.QUEUED])] == ["c", "a2"]
        assert session.journal.get(b.id).state == ItemState.CANCELLED
        edited = session.journal.get(a.id)
        assert edited.duration_seconds == 7 and edited.cost_cents == 245
        await session.engine.start()
        items = await settle(session)
        assert sorted(i.state for i in items) == ["archived", "archived", "cancelled"]

    drive(sim, key, body)


def test_restart_reattaches_created_and_reconciles_submitting(sim, key):
    """A journal left by a killed process: nothing re-sent that was paid, all archived."""
    sim.set_knobs(task_seconds=2)

    async def crashed_process(session):
        created = await session.client.create_task(FOX)  # the POST went out, then "crash"
        ghost = session.journal.add(FOX, 5, state=ItemState.SUBMITTING,
                                    submit_started=time.time() - 1)
        following = session.journal.add(FOX, 5)
        task = await session.client.create_task(FOX)
        session.journal.update(following.id, state=ItemState.FOLLOWING, task_id=task.task_id,
                               status="queued", expires_at=task.expires_at)
        session.journal.add(FOX, 5, state=ItemState.SUBMITTING, submit_started=time.time())
        session.journal.add(FOX, 5)
        return created, ghost

    created, ghost = drive(sim, key, crashed_process)
    sim.set_knobs(task_seconds=0.4)

    async def restarted(session):
        await session.engine.start()
        items = await settle(session)
        assert session.journal.get(ghost.id).task_id == created.task_id  # adopted, not re-sent
        assert_archived_once(session, sim, key, items)  # 4 items, 4 server tasks

    drive(sim, key, restarted)


def test_tasks_made_elsewhere_are_adopted(sim, key):
    async def elsewhere(session):
        return await session.client.create_task(FOX)

    task = drive(sim, key, elsewhere)

    async def body(session):
        await session.engine.start()
        [item] = await settle(session)
        assert item.source == "adopted" and item.task_id == task.task_id
        assert_archived_once(session, sim, key, [item])

    drive(sim, key, body)


def test_clip_not_downloaded_before_expiry_is_lost_loudly(sim, key):
    sim.set_knobs(ttl_seconds=1.0)

    async def body(session):
        task = await session.client.create_task(FOX)
        updates = [u async for u in session.client.stream_task(task.task_id)]
        assert updates[-1].status == TaskStatus.COMPLETED
        await asyncio.sleep(1.2)  # the link has expired
        item = session.journal.add(FOX, 5, state=ItemState.DOWNLOADING, task_id=task.task_id,
                                   expires_at=task.expires_at, status="completed")
        notices = []
        session.engine.subscribe(lambda e: isinstance(e, EngineNotice) and notices.append(e))
        await session.engine.start()
        await settle(session)
        item = session.journal.get(item.id)
        assert item.state == ItemState.LOST and "expired" in item.error
        assert any(n.kind == "lost" for n in notices)
        assert session.library.count() == 0

    drive(sim, key, body, adopt_unknown=False)


def test_second_process_on_the_same_profile_is_refused(sim, key):
    first = open_session(sim, key)
    try:
        with pytest.raises(ProfileBusy, match="another Airforce Studio"):
            open_session(sim, key)
    finally:
        asyncio.run(first.aclose())
    asyncio.run(open_session(sim, key).aclose())
