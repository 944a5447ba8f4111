"""Cold start to the first painted window: Airforce Studio against a bare PySide6
QMainWindow, both in fresh processes, alternating, in the same run (offscreen).

    .venv/bin/python -m benchmarks.cold_start [--runs 5]

Studio's figure covers imports, theme, opening the profile (journal, library index),
building every panel and the first paint; models load in the background after that.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

from airforce_studio.simulator import Knobs, Simulator
from benchmarks._common import median, scratch_home, table

PAINT_PROBE = """
import json, resource, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print(json.dumps({"painted": time.time(),
                              "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
            sys.stdout.flush()
            import os; os._exit(0)
        return False
"""

BARE = PAINT_PROBE + """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
probe = FirstPaint()
window.installEventFilter(probe)
window.resize(1280, 800)
window.show()
app.exec()
"""

STUDIO = PAINT_PROBE + """
import asyncio, os
from PySide6.QtWidgets import QApplication
from airforce_studio.app import app_icon, key_checker, key_store_for
from airforce_studio.core.session import Session
from airforce_studio.ui.main_window import MainWindow
from airforce_studio.ui.qt_loop import StudioEventLoop
from airforce_studio.ui.theme import apply_theme
app = QApplication([])
app.setWindowIcon(app_icon())
apply_theme(app)
loop = StudioEventLoop(app)
asyncio.set_event_loop(loop)
base, key = os.environ["AIRFORCE_API_BASE"], os.environ["AIRFORCE_API_KEY"]
session = Session.open(base, key)
window = MainWindow(session, demo=False, key_store=key_store_for(base),
                    check_key=key_checker(base), icon=app.windowIcon())
probe = FirstPaint()
window.installEventFilter(probe)
window.show()
window.load_models()
loop.run_forever()
"""


def one(script: str, env: dict[str, str]) -> tuple[float, float]:
    started = time.time()
    out = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                         text=True, timeout=120, check=True)
    line = json.loads(out.stdout.strip().splitlines()[-1])
    return line["painted"] - started, line["rss_mb"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    bare, studio, bare_rss, studio_rss = [], [], [], []
    with scratch_home(), Simulator(Knobs(task_seconds=5)) as sim:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", AIRFORCE_API_BASE=sim.api_base,
                   AIRFORCE_API_KEY=sim.key, QT_LOGGING_RULES="qt.multimedia.*=false")
        one(BARE, env)  # warm the file cache once for both
        one(STUDIO, env)
        for _ in range(args.runs):
            seconds, rss = one(BARE, env)
            bare.append(seconds)
            bare_rss.append(rss)
            seconds, rss = one(STUDIO, env)
            studio.append(seconds)
            studio_rss.append(rss)
    print(table([
        ("window", "start → first paint (median)", "peak RSS (median)"),
        ("bare QMainWindow", f"{median(bare) * 1000:.0f} ms", f"{median(bare_rss):.0f} MB"),
        ("Airforce Studio", f"{median(studio) * 1000:.0f} ms", f"{median(studio_rss):.0f} MB"),
    ]))
    print(f"Airforce Studio starts in {median(studio) / median(bare):.2f}× the bare window "
          f"({args.runs} runs each)")


if __name__ == "__main__":
    main()
