"""The CLI's side of the failure rule (issue 9, items 2 and 4), against simulator knobs:
it gives up after --patience with exit 3 and keeps the clips; a clip completed without a
file ends failed, exit 1, saying the charge is kept."""

from __future__ import annotations

import subprocess
import time

import httpx

from tests.integration.test_cli import CLI, cli, cli_env, json_lines, wait_until


def creates(sim, key: str) -> int:
    return sum(1 for r in sim.requests("api") if r["method"] == "POST"
               and r["headers"].get("Authorization") == f"Bearer {key}")


def test_a_create_always_answered_by_a_gateway_page_gives_up_after_patience(sim, key):
    sim.set_knobs(create_html_always=True)
    done = cli(sim, key, "generate", "x", "--model", "hailuo-fast", "--patience", "2")
    assert done.returncode == 3, done.stderr
    assert "gave up: create requests" in done.stderr and "HTML" in done.stderr
    assert "1 clip is kept" in done.stderr and "Traceback" not in done.stderr
    sent = creates(sim, key)
    assert 1 <= sent <= 8 and sim.tasks(key) == []
    ours = [r for r in sim.requests("api") if r["headers"].get("Authorization") == f"Bearer {key}"]
    print(f"creates sent: {sent}, API requests: {len(ours)}")

    sim.set_knobs(create_html_always=False)
    resumed = cli(sim, key, "resume", "--json")
    assert resumed.returncode == 0, resumed.stderr
    [line] = json_lines(resumed.stdout)
    assert line["status"] == "archived" and len(sim.tasks(key)) == 1  # paid once


def test_completed_without_a_result_url_fails_with_exit_1_and_says_the_charge_stays(sim, key):
    sim.set_knobs(no_result_url_next=1)
    done = cli(sim, key, "generate", "x", "--model", "hailuo-fast", "--json")
    assert done.returncode == 1, done.stderr
    [line] = json_lines(done.stdout)
    assert line["status"] == "failed" and line["task_id"] == sim.tasks(key)[0]["task_id"]
    assert "charge" in done.stderr



def test_an_unclear_create_never_claims_a_task_made_after_its_answer(sim, key):
    """Our create is answered by a gateway's page; while we look for it in the list,
    another process on this key makes a task of the same model. That task is not ours:
    ours is sent again and the neighbour's stays the neighbour's."""
    sim.set_knobs(create_html_always=True)
    with subprocess.Popen([*CLI, "generate", "ours", "--model", "hailuo-fast", "--json"],
                          env=cli_env(sim, key), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True) as proc:
        wait_until(lambda: creates(sim, key) >= 1)
        time.sleep(5.0)  # past the answer by more than the whole-second rounding
        sim.set_knobs(create_html_always=False)  # we are still looking: nothing is re-sent
        neighbour = httpx.post(f"{sim.api_base}/v1/video/generations",
                               headers={"Authorization": f"Bearer {key}"},
                               json={"model": "hailuo-fast", "prompt": "someone else's"}).json()
        out, err = proc.communicate(timeout=90)
    assert proc.returncode == 0, err
    [line] = json_lines(out)
    assert line["task_id"] != neighbour["task_id"], err
    assert len(sim.tasks(key)) == 2  # the neighbour's and ours, each paid once


def test_a_402_for_the_next_clip_still_archives_the_clip_already_paid(sim, key):
    """The balance covers one clip of two: the second is refused (402) and waits unpaid,
    but the first, paid and rendering, is archived before the command exits 3. Before,
    the pause ended the wait at once, and `resume` hit the same 402 first every time, so
    the paid clip could sit until it expired."""
    sim.call(lambda: setattr(sim.state.account(key), "balance_cents", 60))
    done = cli(sim, key, "generate", "x", "--model", "hailuo-fast", "--count", "2", "--json")
    assert done.returncode == 3, done.stderr
    assert "402" in done.stderr and "resume" in done.stderr and "Traceback" not in done.stderr
    [line] = json_lines(done.stdout)
    assert line["status"] == "archived" and line["task_id"] == sim.tasks(key)[0]["task_id"]
    assert creates(sim, key) == 2 and len(sim.tasks(key)) == 1  # the refused one costs nothing
    assert "2  queued-locally" in cli(sim, key, "queue").stdout


def test_resume_with_nothing_pending_still_keeps_a_late_duplicate(sim, key):
    """A create whose answer was lost was re-sent; the first send's task shows up in the
    list only after the run ended. `resume` found nothing pending and stopped before the
    start's duplicate sweep had looked, so that paid clip was never fetched (lost at
    expiry). Now it is kept, archived and said."""
    from airforce_studio.core.journal import Journal
    from airforce_studio.core.paths import Paths, profile_name

    first = cli(sim, key, "generate", "x", "--model", "hailuo-fast", "--json")
    assert first.returncode == 0, first.stderr
    journal = Journal(Paths(profile_name(sim.api_base)).journal)
    try:  # as a run that re-sent item 1 after an unanswered create leaves it
        now = time.time()
        journal.update(1, ambiguous_sends=1, added_at=now - 5, submit_started=now - 1,
                       created=int(now) + 2)
    finally:
        journal.close()
    late = httpx.post(f"{sim.api_base}/v1/video/generations",
                      headers={"Authorization": f"Bearer {key}"},
                      json={"model": "hailuo-fast", "prompt": "x"}).json()
    done = cli(sim, key, "resume", "--json")
    assert done.returncode == 0, done.stderr
    [line] = json_lines(done.stdout)
    assert line["task_id"] == late["task_id"] and line["status"] == "archived"
    assert "paid twice" in done.stderr


def test_resume_reports_a_clip_that_recovery_itself_finds_lost(sim, key):
    """Deleted at the provider while this profile was not running: the resumed clip is
    lost during the start's recovery. It is still this command's result: exit 1, its
    line on stdout, not "nothing to resume"."""
    sent = cli(sim, key, "generate", "x", "--model", "hailuo-fast", "--no-wait", "--json")
    assert sent.returncode == 0, sent.stderr
    [line] = json_lines(sent.stdout)
    httpx.delete(f"{sim.api_base}/v1/video/tasks/{line['task_id']}",
                 headers={"Authorization": f"Bearer {key}"}).raise_for_status()
    done = cli(sim, key, "resume", "--json")
    assert done.returncode == 1, done.stderr
    [result] = json_lines(done.stdout)
    assert result["status"] == "lost" and "nothing to resume" not in done.stderr
