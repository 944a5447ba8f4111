"""The CLI as a user runs it: a real process, the simulator over loopback, SIGKILL included."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from airforce_studio.core.media import probe_video
from tests.helpers import png_bytes, sha256

CLI = [sys.executable, "-m", "airforce_studio"]


def cli_env(sim, key: str | None) -> dict[str, str]:
    env = dict(os.environ, AIRFORCE_API_BASE=sim.api_base, PYTHONUNBUFFERED="1")
    if key:
        env["AIRFORCE_API_KEY"] = key
    return env


def cli(sim, key, *args: str, timeout: float = 120, stdin: str | None = None):
    return subprocess.run([*CLI, *args], env=cli_env(sim, key), capture_output=True, text=True,
                          timeout=timeout, input=stdin)


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def wait_until(predicate, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("condition not reached in time")
        time.sleep(0.02)


def test_generate_prints_json_lines_and_archives(sim, key, tmp_path):
    image = tmp_path / "first.png"
    image.write_bytes(png_bytes(320, 180))
    done = cli(sim, key, "generate", "a fox", "--model", "kling-1", "--image", str(image),
               "--count", "2", "--seed", "5", "--json")
    assert done.returncode == 0, done.stderr
    lines = json_lines(done.stdout)  # stdout carries only results
    assert sorted(line["seed"] for line in lines) == [5, 6]
    for line in lines:
        assert line["status"] == "archived" and line["cost_cents"] == 175
        assert probe_video(Path(line["file"])) == pytest.approx(5.0, abs=0.2)
    served = {t["task_id"]: t["mp4_sha256"] for t in sim.tasks(key)}
    assert set(served) == {line["task_id"] for line in lines}
    listed = json_lines(cli(sim, key, "library", "--search", "fox", "--json").stdout)
    assert {c["task_id"] for c in listed} == set(served)


@pytest.mark.parametrize("args", [
    ["generate", "x", "--model", "no-such-model"],
    ["generate", "  ", "--model", "wan-2.6"],
    ["generate", "x", "--model", "kling-1", "--quality", "480p"],
    ["generate", "x", "--model", "kling-1", "--sound"],
    ["generate", "x", "--model", "wan-2.6", "--image", "NOT_AN_IMAGE"],
    ["generate", "x", "--model", "wan-2.6", "--image", "a.png", "--image", "b.png"],
])
def test_invalid_input_exits_2_before_any_paid_request(sim, key, tmp_path, args):
    (tmp_path / "a.png").write_bytes(png_bytes())
    (tmp_path / "b.png").write_bytes(png_bytes(seed=2))
    (tmp_path / "NOT_AN_IMAGE").write_text("hello, I am text")
    args = [str(tmp_path / a) if a in ("a.png", "b.png", "NOT_AN_IMAGE") else a for a in args]
    done = cli(sim, key, *args)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr
    assert sim.tasks(key) == []


def test_missing_key_exits_2_and_bad_key_exits_3(sim):
    missing = cli(sim, None, "generate", "x", "--model", "wan-2.6")
    assert missing.returncode == 2 and "no API key" in missing.stderr
    bad = cli(sim, "sk-air-wrong", "models")
    assert bad.returncode == 3 and "check the API key" in bad.stderr


def test_failed_task_exits_1_with_the_server_message(sim, key):
    sim.set_knobs(fail_fraction=1.0)
    done = cli(sim, key, "generate", "x", "--model", "hailuo-fast", "--json")
    assert done.returncode == 1
    [line] = json_lines(done.stdout)
    assert line["status"] == "failed" and "simulated failure" in line["error"]


def test_no_wait_returns_once_submitted(sim, key):
    sim.set_knobs(task_seconds=30)
    done = cli(sim, key, "generate", "x", "--model", "hailuo-fast", "--no-wait", "--json")
    assert done.returncode == 0, done.stderr
    [line] = json_lines(done.stdout)
    assert line["status"] == "submitted" and line["task_id"] and line["file"] is None


def test_models_tasks_and_key_commands(sim, key):
    models = json_lines(cli(sim, key, "models", "--json").stdout)
    assert {m["id"] for m in models} == {"wan-2.6", "kling-1", "veo-lite", "hailuo-fast"}
    cli(sim, key, "generate", "x", "--model", "hailuo-fast")
    [task] = json_lines(cli(sim, key, "tasks", "--json", "--status", "completed").stdout)
    assert task["status"] == "completed"
    status = json.loads(cli(sim, None, "key", "status", "--json").stdout)
    assert status["configured"] is False


def test_library_rebuild_from_files_alone(sim, key):
    cli(sim, key, "generate", "rebuild me", "--model", "hailuo-fast")
    data = Path(os.environ["XDG_DATA_HOME"])
    [index] = data.rglob("library.sqlite")
    index.unlink()
    for extra in data.rglob("library.sqlite-*"):
        extra.unlink()
    done = cli(sim, key, "library", "rebuild", "--json")
    assert json.loads(done.stdout) == {"clips": 1}
    [clip] = json_lines(cli(sim, key, "library", "--json").stdout)
    assert clip["prompt"] == "rebuild me"


def killed_then_resumed(sim, key, ready, *extra):
    """Run generate, SIGKILL it once `ready()` holds, then `resume` to the end."""
    proc = subprocess.Popen([*CLI, "generate", "kill me", "--model", "hailuo-fast", "--json",
                             *extra], env=cli_env(sim, key), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    try:
        wait_until(ready)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    sim.set_knobs(create_delay_seconds=0.0, download_bytes_per_second=0, task_seconds=0.4)
    resumed = cli(sim, key, "resume", "--json")
    assert resumed.returncode == 0, resumed.stderr
    lines = json_lines(resumed.stdout)
    tasks = sim.tasks(key)
    assert len(tasks) == len(lines) == 1  # no task created twice
    [line] = lines
    assert line["status"] == "archived" and line["task_id"] == tasks[0]["task_id"]
    data = Path(os.environ["XDG_DATA_HOME"])
    clips = list(data.rglob("clips/**/*.mp4"))
    assert [p.name for p in clips] == [Path(line["file"]).name]  # nothing partial in clips/
    record = json.loads(Path(line["file"]).with_suffix(".json").read_text())
    assert record["sha256_served"] == tasks[0]["mp4_sha256"]
    assert sha256(Path(line["file"])) == record["sha256_stored"]
    return line


def test_sigkill_during_submit_then_resume(sim, key):
    sim.set_knobs(create_delay_seconds=3.0)  # paid at once, answered late
    killed_then_resumed(sim, key, lambda: len(sim.tasks(key)) == 1)
    posts = [r for r in sim.requests("api") if r["method"] == "POST"
             and r["headers"].get("Authorization") == f"Bearer {key}"]
    assert len(posts) == 1


def test_sigkill_during_stream_then_resume(sim, key):
    sim.set_knobs(task_seconds=4.0)
    killed_then_resumed(sim, key, lambda: any(t["status"] == "running" for t in sim.tasks(key)))


def test_sigkill_during_download_then_resume(sim, key):
    sim.set_knobs(download_bytes_per_second=8_000)

    def downloading():
        ours = [f"/video/{t['task_id']}.mp4?" for t in sim.tasks(key)]
        return any(path in r["path"] for r in sim.requests("cdn") for path in ours)

    killed_then_resumed(sim, key, downloading)


def test_simulator_command_serves_a_task_end_to_end(tmp_path):
    proc = subprocess.Popen([*CLI, "simulator", "--task-seconds", "0.3"],
                            stdout=subprocess.PIPE, text=True, env=dict(os.environ))
    try:
        env = dict(proc.stdout.readline().strip().split("=", 1) for _ in range(2))
        base, key = env["AIRFORCE_API_BASE"], env["AIRFORCE_API_KEY"]
        headers = {"Authorization": f"Bearer {key}"}
        created = httpx.post(f"{base}/v1/video/generations", headers=headers,
                             json={"model": "wan-2.6", "prompt": "curl-like"}).json()
        with httpx.stream("GET", f"{base}/v1/video/tasks/{created['task_id']}/stream",
                          headers=headers) as stream:
            lines = [line for line in stream.iter_lines() if line.startswith("data:")]
        final = json.loads(lines[-1][5:])
        clip = tmp_path / "c.mp4"
        clip.write_bytes(httpx.get(final["result_url"]).content)
        assert final["status"] == "completed" and probe_video(clip) > 4
    finally:
        proc.terminate()
        proc.wait(timeout=10)
