"""Issue 9, item 13: in --demo, clips in flight when the program stopped are finished by
the next start (the embedded simulator keeps its tasks in the demo profile)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from airforce_studio.core.media import probe_video
from tests.integration.test_cli import json_lines

CLI = [sys.executable, "-m", "airforce_studio", "--demo"]


def demo(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONUNBUFFERED="1")
    return subprocess.run([*CLI, *args], env=env, capture_output=True, text=True, timeout=120)


def test_a_demo_clip_in_flight_at_quit_is_finished_after_the_next_start():
    sent = demo("generate", "a lighthouse at dusk", "--model", "hailuo-fast", "--no-wait",
                "--json")
    assert sent.returncode == 0, sent.stderr
    [line] = json_lines(sent.stdout)
    assert line["status"] == "submitted"  # the demo simulator stopped with it rendering

    state = Path(os.environ["XDG_DATA_HOME"]).rglob("profiles/demo/simulator/state.json")
    assert len(list(state)) == 1

    resumed = demo("resume", "--json")
    assert resumed.returncode == 0, resumed.stderr
    [done] = json_lines(resumed.stdout)
    assert done["task_id"] == line["task_id"] and done["status"] == "archived"
    assert probe_video(Path(done["file"])) > 4
    assert "is lost" not in resumed.stderr  # the recovery report says "re-attached 1, lost 0"
    assert "re-attached 1," in resumed.stderr and "lost 0 " in resumed.stderr


def test_a_second_demo_process_exits_4_naming_the_first():
    from airforce_studio.cli_common import demo_simulator_dir
    from airforce_studio.simulator import Simulator

    with Simulator(state_dir=demo_simulator_dir()):  # this test process holds the demo
        done = demo("models")
    assert done.returncode == 4, done.stderr
    assert f"(pid {os.getpid()})" in done.stderr and "Traceback" not in done.stderr
