"""Cold start to the first painted window: `airforce-studio` as users run it against a bare
PySide6 QMainWindow, each in fresh processes, alternating, in the same run (offscreen).

    .venv/bin/python -m benchmarks.cold_start [--runs 5] [--clips 1000]

Studio runs through its installed entry point (`.venv/bin/airforce-studio`), in real mode
(a key and API base in the environment, pointing at a simulator in this process; a
library of `--clips` clips with posters, two items waiting in the journal, the Library tab
the one last open) and in `--demo` mode (its own profile, empty library), each with a
profile of its own. Bytecode for the app is compiled before the first run (`compileall`;
the installed packages were compiled by pip), and each variant runs once untimed to warm
the file cache and make its profile. Times run from spawning the process to:
- **first paint**: the first Paint event of a QMainWindow, and which of asyncio, qasync,
  httpx, QtMultimedia, PIL and PyAV were loaded by then;
- **library ready**: the window's `libraryReady` property (the grid's visible posters in);
- **models loaded**: its `modelsLoaded` property (the model list arrived from the API).
A fourth variant, **floor**, is the bare window after creating the Python types of every Qt
class that the real window's modules import at their top (the list is read from the
modules loaded at the real window's first paint): what PySide charges any program using
those classes, before it builds a widget or runs a line of its own.
A probe that a `sitecustomize` module installs on each QMainWindow sees them
(benchmarks/startup_probe.py); the app's code is unchanged by it.
"""

from __future__ import annotations

import argparse
import ast
import compileall
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import airforce_studio
from airforce_studio.api.types import TaskRequest
from airforce_studio.api.urls import normalize_base
from airforce_studio.core.paths import Paths
from airforce_studio.core.session import LocalProfile
from airforce_studio.simulator import Knobs, Simulator
from benchmarks._common import XDG, header, load, scratch_home, spread, table, xdg_home
from benchmarks.library_100k import populate
from benchmarks.startup_probe import PROBE

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
window.show()
app.exec()
"""

# The bare window after creating the Python types of every Qt class the real window's
# modules import (PySide builds a class, and all its enums, on first touch): what any
# PySide program that uses those classes pays before it has built a single widget.
FLOOR = """
from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
for module, name in {names!r}:
    getattr({{"QtCore": QtCore, "QtGui": QtGui, "QtWidgets": QtWidgets}}[module], name)
