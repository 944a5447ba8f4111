"""Where start-up time goes, phase by phase, in the order `airforce-studio` takes them (real
mode, the same seeded profile as `cold_start`), with the Qt types created in a phase of
their own so that what the app itself does stands apart from what PySide charges.

    .venv/bin/python -m benchmarks.startup_phases [--runs 5] [--clips 1000]

Each run is a fresh process (offscreen); the table gives median [min–max] per phase. The
Qt-free modules import much of the stdlib that PySide6 would import anyway, so a baseline
(PySide6 and a QApplication alone, fresh process, same run) gives their net cost.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from airforce_studio.simulator import Knobs, Simulator
from benchmarks._common import XDG, header, load, scratch_home, spread, table
from benchmarks.cold_start import qt_names, seed_real_profile

PHASES = """
import json, os, sys, time
marks = [("start", time.perf_counter())]
def mark(name):
    marks.append((name, time.perf_counter()))
from airforce_studio.__main__ import _load_qt_free_modules_first
_load_qt_free_modules_first()
mark("Qt-free modules (profile, API types, stdlib)")
from PySide6 import QtCore, QtGui, QtWidgets
app = QtWidgets.QApplication([])
mark("PySide6 import + QApplication")
for module, name in json.loads(os.environ["QT_NAMES"]):
    getattr({"QtCore": QtCore, "QtGui": QtGui, "QtWidgets": QtWidgets}[module], name)
mark("Qt types the window imports")
from airforce_studio import app as studio
from airforce_studio.ui import icons, startup, tasks
mark("window modules")
from airforce_studio.api.urls import api_base_from_env, normalize_base
from airforce_studio.core.session import LocalProfile
studio.apply_saved_language(app)
studio.apply_theme(app)
base = normalize_base(api_base_from_env())
assert studio.key_store_for(base).load().key
profile = LocalProfile.open(base)
mark("language, theme, key, profile open")
tasks.hold_until_loop()
icons.deferred = True
window = startup.MainWindow(profile, demo=False, icon=app.windowIcon())
mark("window built")
startup.wait_for_first_paint(window)
mark("first paint")
assert window.library_view.model.rowCount() > 0 and window.queue.model.rowCount() > 0
print(json.dumps([(name, 1000 * (t - marks[i][1])) for i, (name, t) in enumerate(marks[1:])]))
os._exit(0)
"""


ALONE = """
import json, os, time
start = time.perf_counter()
from PySide6 import QtWidgets
app = QtWidgets.QApplication([])
print(json.dumps(1000 * (time.perf_counter() - start)))
os._exit(0)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--clips", type=int, default=1000)
    args = parser.parse_args()
    print(header(f"startup_phases: {args.runs} runs, real mode with {args.clips} clips"))
    runs: list[list[tuple[str, float]]] = []
    baseline: list[float] = []  # PySide6 + QApplication with nothing of ours before them
    with scratch_home() as home, Simulator(Knobs(task_seconds=5)) as sim, \
            tempfile.TemporaryDirectory() as probe:
        seed_real_profile(home, sim.api_base, args.clips)
        modules = Path(probe, "modules.json")
        listing = ("import json, sys; from airforce_studio.ui import startup; "
                   "print(json.dumps([m.__file__ for n, m in sys.modules.items() "
                   "if n.startswith('airforce_studio') and getattr(m, '__file__', None)]))")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", AIRFORCE_API_BASE=sim.api_base,
                   AIRFORCE_API_KEY=sim.key, QT_LOGGING_RULES="qt.multimedia.*=false",
                   **{var: os.path.join(home, var.lower()) for var in XDG})
        modules.write_text(subprocess.run([sys.executable, "-c", listing], env=env, check=True,
                                          capture_output=True, text=True).stdout)
        env["QT_NAMES"] = json.dumps(qt_names(json.loads(modules.read_text())))
        for run in range(args.runs + 1):  # the first warms the file cache
            done = subprocess.run([sys.executable, "-c", PHASES], env=env, check=True,
                                  capture_output=True, text=True, timeout=120)
            alone = subprocess.run([sys.executable, "-c", ALONE], env=env, check=True,
                                   capture_output=True, text=True, timeout=120)
            if run:
                runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
                baseline.append(json.loads(alone.stdout.strip().splitlines()[-1]))
                total = sum(ms for _, ms in runs[-1])
                print(f"run {run}/{args.runs}: {total:.0f} ms to first paint; {load()}",
                      flush=True)
    rows = [("phase", "ms: median [min–max]")]
    for index, (name, _) in enumerate(runs[0]):
        rows.append((name, spread([r[index][1] for r in runs], "{:.1f}")))
    rows.append(("total", spread([sum(ms for _, ms in r) for r in runs])))
    rows.append(("baseline: PySide6 import + QApplication alone", spread(baseline, "{:.1f}")))
    net = [r[0][1] + r[1][1] - b for r, b in zip(runs, baseline, strict=True)]
    rows.append(("  so the Qt-free modules, net of what PySide6 loads too", spread(net, "{:.1f}")))
    print(table(rows))
    print(f"{args.runs} runs; {load()}")


if __name__ == "__main__":
    main()
