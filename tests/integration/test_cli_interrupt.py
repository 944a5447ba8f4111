"""Issue 9, item 12: Ctrl-C at any moment exits 130 with one line, never a traceback.

SIGINT is delivered at chosen moments without racing a clock: while a given module is
being imported (an import hook sends it when the import starts), and while waiting on
the simulator (once the cost line is printed). `resume` then finishes what was started.
"""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from tests.integration.test_cli import cli, cli_env, json_lines, wait_until

# Runs `python -m airforce_studio ARGS` after arming a hook that SIGINTs this very
# process when MODULE starts importing: the KeyboardInterrupt surfaces mid-import.
HOOKED = """
import importlib.abc, os, runpy, signal, sys
target = sys.argv.pop(1)

class Interrupt(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target_=None):
        if name == target:
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, Interrupt())
sys.argv[0] = "airforce-studio"
runpy.run_module("airforce_studio", run_name="__main__", alter_sys=True)
"""


def assert_one_line_130(returncode: int, stderr: str, progress: str = "") -> None:
    """Exit 130; after the progress printed so far, exactly one line, and no traceback."""
    assert returncode == 130, stderr
    assert stderr.startswith(progress)
    lines = [line for line in stderr[len(progress):].splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("interrupted") and "Traceback" not in stderr


@pytest.mark.parametrize("module", [
    "airforce_studio.cli",  # the first import of __main__'s own work
    "httpx",
    "airforce_studio.simulator",
    "airforce_studio.core.engine",
    "sqlite3",
])
def test_ctrl_c_during_imports(sim, key, module):
    done = subprocess.run([sys.executable, "-c", HOOKED, module, "generate", "x", "--model",
                           "hailuo-fast"], env=cli_env(sim, key), capture_output=True,
                          text=True, timeout=120)
    assert_one_line_130(done.returncode, done.stderr)
    assert sim.tasks(key) == []


def test_the_hook_really_interrupts_only_when_its_module_is_imported(sim, key):
    """Guard against a test that cannot fail: a module never imported changes nothing."""
    done = subprocess.run([sys.executable, "-c", HOOKED, "no_such_module_anywhere", "models"],
                          env=cli_env(sim, key), capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_ctrl_c_while_waiting_then_resume_finishes(sim, key):
    sim.set_knobs(task_seconds=3)
    proc = subprocess.Popen([sys.executable, "-m", "airforce_studio", "generate", "x",
                             "--model", "hailuo-fast", "--json"], env=cli_env(sim, key),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stderr.readline()  # "cost: …": the request is about to be sent
        assert first.startswith("cost:"), first
        wait_until(lambda: sim.tasks(key))  # the create was paid: a task is in flight
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    progress = "".join(line + "\n" for line in err.splitlines()
                       if line.startswith("clip 1 "))  # state changes, one line each
    assert "submitting" in progress  # interrupted once the paid create was on its way
    assert_one_line_130(proc.returncode, err, progress)
    assert out == ""
    resumed = cli(sim, key, "resume", "--json")
    assert resumed.returncode == 0, resumed.stderr
    [line] = json_lines(resumed.stdout)
    assert line["status"] == "archived" and len(sim.tasks(key)) == 1


def test_ctrl_c_in_the_simulator_command_stops_it_quietly():
    proc = subprocess.Popen([sys.executable, "-m", "airforce_studio", "simulator"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stdout.readline().startswith("AIRFORCE_API_BASE=")
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert "Traceback" not in err
