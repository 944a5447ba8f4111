"""Qt event-loop stalls while the app is busy: a 24-megapixel image dropped and encoded,
4 live task streams and 4 downloads running, against the same loop idle (offscreen).

    .venv/bin/python -m benchmarks.ui_responsiveness [--runs 5] [--mb 50]

A precise 5 ms QTimer measures its own lateness; reported are the largest stall and the
99th percentile, per phase: median [min–max] over runs, idle and busy alternating within
each run. Each run opens a profile of its own (a fresh data folder) with a key of its own.

`--where` finds the stalls: a watchdog thread samples the GUI thread's stack whenever the
timer is more than 12 ms late, and the most frequent innermost frames of our code (and
the innermost frame overall) are printed after the runs.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import os
import subprocess
import sys
import tempfile
import threading
import time
import traceback
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
        self.stalls: list[tuple[float, float, float]] = []  # (interval, ran, waited) ms
        self._sched: tuple[int, int] | None = None
        self._last = 0.0
        self.timer = QTimer(interval=TICK_MS)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        sched = self._schedstat() if self.explain else None
        if self._last:
            late = max(0.0, (now - self._last) * 1000 - TICK_MS)
            self.samples.append(late)
            if sched and self._sched and late > 20:  # where did the GUI thread's time go?
                ran, queued = ((a - b) / 1e6 for a, b in zip(sched, self._sched, strict=True))
                self.stalls.append((late + TICK_MS, ran, queued))
        self._last, self._sched = now, sched

    explain = False

    def _schedstat(self) -> tuple[int, int] | None:
        """The GUI thread's CPU time and run-queue wait, in ns (Linux)."""
        try:
            with open(f"/proc/self/task/{threading.get_native_id()}/schedstat") as f:
                run, wait, _slices = f.read().split()
            return int(run), int(wait)
        except (OSError, ValueError):
            return None

    def start(self) -> None:
        self.samples.clear()
        self._last = 0.0
        self.timer.start()

    def stop(self) -> tuple[float, float]:
        self.timer.stop()
        self._last = 0.0  # the stall sampler rests while no phase is measured
        values = np.array(self.samples)
        return float(values.max()), float(np.percentile(values, 99))

    @property
    def last(self) -> float:
        return self._last


class StallSampler:
    """A watchdog thread: while the probe's timer is late by more than `late_ms`, sample
    the GUI thread's stack every 2 ms; count where it was."""

    def __init__(self, probe: LatenessProbe, late_ms: float = 12.0) -> None:
        self.probe, self.late = probe, late_ms / 1000
        self.main = threading.main_thread().ident
        self.ours: collections.Counter[str] = collections.Counter()
        self.inner: collections.Counter[str] = collections.Counter()
        self.others: collections.Counter[str] = collections.Counter()
        self.samples = 0
        self.sampler_late = 0  # samples taken > 4 ms after they were due: the GIL was busy
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        due = time.perf_counter()
        while not self._stop.wait(0.002):
            now = time.perf_counter()
            late_self, due = now - due - 0.002 > 0.004, now
            last = self.probe.last
            if not last or time.perf_counter() - last < self.late + TICK_MS / 1000:
                continue
            frames = sys._current_frames()
            frame = frames.get(self.main)
            if frame is None:
                continue
            stack = traceback.extract_stack(frame)
            self.samples += 1
            self.sampler_late += late_self
            for ident, other in frames.items():
                if ident in (self.main, threading.get_ident()):
                    continue
                top = traceback.extract_stack(other)[-1]
                if top.name not in ("wait", "_worker", "select", "get", "_wait_for_tstate_lock"):
                    self.others[f"{Path(top.filename).name}:{top.lineno} {top.name}"] += 1
            top = stack[-1]
            self.inner[f"{Path(top.filename).name}:{top.lineno} {top.name}"] += 1
            for entry in reversed(stack):
                if "airforce_studio" in entry.filename:
                    short = entry.filename.split("airforce_studio/")[-1]
                    self.ours[f"{short}:{entry.lineno} {entry.name}: {entry.line}"] += 1
                    break

    def report(self) -> str:
        lines = [f"stall samples (GUI thread > {self.late * 1000:.0f} ms late, every 2 ms): "
                 f"{self.samples}, of which {self.sampler_late} came > 4 ms late (GIL held "
                 "elsewhere)", "innermost frame of ours:"]
        lines += [f"  {n:5d}  {where}" for where, n in self.ours.most_common(15)]
        lines.append("innermost frame:")
        lines += [f"  {n:5d}  {where}" for where, n in self.inner.most_common(10)]
        lines.append("other threads meanwhile (not waiting):")
        lines += [f"  {n:5d}  {where}" for where, n in self.others.most_common(12)]
        return "\n".join(lines)


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


async def one_run(sim, image: Path, url: str, folder: Path, probe: LatenessProbe
                  ) -> dict[str, tuple]:
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
    editor.model_box.setCurrentIndex(editor.model_box.findData("kling-1"))
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
    parser.add_argument("--where", action="store_true", help="sample the stalls' stacks")
    args = parser.parse_args()
    print(header(f"ui_responsiveness: {args.runs} runs, {args.mb} MB downloads"), flush=True)
    app = QApplication([])
    app.setQuitOnLastWindowClosed(False)
    loop = StudioEventLoop(app)
    results: dict[str, list[tuple]] = {"idle": [], "busy": []}
    probe = LatenessProbe()
    probe.explain = args.where
    sampler = StallSampler(probe) if args.where else None
    if sampler:
        sampler.start()
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
                                                 f"http://127.0.0.1:{port}/big.mp4", folder,
                                                 probe))
                    for phase, figures in run.items():
                        results[phase].append(figures)
                    print(f"run {number + 1}/{args.runs}: " + ", ".join(
                        f"{phase} largest {figures[0]:.1f} ms p99 {figures[1]:.1f} ms"
                        for phase, figures in run.items()) + f"; {load()}", flush=True)
        finally:
            server.terminate()
            server.wait()
            sim.stop()
    if sampler:
        sampler.stop()
        print(sampler.report())
        print("busy intervals > 25 ms of the GUI thread: (interval, on CPU, waiting for a CPU)"
              " ms; the rest it slept (the GIL, or nothing to do):")
        for interval, ran, queued in sorted(probe.stalls, reverse=True)[:15]:
            print(f"  {interval:6.1f}  ran {ran:6.1f}  queued {queued:6.1f}  "
                  f"slept {max(0.0, interval - ran - queued):6.1f}")
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