window = QMainWindow()
window.resize(1280, 800)
window.show()
app.exec()
"""


def qt_names(files: list[str]) -> list[tuple[str, str]]:
    """(module, name) of each `from PySide6.QtX import name` at the top level of `files`."""
    names = set()
    for file in files:
        for node in ast.parse(Path(file).read_text()).body:
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("PySide6."):
                names.update((node.module.split(".")[1], alias.name) for alias in node.names)
    return sorted(names)


REAL = "airforce-studio (real mode)"
FLOOR_NAME = "floor: bare + the window's Qt types"


def one(command: list[str], env: dict[str, str], out: Path) -> dict:
    out.unlink(missing_ok=True)
    started = time.time()
    subprocess.run(command, env=env, capture_output=True, timeout=120, check=True)
    seen = json.loads(out.read_text())
    for key in ("painted", "libraryReady", "modelsLoaded"):
        if key in seen:
            seen[key] -= started
    return seen


def seed_real_profile(home: str, api_base: str, clips: int) -> None:
    """`clips` clips with posters, two waiting items, the Library tab last open."""
    with xdg_home(home):
        profile = LocalProfile.open(normalize_base(api_base))
        try:
            populate(profile.library, clips)
            for n in range(2):
                profile.journal.add(TaskRequest(model="wan-2.6", prompt=f"waiting {n}"), 5)
        finally:
            profile.close()
        config = Paths.config_dir()
        config.mkdir(parents=True, exist_ok=True)
        (config / "window.ini").write_text("[General]\ntab=1\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--clips", type=int, default=1000)
    args = parser.parse_args()
    entry = Path(sys.executable).with_name("airforce-studio")
    if not entry.exists():
        sys.exit(f"{entry} is missing: install the project (bash .ci/setup)")
    compileall.compile_dir(Path(airforce_studio.__file__).parent, quiet=1)
    print(header(f"cold_start: {args.runs} alternating runs, bytecode compiled beforehand, "
                 f"real mode with {args.clips} clips"))
    variants = {"bare QMainWindow": [sys.executable, "-c", BARE],
                REAL: [str(entry)],
                "airforce-studio --demo": [str(entry), "--demo"]}
    results: dict[str, list[dict]] = {name: [] for name in variants}
    with tempfile.TemporaryDirectory(prefix="airforce-probe-") as probe_dir, \
            Simulator(Knobs(task_seconds=5)) as sim:
        Path(probe_dir, "sitecustomize.py").write_text(PROBE)
        out = Path(probe_dir, "painted.json")
        base_env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BENCH_PROBE_OUT=str(out),
                        QT_LOGGING_RULES="qt.multimedia.*=false",
                        PYTHONPATH=os.pathsep.join(filter(None, [
                            probe_dir, os.environ.get("PYTHONPATH")])))
        with scratch_home() as real_home, scratch_home() as demo_home:
            seed_real_profile(real_home, sim.api_base, args.clips)
            homes = {REAL: real_home,
                     "airforce-studio --demo": demo_home}

            def env_for(name: str) -> dict[str, str]:
                env = dict(base_env, AIRFORCE_API_BASE=sim.api_base, AIRFORCE_API_KEY=sim.key)
                home = homes.get(name)
                if home:  # each variant its own profile (scratch_home set these globally)
                    env.update({var: os.path.join(home, var.lower()) for var in XDG})
                    env["BENCH_PROBE_UNTIL"] = "libraryReady,modelsLoaded"
                return env

            for name, command in list(variants.items()):  # warm the file cache, the profile
                warm = one(command, env_for(name), out)
                if name == REAL:
                    names = qt_names(warm["app_modules"])
                    variants[FLOOR_NAME] = [sys.executable, "-c", FLOOR.format(names=names)]
                    results[FLOOR_NAME] = []
                    one(variants[FLOOR_NAME], env_for(FLOOR_NAME), out)
                    print(f"floor: the bare window plus the types of the {len(names)} Qt "
                          f"classes that the real window's {len(warm['app_modules'])} modules "
                          "import at their top")
            for run in range(args.runs):
                order = list(variants) if run % 2 == 0 else list(reversed(variants))
                for name in order:
                    results[name].append(one(variants[name], env_for(name), out))
                print(f"run {run + 1}/{args.runs}: " + ", ".join(
                    f"{name} {results[name][-1]['painted'] * 1000:.0f} ms" for name in variants)
                    + f"; {load()}", flush=True)
    bare = [r["painted"] for r in results["bare QMainWindow"]]
    rows = [("window", "start → first paint: median [min–max]", "× bare (paired)",
             "library ready", "models loaded", "peak RSS", "loaded at first paint")]
    for name in variants:
        got = results[name]
        painted = [r["painted"] for r in got]
        ratios = [s / b for s, b in zip(painted, bare, strict=True)]

        def ms(key: str, got=got) -> str:
            values = [r[key] for r in got if key in r]
            return spread(values, scale=1000) + " ms" if values else "–"

        heavy = sorted({m for r in got for m in r.get("heavy_loaded", [])})
        rows.append((name, ms("painted"), spread(ratios, "{:.2f}") + "×", ms("libraryReady"),
                     ms("modelsLoaded"), spread([r["rss_mb"] for r in got]) + " MB",
                     ", ".join(heavy) or "none of them"))
    print(table(rows))
    print(f"{args.runs} runs each; {load()}")


if __name__ == "__main__":
    main()
