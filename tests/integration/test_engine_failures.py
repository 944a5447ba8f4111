"""The failure rule against the simulator: corrupt stores, bugs, refused creates."""

from __future__ import annotations

import asyncio

from airforce_studio.core import archiving
from airforce_studio.core.events import EngineNotice
from airforce_studio.core.journal import ItemState
from airforce_studio.core.session import Session
from tests.integration.engine_kit import FOX, drive, run_all, settle


def notices(session, kind=None):
    seen: list[EngineNotice] = []
    session.engine.subscribe(
        lambda e: isinstance(e, EngineNotice) and (kind is None or e.kind == kind)
        and seen.append(e))
    return seen


def archive_two(sim, key) -> Session:
    async def body(session):
        items = await run_all(session, FOX, count=2)
        assert [i.state for i in items] == [ItemState.ARCHIVED] * 2
        return session.paths
    return drive(sim, key, body)


def test_corrupt_journal_is_moved_aside_and_rebuilt_from_sidecars(sim, key):
    paths = archive_two(sim, key)
    paths.journal.write_bytes(b"this is not a database, it is a note" * 100)
    for suffix in ("-wal", "-shm"):
        paths.journal.with_name(paths.journal.name + suffix).unlink(missing_ok=True)

    async def body(session):
        seen = notices(session, "db-recovered")
        await session.engine.start()
        await settle(session)
        [notice] = seen
        assert notice.get("clips") == 2 and notice.get("debits") == 2
        assert ".corrupt-" in notice.get("moved_to")
        items = session.journal.items()
        assert [i.state for i in items] == [ItemState.ARCHIVED] * 2
        # The ledger survived: the month's spending is the two clips' cost, no more.
        assert session.ledger.summary().total_cents == sum(i.cost_cents for i in items)
        # Nothing was adopted or paid again: the server still has exactly two tasks.
        assert len(sim.tasks(key)) == 2
    drive(sim, key, body)
    assert list(paths.journal.parent.glob("journal.sqlite.corrupt-*"))


def test_corrupt_library_index_is_rebuilt_at_once(sim, key):
    paths = archive_two(sim, key)
    paths.library_index.write_bytes(b"\x00garbage" * 1000)

    async def body(session):
        seen = notices(session, "db-recovered")
        await session.engine.start()
        await settle(session)
        assert seen and seen[0].get("clips") == 2
        assert session.library.count() == 2
    drive(sim, key, body)


def test_a_bug_in_a_step_needs_attention_and_a_retry_finishes_it(sim, key, monkeypatch):
    real = archiving.archive_task
    calls = {"n": 0}

    async def broken_once(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            raise TypeError("a bug nobody foresaw")
        return await real(*args, **kwargs)

    monkeypatch.setattr(archiving, "archive_task", broken_once)

    async def body(session):
        seen = notices(session, "needs-attention")
        drained = notices(session, "drained")
        [item] = await run_all(session, FOX)
        assert item.state == ItemState.NEEDS_ATTENTION and "TypeError" in item.error
        assert seen[0].get("step") == "archive" and drained
        await session.engine.retry(item.id)
        [item] = await settle(session)
        assert item.state == ItemState.ARCHIVED
        assert len(sim.tasks(key)) == 1  # re-ran the download, never paid again
    drive(sim, key, body)


def test_needs_attention_is_resumed_by_the_next_start(sim, key, monkeypatch):
    async def broken(*args, **kwargs):
        raise KeyError("boom")

    real = archiving.archive_task
    monkeypatch.setattr(archiving, "archive_task", broken)

    async def first(session):
        [item] = await run_all(session, FOX)
        assert item.state == ItemState.NEEDS_ATTENTION
    drive(sim, key, first)
    monkeypatch.setattr(archiving, "archive_task", real)

    async def second(session):
        report = notices(session, "recovery-report")
        await session.engine.start()
        [item] = await settle(session)
        assert item.state == ItemState.ARCHIVED
        assert report and report[0].get("reattached") == 1
    drive(sim, key, second)


def test_a_refused_create_fails_unpaid_with_the_servers_words(sim, key):
    async def body(session):
        seen = notices(session, "failed")
        request = FOX.__class__(model=FOX.model, prompt="x" * 100_001,
                                duration_seconds=FOX.duration_seconds)
        [item] = await run_all(session, request)
        assert item.state == ItemState.FAILED and item.cost_cents == 0
        assert seen and seen[0].get("charged") is False
        assert not sim.tasks(key)
    drive(sim, key, body)


def test_a_bad_key_pauses_the_queue_for_the_account(sim, key):
    async def body(session):
        seen = notices(session, "paused")
        await session.engine.start()
        await session.engine.models()  # loaded while the key worked
        session.client.set_api_key("sk-air-revoked")
        await session.engine.submit(FOX)
        await asyncio.wait_for(session.engine.wait_idle(), 30)
        assert session.engine.pause_reasons.keys() == {"account"}
        assert seen[0].get("reason") == "account"
        [item] = session.journal.items()
        assert item.state == ItemState.QUEUED  # kept, unpaid, sent once the key works
        session.engine.use_key(key)
        [item] = await settle(session)
        assert item.state == ItemState.ARCHIVED
    drive(sim, key, body)


def test_user_pause_survives_a_restart(sim, key):
    async def first(session):
        await session.engine.start()
        session.engine.pause("user")
        await session.engine.submit(FOX)
        await asyncio.wait_for(session.engine.wait_idle(), 10)
        assert not sim.tasks(key)
    drive(sim, key, first)

    async def second(session):
        await session.engine.start()
        await asyncio.wait_for(session.engine.wait_idle(), 10)
        assert "user" in session.engine.pause_reasons and not sim.tasks(key)
        session.engine.resume_queue()
        [item] = await settle(session)
        assert item.state == ItemState.ARCHIVED
    drive(sim, key, second)


def test_a_create_in_doubt_is_never_sent_again_while_the_list_cannot_be_read(sim, key):
    sim.call(lambda: sim.knobs.update({"drop_create_next": 1, "error_5xx_next": 0}))

    armed = []

    def fail_lists_after_drop():
        # After the dropped create, the next ten calls (list reads) answer 503.
        if not armed:
            armed.append(True)
            sim.call(lambda: sim.knobs.update({"error_5xx_next": 10}))

    async def body(session):
        await session.engine.start()
        await session.engine.models()
        session.engine.subscribe(
            lambda e: not isinstance(e, EngineNotice) and e.state == ItemState.SUBMITTING
            and e.error and fail_lists_after_drop())
        await session.engine.submit(FOX)
        [item] = await settle(session)
        assert item.state == ItemState.ARCHIVED
    drive(sim, key, body)
    posts = [r for r in sim.requests("api") if r["method"] == "POST"
             and r["headers"].get("Authorization") == f"Bearer {key}"]
    assert len(posts) == 1 and len(sim.tasks(key)) == 1
