"""Qt event-loop stalls while the app is busy: a 24-megapixel image dropped and encoded,
4 live task streams and 4 downloads running, against the same loop idle (offscreen).

    .venv/bin/python -m benchmarks.ui_responsiveness [--runs 5] [--mb 50]

A precise 5 ms QTimer measures its own lateness; reported are the largest stall and the
99th percentile, per phase: median [min–max] over runs, idle and busy alternating within
each run. Each run opens a profile of its own (a fresh data folder) with a key of its own.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")

import numpy as np
from PIL import Image
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from airforce_studio.api import TaskRequest
from airforce_studio.app import key_checker, key_store_for
from airforce_studio.core.session import Session
from airforce_studio.simulator import new_key
from airforce_studio.ui.main_window import MainWindow
from airforce_studio.ui.qt_loop import StudioEventLoop
from benchmarks._common import header, load, median, scratch_home, spread, table
from benchmarks.download_throughput import SERVER, free_port, wait_listening

TICK_MS = 5


class LatenessProbe:
    def __init__(self) -> None:
        self.samples: list[float] = []
        self._last = 0.0
        self.timer = QTimer(interval=TICK_MS)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last:
            self.samples.append(max(0.0, (now - self._last) * 1000 - TICK_MS))
        self._last = now

    def start(self) -> None:
        self.samples.clear()
        self._last = 0.0
        self.timer.start()

    def stop(self) -> tuple[float, float]:
        self.timer.stop()
        values = np.array(self.samples)
        return float(values.max()), float(np.percentile(values, 99))


def big_image(path: Path) -> Path:
    rng = np.random.default_rng(1)
    base = np.linspace(0, 255, 6000, dtype=np.float32)[None, :, None]
    pixels = (base + rng.normal(0, 20, (4000, 6000, 3))).clip(0, 255).astype(np.uint8)
    Image.fromarray(pixels).save(path, "JPEG", quality=92)  # 24 MP, ~10 MB
    return path


class RemoteSim:
    """The simulator in its own process, as the real service is: our process only plays
    the client, so its stalls are ours."""

    def __init__(self) -> None:
        self.proc = subprocess.Popen([sys.executable, "-m", "airforce_studio", "simulator",
                                      "--task-seconds", "4"], stdout=subprocess.PIPE, text=True)
        env = dict(self.proc.stdout.readline().strip().split("=", 1) for _ in range(2))
        self.api_base, self.key = env["AIRFORCE_API_BASE"], env["AIRFORCE_API_KEY"]

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait()


async def one_run(sim, image: Path, url: str, folder: Path) -> dict[str, tuple]:
    probe = LatenessProbe()
    probe.start()
    await asyncio.sleep(3.0)
    idle = probe.stop()

    session = Session.open(sim.api_base, new_key())
    window = MainWindow(session, demo=True, key_store=key_store_for(sim.api_base),
                        check_key=key_checker(sim.api_base))
    window.show()
    await window._load_models()
    await session.engine.start()
    probe.start()
    await session.engine.submit(TaskRequest(model="hailuo-fast", prompt="busy"), 4)
    downloads = [asyncio.ensure_future(session.client.download(url, folder / f"d{n}.bin"))
                 for n in range(4)]
    editor = window.editor
    editor.model.setCurrentIndex(editor.model.findData("kling-1"))
    editor.mode.setCurrentIndex(editor.mode.findData("image"))
    editor.first_frame.load_file(image)
    while not editor.first_frame.images() or not all(d.done() for d in downloads):
        await asyncio.sleep(0.05)
    await asyncio.wait_for(session.engine.wait_idle(), 120)
    busy = probe.stop()
    for job in downloads:
        job.result()
    window.close()
    await session.aclose()
    window.deleteLater()
    return {"idle": idle, "busy": busy}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--mb", type=int, default=50)
    args = parser.parse_args()
    print(header(f"ui_responsiveness: {args.runs} runs, {args.mb} MB downloads"), flush=True)
    app = QApplication([])
    app.setQuitOnLastWindowClosed(False)
    loop = StudioEventLoop(app)
    results: dict[str, list[tuple]] = {"idle": [], "busy": []}
    sim = RemoteSim()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        image = big_image(folder / "24mp.jpg")
        blob = folder / "big.mp4"
        blob.write_bytes(os.urandom(args.mb << 20))
        port = free_port()
        server = subprocess.Popen([sys.executable, "-c", SERVER, str(blob), str(port)])
        try:
            wait_listening(port)
            with asyncio.Runner(loop_factory=lambda: loop) as runner:
                for number in range(args.runs):
                    with scratch_home():  # this run's own profile
                        run = runner.run(one_run(sim, image,
                                                 f"http://127.0.0.1:{port}/big.mp4", folder))
                    for phase, figures in run.items():
                        results[phase].append(figures)
                    print(f"run {number + 1}/{args.runs}: " + ", ".join(
                        f"{phase} largest {figures[0]:.1f} ms p99 {figures[1]:.1f} ms"
                        for phase, figures in run.items()) + f"; {load()}", flush=True)
        finally:
            server.terminate()
            server.wait()
            sim.stop()
    rows = [("event loop", "largest stall: median [min–max]", "p99 lateness: median [min–max]")]
    for phase, runs in results.items():
        rows.append((phase, spread([r[0] for r in runs], "{:.1f}") + " ms",
                     spread([r[1] for r in runs], "{:.1f}") + " ms"))
    print(table(rows))
    idle_max = max(0.1, median([r[0] for r in results["idle"]]))
    idle_p99 = max(0.1, median([r[1] for r in results["idle"]]))
    print(f"busy/idle: largest stall {median([r[0] for r in results['busy']]) / idle_max:.1f}×, "
          f"p99 {median([r[1] for r in results['busy']]) / idle_p99:.1f}× "
          f"({args.runs} runs; {TICK_MS} ms timer); {load()}")


if __name__ == "__main__":
    main()
