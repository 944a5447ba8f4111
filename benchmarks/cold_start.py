"""Cold start to the first painted window: `airforce-studio` as users run it against a bare
PySide6 QMainWindow, each in fresh processes, alternating, in the same run (offscreen).

    .venv/bin/python -m benchmarks.cold_start [--runs 5]

Studio runs through its installed entry point (`.venv/bin/airforce-studio`), in real mode
(a key and API base in the environment, pointing at a simulator in this process) and in
`--demo` mode, each with a profile of its own. Bytecode for the app is compiled before the
first run (`compileall`; the installed packages were compiled by pip), and each variant
runs once untimed to warm the file cache. The time is from spawning the process to the
first Paint event of a QMainWindow, seen by a probe that a `sitecustomize` module installs
on the QApplication as soon as PySide6.QtWidgets is imported: the app's code is unchanged.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import airforce_studio
from airforce_studio.simulator import Knobs, Simulator
from benchmarks._common import header, load, scratch_home, spread, table

PROBE = '''
"""Benchmark probe: report the first paint of a QMainWindow, then exit at once."""
import importlib.abc, importlib.util, json, os, resource, sys, time

class _Hook(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "PySide6.QtWidgets":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        run = spec.loader.exec_module
        def exec_module(module):
            run(module)
            _patch(module)
        spec.loader.exec_module = exec_module
        return spec

def _patch(widgets):
    from PySide6.QtCore import QEvent, QObject
    class Probe(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint and isinstance(watched, widgets.QMainWindow):
                with open(os.environ["BENCH_PROBE_OUT"], "w") as out:
                    json.dump({"painted": time.time(), "rss_mb":
                               resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}, out)
                os._exit(0)
            return False
    base = widgets.QApplication
    class Application(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._bench_probe = Probe()
            self.installEventFilter(self._bench_probe)
    widgets.QApplication = Application

if os.environ.get("BENCH_PROBE_OUT"):
    sys.meta_path.insert(0, _Hook())
'''

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
window.show()
app.exec()
"""


def one(command: list[str], env: dict[str, str], out: Path) -> tuple[float, float]:
    out.unlink(missing_ok=True)
    started = time.time()
    subprocess.run(command, env=env, capture_output=True, timeout=120, check=True)
    line = json.loads(out.read_text())
    return line["painted"] - started, line["rss_mb"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    entry = Path(sys.executable).with_name("airforce-studio")
    if not entry.exists():
        sys.exit(f"{entry} is missing: install the project (bash .ci/setup)")
    compileall.compile_dir(Path(airforce_studio.__file__).parent, quiet=1)
    print(header(f"cold_start: {args.runs} alternating runs, bytecode compiled beforehand"))
    variants = {"bare QMainWindow": [sys.executable, "-c", BARE],
                "airforce-studio (real mode)": [str(entry)],
                "airforce-studio --demo": [str(entry), "--demo"]}
    seconds: dict[str, list[float]] = {name: [] for name in variants}
    rss: dict[str, list[float]] = {name: [] for name in variants}
    with tempfile.TemporaryDirectory(prefix="airforce-probe-") as probe_dir, \
            Simulator(Knobs(task_seconds=5)) as sim:
        Path(probe_dir, "sitecustomize.py").write_text(PROBE)
        out = Path(probe_dir, "painted.json")
        base_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BENCH_PROBE_OUT=str(out),
                        QT_LOGGING_RULES="qt.multimedia.*=false",
                        PYTHONPATH=os.pathsep.join(filter(None, [
                            probe_dir, os.environ.get("PYTHONPATH")])))
        with scratch_home() as real_home, scratch_home() as demo_home:
            homes = {"airforce-studio (real mode)": real_home,
                     "airforce-studio --demo": demo_home}

            def env_for(name: str) -> dict[str, str]:
                env = dict(base_env, AIRFORCE_API_BASE=sim.api_base, AIRFORCE_API_KEY=sim.key)
                home = homes.get(name)
                if home:  # each variant its own profile (scratch_home set these globally)
                    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME",
                                "XDG_STATE_HOME"):
                        env[var] = os.path.join(home, var.lower())
                return env

            for name, command in variants.items():
                one(command, env_for(name), out)  # warm the file cache, make the profile
            for run in range(args.runs):
                order = list(variants) if run % 2 == 0 else list(reversed(variants))
                for name in order:
                    took, peak = one(variants[name], env_for(name), out)
                    seconds[name].append(took)
                    rss[name].append(peak)
                print(f"run {run + 1}/{args.runs}: " + ", ".join(
                    f"{name} {seconds[name][-1] * 1000:.0f} ms" for name in variants)
                    + f"; {load()}", flush=True)
    bare = seconds["bare QMainWindow"]
    rows = [("window", "start → first paint: median [min–max]", "× bare (paired)",
             "peak RSS")]
    for name in variants:
        ratios = [s / b for s, b in zip(seconds[name], bare, strict=True)]
        rows.append((name, spread(seconds[name], scale=1000) + " ms",
                     spread(ratios, "{:.2f}") + "×", spread(rss[name]) + " MB"))
    print(table(rows))
    print(f"{args.runs} runs each; {load()}")


if __name__ == "__main__":
    main()
