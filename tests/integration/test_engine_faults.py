"""The world misbehaving, against the simulator's fault knobs: gateways answering HTML
to every create, a task list that lags, a server clock minutes off, an outage, a task
completed without a file. Outcomes and counts are asserted, never timings."""

from __future__ import annotations

import asyncio
import time

from airforce_studio.core.events import EngineNotice
from airforce_studio.core.failure import Backoff
from airforce_studio.core.follow import FollowConfig
from airforce_studio.core.journal import ItemState
from tests.integration.engine_kit import FOX, drive, run_all, settle


def knobs(sim, **values):
    sim.call(lambda: sim.knobs.update(values))


def of_key(sim, key, method=None, path=""):
    return [r for r in sim.requests("api")
            if r["headers"].get("Authorization") == f"Bearer {key}"
            and (method is None or r["method"] == method) and path in r["path"]]


def creates(sim, key):
    return of_key(sim, key, "POST", "/v1/video/generations")


def collect(session, kind=None):
    seen: list[EngineNotice] = []
    session.engine.subscribe(lambda e: isinstance(e, EngineNotice)
                             and (kind is None or e.kind == kind) and seen.append(e))
    return seen


def test_a_create_that_always_gets_a_gateway_page_gives_up_with_patience(sim, key):
    knobs(sim, create_html_always=True)

    async def body(session):
        trouble = collect(session, "server-trouble")
        await session.engine.start()
        await session.engine.submit(FOX)
        await asyncio.wait_for(session.engine.wait_idle(), 60)
        kind, error = session.engine.gave_up
        assert kind == "create" and "HTML" in str(error)
        assert trouble and trouble[0].get("body") == "html" and trouble[0].get("status") == 502
        [item] = session.journal.items()
        assert not item.state.is_final  # kept for `resume`, never dropped
    drive(sim, key, body, patience=3.0)
    assert 1 <= len(creates(sim, key)) <= 8
    assert not sim.tasks(key)


def test_a_lost_create_answer_with_a_lagging_list_is_paid_once(sim, key):
    knobs(sim, drop_create_next=1, list_lag_seconds=5.0)

    async def body(session):
        [item] = await run_all(session, FOX, timeout=90)
        assert item.state == ItemState.ARCHIVED
    drive(sim, key, body, reconcile_looks=(1.0, 3.0, 7.0, 15.0))
    assert len(sim.tasks(key)) == 1
    assert len(creates(sim, key)) == 1


def test_a_server_clock_five_minutes_behind_does_not_cause_a_second_payment(sim, key):
    knobs(sim, drop_create_next=1, clock_offset_seconds=-300.0)

    async def body(session):
        [item] = await run_all(session, FOX)
        assert item.state == ItemState.ARCHIVED
    drive(sim, key, body)
    assert len(sim.tasks(key)) == 1


def test_the_download_deadline_is_on_the_servers_clock(sim, key):
    """The server's clock is 25 h behind ours: its 24 h link is still good. The deadline
    for retrying a download is the server's `expires_at` on the server's clock, so a
    failed download would be tried again rather than given up as expired."""
    knobs(sim, clock_offset_seconds=-25 * 3600.0)

    async def body(session):
        [item] = await run_all(session, FOX, timeout=90)
        assert item.state == ItemState.ARCHIVED, item.error
        assert item.expires_at is not None and item.expires_at < time.time()  # by our clock
        # What the supervisor asks after a failed download: not expired, so retry it.
        assert not session.engine.dispatcher._past_deadline(item)
    drive(sim, key, body)
    assert len(sim.tasks(key)) == 1


def test_a_duplicate_made_anyway_is_kept_and_told_once(sim, key):
    # The list lags longer than the whole reconcile window: the item is sent again, and
    # the first send's task turns up later. Both are kept, each with its own debit.
    knobs(sim, drop_create_next=1, list_lag_seconds=2.0)

    async def body(session):
        told = collect(session, "paid-twice")
        await run_all(session, FOX)
        items = await settle(session)
        assert [i.state for i in items] == [ItemState.ARCHIVED] * 2
        original, duplicate = items
        assert duplicate.duplicate_of == original.id and duplicate.source == "duplicate"
        assert len(told) == 1 and told[0].get("item_id") == original.id
        debits = [e for e in session.journal.ledger() if e["kind"] == "debit"]
        assert len(debits) == 2
    drive(sim, key, body, reconcile_looks=(0.0, 0.2), duplicate_sweep_delay=3.0)
    assert len(sim.tasks(key)) == 2


def test_an_outage_in_a_batch_of_six_ends_with_six_clips_and_bounded_requests(sim, key):
    async def body(session):
        trouble = collect(session, "server-trouble")
        await session.engine.start()
        await session.engine.submit(FOX, 6)
        await asyncio.sleep(0.3)
        before = len(of_key(sim, key))
        knobs(sim, outage_seconds=20.0)
        started = time.monotonic()
        while time.monotonic() - started < 20.0:
            await asyncio.sleep(0.5)
        during = len(of_key(sim, key)) - before
        items = await settle(session, 120)
        assert [i.state for i in items] == [ItemState.ARCHIVED] * 6, [
            (i.state, i.error) for i in items]
        assert trouble  # the window can show a banner
        return during

    during = drive(sim, key, body, backoff=Backoff(base=0.2, cap=2.0),
                   follow=FollowConfig(poll_interval=(0.5, 1.0), stream_reconnects=2,
                                       polls_between_stream_tries=2))
    assert len(sim.tasks(key)) == 6
    assert during < 120, during  # a bounded trickle, not a storm


def test_completed_without_a_file_fails_with_the_charge_stated(sim, key):
    knobs(sim, no_result_url_next=1)

    async def body(session):
        failed = collect(session, "failed")
        [item] = await run_all(session, FOX)
        assert item.state == ItemState.FAILED and "no file" in item.error
        assert failed and failed[0].get("charged") is True
        assert item.cost_cents and not item.refunded
    drive(sim, key, body)


def test_cli_rides_out_a_20_s_outage_in_a_batch_of_six(sim, key):
    """The real entry point with its real delays: the outage lands while clips are in
    flight and others wait; the command finishes every clip, each paid once."""
    import subprocess
    import threading

    from tests.integration.test_cli import CLI, cli_env, json_lines

    knobs(sim, task_seconds=3.0)  # four render while two wait: the outage hits both
    outage_started = []

    def start_outage() -> None:
        time.sleep(1.5)
        outage_started.append(len(of_key(sim, key)))
        knobs(sim, outage_seconds=20.0)

    threading.Thread(target=start_outage, daemon=True).start()
    done = subprocess.run([*CLI, "generate", "a fox in an outage", "--model", "hailuo-fast",
                           "--count", "6", "--yes", "--json"], env=cli_env(sim, key),
                          capture_output=True, text=True, timeout=150)
    assert done.returncode == 0, done.stderr[-3000:]
    assert outage_started and outage_started[0] >= 4  # it began mid-batch
    archived = [line for line in json_lines(done.stdout) if line["status"] == "archived"]
    assert len(archived) == 6
    assert len(sim.tasks(key)) == 6
    assert len(of_key(sim, key)) < 200  # every request of the run, outage included
