"""SIGKILL at every named crash point (core/faults.py), then `resume`: every paid task
ends archived exactly once, nothing is created twice, nothing partial is in the library.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
from pathlib import Path

import pytest

from airforce_studio.core.faults import POINTS
from tests.helpers import sha256
from tests.integration.test_cli import CLI, cli, cli_env, json_lines

CASES = [f"{point}:1" for point in POINTS] + [f"{point}:2" for point in POINTS] + [
    "following:5", "following:9"]


@pytest.mark.parametrize("crash_at", CASES)
def test_killed_at_any_point_resume_archives_everything_once(sim, key, crash_at):
    env = cli_env(sim, key) | {"AIRFORCE_CRASH_AT": crash_at}
    killed = subprocess.run([*CLI, "generate", "crash test", "--model", "kling-1", "--count",
                             "2", "--json"], env=env, capture_output=True, text=True,
                            timeout=120)
    assert killed.returncode == -signal.SIGKILL, (crash_at, killed.stderr[-500:])

    resumed = cli(sim, key, "resume", "--json")
    assert resumed.returncode in (0,), resumed.stderr[-500:]
    tasks = {t["task_id"]: t for t in sim.tasks(key)}
    assert len(tasks) == 2, f"expected exactly 2 paid tasks, server has {len(tasks)}"

    listed = json_lines(cli(sim, key, "library", "--json").stdout)
    assert {c["task_id"] for c in listed} == set(tasks)
    data = Path(os.environ["XDG_DATA_HOME"])
    clips = sorted(data.rglob("clips/*/*/*.mp4"))
    assert len(clips) == 2
    for clip in clips:
        sidecar = json.loads(clip.with_suffix(".json").read_text())
        assert sidecar["sha256_served"] == tasks[sidecar["task_id"]]["mp4_sha256"]
        assert sha256(clip) == sidecar["sha256_stored"]
    leftovers = [p for p in data.rglob("clips/**/*") if p.is_file()
                 and (p.name.startswith(".") or p.suffix == ".part")]
    assert not leftovers
