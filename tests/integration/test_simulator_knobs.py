"""The simulator's knobs for a misbehaving world (issue 9), over loopback HTTP.

Each knob is set through `POST /_sim/knobs`, the route tests and users share, and
each test checks what a client then sees on the wire. The demo's state folder is
tested by stopping and restarting a simulator with a task in flight.
"""

from __future__ import annotations

import argparse
import email.utils
import hashlib
import time

import httpx
import pytest

from airforce_studio.simulator import Knobs, Simulator, new_key

CREATE = {"model": "kling-1", "prompt": "a knob test", "duration_seconds": 5}


def client(sim, key: str) -> httpx.Client:
    return httpx.Client(base_url=sim.api_base, timeout=30,
                        headers={"Authorization": f"Bearer {key}"})


def set_knobs(sim, **values) -> dict:
    answer = httpx.post(f"{sim.api_base}/_sim/knobs", json=values, timeout=10)
    assert answer.status_code == 200, answer.text
    return answer.json()


def wait_for_status(api: httpx.Client, task_id: str, status: str, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = api.get(f"/v1/video/tasks/{task_id}").json()
        if body["status"] == status:
            return body
        time.sleep(0.05)
    raise AssertionError(f"{task_id} never reached {status}")


def test_create_html_always_answers_every_create_with_a_gateway_page(sim, key):
    set_knobs(sim, create_html_always=True)
    with client(sim, key) as api:
        for _ in range(3):
            answer = api.post("/v1/video/generations", json=CREATE)
            assert answer.status_code == 502
            assert answer.headers["content-type"].startswith("text/html")
            assert "<html>" in answer.text
        assert api.get("/v1/models").status_code == 200  # reads still work
        assert api.get("/v1/video/tasks").json()["data"] == []
    assert sim.tasks(key) == [] and sim.balance(key) == 50_000  # nothing made, nothing paid
    set_knobs(sim, create_html_always=False)
    with client(sim, key) as api:
        assert api.post("/v1/video/generations", json=CREATE).status_code == 200


def test_list_lag_hides_young_tasks_from_the_list_only(sim, key):
    set_knobs(sim, list_lag_seconds=3600)
    with client(sim, key) as api:
        task = api.post("/v1/video/generations", json=CREATE).json()
        assert api.get("/v1/video/tasks").json()["data"] == []
        assert api.get(f"/v1/video/tasks/{task['task_id']}").status_code == 200
        set_knobs(sim, list_lag_seconds=0)
        listed = api.get("/v1/video/tasks").json()["data"]
    assert [t["task_id"] for t in listed] == [task["task_id"]]


def test_no_result_url_next_hides_the_url_on_every_read(sim, key):
    set_knobs(sim, no_result_url_next=1)
    with client(sim, key) as api:
        first = api.post("/v1/video/generations", json=CREATE).json()["task_id"]
        done = wait_for_status(api, first, "completed")
        assert "result_url" not in done
        assert "result_url" not in api.get(f"/v1/video/tasks/{first}").json()  # the follow-up
        listed = api.get("/v1/video/tasks").json()["data"]
        assert "result_url" not in listed[0]
        second = api.post("/v1/video/generations", json=CREATE).json()["task_id"]
        assert "result_url" in wait_for_status(api, second, "completed")  # only the next 1


def test_clock_offset_shifts_date_created_and_expiry(sim, key):
    offset = -300.0
    set_knobs(sim, clock_offset_seconds=offset)
    with client(sim, key) as api:
        before = time.time()
        answer = api.post("/v1/video/generations", json=CREATE)
        after = time.time()
        listed = api.get("/v1/video/tasks")
    body = answer.json()
    server_now = email.utils.parsedate_to_datetime(answer.headers["Date"]).timestamp()
    assert before + offset - 2 <= server_now <= after + offset + 2
    assert before + offset - 2 <= body["created"] <= after + offset + 1
    assert body["expires_at"] - body["created"] == pytest.approx(86_400, abs=2)
    list_date = email.utils.parsedate_to_datetime(listed.headers["Date"]).timestamp()
    assert list_date < time.time() - 200  # the list's Date is the server's too


def test_outage_answers_every_api_call_503_html_while_results_stay_up(sim, key):
    with client(sim, key) as api:
        task = api.post("/v1/video/generations", json=CREATE).json()["task_id"]
        result_url = wait_for_status(api, task, "completed")["result_url"]
        set_knobs(sim, outage_seconds=3600)
        for method, path in [("GET", "/v1/models"), ("GET", "/v1/video/tasks"),
                             ("GET", f"/v1/video/tasks/{task}"),
                             ("POST", "/v1/video/generations")]:
            answer = api.request(method, path, json=CREATE if method == "POST" else None)
            assert answer.status_code == 503, path
            assert answer.headers["content-type"].startswith("text/html")
        clip = httpx.get(result_url, timeout=30)  # the result host is a separate origin
        assert clip.status_code == 200 and clip.content[4:8] == b"ftyp"
        assert len(sim.tasks(key)) == 1  # the create during the outage made nothing
        set_knobs(sim, outage_seconds=0)  # the window ends when set to 0
        assert api.get("/v1/models").status_code == 200


@pytest.mark.parametrize(("seed", "status"), [
    (0, 200), (2**32 - 1, 200), (2**32, 400), (-1, 400), (9223372036854775807, 400)])
def test_seed_range_is_checked(sim, key, seed, status):
    with client(sim, key) as api:
        answer = api.post("/v1/video/generations", json=CREATE | {"seed": seed})
    assert answer.status_code == status, answer.text
    if status == 400:
        assert "seed" in answer.json()["error"]["message"]


def test_every_new_knob_is_a_command_line_flag():
    parser = argparse.ArgumentParser()
    Knobs.add_arguments(parser)
    knobs = Knobs.from_arguments(parser.parse_args([
        "--create-html-always", "--list-lag-seconds", "5", "--no-result-url-next", "2",
        "--clock-offset-seconds", "-300", "--outage-seconds", "20"]))
    assert knobs.create_html_always and knobs.list_lag_seconds == 5
    assert knobs.no_result_url_next == 2 and knobs.clock_offset_seconds == -300
    assert knobs.in_outage()
    assert not Knobs().in_outage()


def test_a_simulator_with_a_state_dir_finishes_tasks_after_a_restart(tmp_path):
    state = tmp_path / "sim-state"
    with Simulator(Knobs(task_seconds=3), state_dir=state) as first:
        key = first.key
        with client(first, key) as api:
            task = api.post("/v1/video/generations", json=CREATE).json()
        assert first.tasks(key)[0]["status"] in ("queued", "running")  # stopped in flight
        balance = first.balance(key)
    assert balance == 50_000 - task["cost_cents"]

    with Simulator(Knobs(task_seconds=0.4), state_dir=state) as second:
        assert second.key == key  # the demo's key survives, so its tasks stay visible
        assert second.balance(key) == balance
        with client(second, key) as api:
            done = wait_for_status(api, task["task_id"], "completed")
            assert done["created"] == task["created"]
            clip = httpx.get(done["result_url"], timeout=30)
        assert clip.status_code == 200 and clip.content[4:8] == b"ftyp"
        served = second.tasks(key)[0]["mp4_sha256"]
        assert hashlib.sha256(clip.content).hexdigest() == served

    with Simulator(state_dir=state) as third, client(third, key) as api:  # and once more
        again = api.get(f"/v1/video/tasks/{task['task_id']}").json()
        assert again["status"] == "completed"
        assert httpx.get(again["result_url"], timeout=30).content == clip.content


def test_two_simulators_cannot_share_a_state_dir(tmp_path):
    from airforce_studio.errors import LocalStorageError

    with Simulator(state_dir=tmp_path / "s"), pytest.raises(LocalStorageError, match="pid"):
        Simulator(state_dir=tmp_path / "s")


def test_without_a_state_dir_each_simulator_starts_empty():
    with Simulator() as sim:
        assert sim.key != new_key() and sim.call(lambda: sim.state.accounts) == {}


def test_a_restarted_simulator_forgets_tasks_long_past_expiry(tmp_path):
    state = tmp_path / "sim-state"
    with Simulator(Knobs(task_seconds=0.2, ttl_seconds=-200_000), state_dir=state) as first:
        with client(first, first.key) as api:
            old = api.post("/v1/video/generations", json=CREATE).json()["task_id"]
        first.set_knobs(ttl_seconds=86_400)
        with client(first, first.key) as api:
            kept = api.post("/v1/video/generations", json=CREATE).json()["task_id"]
    with Simulator(state_dir=state) as second:
        assert [t["task_id"] for t in second.tasks(second.key)] == [kept]
        assert old != kept
