"""A library of 10,000 clips (synthetic index, sidecars and thumbnails): time to open the
view, to filter by text, and peak memory, against an empty library in the same run.

    .venv/bin/python -m benchmarks.library_10k [--clips 10000] [--runs 5]

Runs offscreen. The clip files themselves are tiny stand-ins: the view never opens them.
The two libraries are two profiles of their own and alternate within each run; figures
are median [min–max] over runs, with the machine's load after each run.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from airforce_studio.core.library import ClipRecord, Library
from airforce_studio.core.paths import Paths
from airforce_studio.ui.library_view import LibraryView
from airforce_studio.ui.qt_loop import StudioEventLoop
from benchmarks._common import header, load, median, scratch_home, spread, table

WORDS = [
    "fox", "dawn", "snow", "neon", "koi", "rain", "lighthouse", "storm", "paper", "boat",
    "canal", "desert", "city", "night", "forest", "drone", "orbit", "macro", "ocean", "whale",
]


def populate(library: Library, clips: int) -> None:
    rng = random.Random(7)
    poster = Image.new("RGB", (192, 108))
    library.db.execute("BEGIN")
    for n in range(clips):
        created = 1_700_000_000 + n * 600
        task_id = f"vid_{n:08d}"
        mp4, jpg, _ = library.paths_for(task_id, created)
        mp4.parent.mkdir(parents=True, exist_ok=True)
        mp4.write_bytes(b"\0")
        poster.paste((rng.randrange(256), rng.randrange(256), rng.randrange(256)),
                     (0, 0, 192, 108))
        poster.save(jpg, "JPEG", quality=70)
        prompt = " ".join(rng.choice(WORDS) for _ in range(8))
        record = ClipRecord(task_id=task_id, file=library.relative(mp4),
                            thumbnail=library.relative(jpg), prompt=prompt,
                            model=rng.choice(["wan-2.6", "kling-1", "hailuo-fast"]),
                            created=created, archived_at=created + 60, seed=n)
        library.index(record)  # index only: sidecars are not what the view reads
    library.db.execute("COMMIT")


class PaintWatcher(QObject):
    """Resolves a future at the next paint of a widget (the user sees the result)."""

    def __init__(self, widget) -> None:
        super().__init__()
        self.future: asyncio.Future | None = None
        widget.installEventFilter(self)

    def arm(self) -> asyncio.Future:
        self.future = asyncio.get_running_loop().create_future()
        return self.future

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.future and not self.future.done():
            self.future.set_result(time.perf_counter())
        return False


async def measure(library: Library) -> tuple[float, float]:
    started = time.perf_counter()
    view = LibraryView(library)
    watcher = PaintWatcher(view.grid.viewport())
    painted = watcher.arm()
    view.resize(1200, 800)
    view.show()
    opened = await asyncio.wait_for(painted, 30) - started
    await asyncio.sleep(0.3)  # let visible thumbnails decode in their threads
    painted = watcher.arm()
    started = time.perf_counter()
    view.search.setText("lighthouse storm")
    view.apply()
    filtered = await asyncio.wait_for(painted, 30) - started
    view.shutdown()
    view.close()
    view.deleteLater()
    await asyncio.sleep(0.2)
    return opened, filtered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clips", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(header(f"library_10k: {args.clips} clips, {args.runs} alternating runs"), flush=True)
    app = QApplication([])
    app.setQuitOnLastWindowClosed(False)
    loop = StudioEventLoop(app)
    with scratch_home():
        empty_paths, full_paths = Paths("bench-empty").ensure(), Paths("bench-full").ensure()
        empty = Library(empty_paths.clips_dir, empty_paths.library_index)
        full = Library(full_paths.clips_dir, full_paths.library_index)
        started = time.perf_counter()
        populate(full, args.clips)
        print(f"made {args.clips} clips in {time.perf_counter() - started:.1f} s")
        results = {"empty": ([], []), "full": ([], [])}
        with asyncio.Runner(loop_factory=lambda: loop) as runner:
            for run in range(args.runs):
                order = [("empty", empty), ("full", full)]
                for name, library in order if run % 2 == 0 else reversed(order):
                    opened, filtered = runner.run(measure(library))
                    results[name][0].append(opened)
                    results[name][1].append(filtered)
                print(f"run {run + 1}/{args.runs}: " + ", ".join(
                    f"{name} open {results[name][0][-1] * 1000:.0f} ms filter "
                    f"{results[name][1][-1] * 1000:.1f} ms" for name in results)
                    + f"; {load()}", flush=True)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rows = [("library", "open view: median [min–max]", "filter by text: median [min–max]")]
    for name, (opened, filtered) in results.items():
        rows.append((f"{name} ({args.clips if name == 'full' else 0} clips)",
                     spread(opened, scale=1000) + " ms",
                     spread(filtered, "{:.1f}", 1000) + " ms"))
    print(table(rows))
    print(f"open: {median(results['full'][0]) / median(results['empty'][0]):.1f}× the empty "
          f"library; peak RSS of the whole run {peak_mb:.0f} MB ({args.runs} runs); {load()}")


if __name__ == "__main__":
    main()
