"""Quit with clips in flight: from the quit request to the process's end (offscreen).

    .venv/bin/python -m benchmarks.quit_time [--runs 5] [--clips 2]

Each run starts the real entry point (`python -m airforce_studio`) against a simulator
whose tasks take a minute, with `--clips` clips already rendering (re-attached at start),
then sends `quit` over the single-instance socket: the same path as Ctrl+Q. Measured:
quit request → exit (target < 2 s, of which QUIT_NOTE_MS shows the "still rendering"
note) and, for scale, start → the window answering on its socket.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
import tempfile
import time

from airforce_studio.api.types import TaskRequest
from airforce_studio.app import CLOSE_TIMEOUT, instance_name
from airforce_studio.core.paths import profile_name
from airforce_studio.core.session import Session
from airforce_studio.simulator import Knobs, Simulator
from airforce_studio.ui.main_window import QUIT_NOTE_MS
from benchmarks._common import median, scratch_home, table


def ask(name: str, command: bytes) -> bool:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(5)
            conn.connect(os.path.join(tempfile.gettempdir(), name))
            conn.sendall(command + b"\n")
            return conn.recv(16).strip() == b"ok"
    except OSError:
        return False


async def queue_clips(sim: Simulator, count: int) -> None:
    session = Session.open(sim.api_base, sim.key)
    try:
        await session.engine.start()
        await session.engine.submit(TaskRequest(model="hailuo-fast", prompt="benchmark",
                                                duration_seconds=5), count)
        while not all(i.task_id for i in session.journal.items()):
            await asyncio.sleep(0.05)
    finally:
        await session.aclose()


def one_run(sim: Simulator, clips: int) -> tuple[float, float, int]:
    with scratch_home():
        asyncio.run(queue_clips(sim, clips))
        env = {**os.environ, "AIRFORCE_API_BASE": sim.api_base, "AIRFORCE_API_KEY": sim.key,
               "QT_QPA_PLATFORM": "offscreen", "QT_LOGGING_RULES": "qt.multimedia.*=false"}
        name = instance_name(profile_name(sim.api_base))
        started = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "airforce_studio"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            while not ask(name, b"activate"):
                if time.perf_counter() - started > 60:
                    raise RuntimeError("the window never answered")
                time.sleep(0.02)
            ready = time.perf_counter() - started
            time.sleep(1.0)  # let the streams attach
            asked = time.perf_counter()
            ask(name, b"quit")
            code = proc.wait(60)
            return ready, time.perf_counter() - asked, code
        finally:
            if proc.poll() is None:
                proc.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--clips", type=int, default=2)
    args = parser.parse_args()
    with Simulator(Knobs(task_seconds=60.0, max_in_flight=8)) as sim:
        results = [one_run(sim, args.clips) for _ in range(args.runs)]
    ready = [r[0] for r in results]
    quits = [r[1] for r in results]
    rows = [("measure", "median s", "max s"),
            ("start → window answers", f"{median(ready):.2f}", f"{max(ready):.2f}"),
            (f"quit → process gone ({args.clips} in flight)", f"{median(quits):.2f}",
             f"{max(quits):.2f}"),
            ("  of which the quit note", f"{QUIT_NOTE_MS / 1000:.2f}", ""),
            ("  engine stop budget", f"{CLOSE_TIMEOUT:.2f}", "")]
    print(table(rows))
    print(f"exit codes: {[r[2] for r in results]}")


if __name__ == "__main__":
    main()
