"""A library of 100,000 clips: open the view, filter by text, jump to the end and scroll
while posters arrive, and memory. Every figure is printed beside a same-run baseline,
the bare SQL query for the same rows, with the machine's load average; medians (and
min–max) of --runs runs.

    .venv/bin/python -m benchmarks.library_100k [--clips 100000] [--runs 5]

Runs offscreen. The index is real (FTS5 trigram, the app's own schema); posters are
1,000 real JPEG files shared round-robin by the clips (each clip still decodes its own),
and no MP4 files exist: the grid never opens them. Self-contained on purpose.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication

from airforce_studio.core import library_index as ix
from airforce_studio.core.library import ClipRecord, Library
from airforce_studio.ui.library_view import LibraryView
from airforce_studio.ui.qt_loop import StudioEventLoop

WORDS = [
    "fox", "dawn", "snow", "neon", "koi", "rain", "lighthouse", "storm", "paper", "boat",
    "canal", "desert", "city", "night", "forest", "drone", "orbit", "macro", "ocean", "whale",
]
# common word, inside a word, rare word, two words, a short word (LIKE), four words
FILTERS = ["fox", "ighthou", "zeppelin", "lighthouse storm", "ea", "fox dawn snow neon"]
POSTERS = 1000


def populate(library: Library, clips: int) -> None:
    rng = random.Random(7)
    posters = library.clips_dir / "posters"
    posters.mkdir(parents=True, exist_ok=True)
    for n in range(POSTERS):
        Image.new("RGB", (192, 108), (rng.randrange(256), rng.randrange(256),
                                      rng.randrange(256))).save(posters / f"p{n}.jpg", "JPEG")
    library.db.execute("BEGIN")
    for n in range(clips):
        created = 1_700_000_000 + n * 60
        prompt = " ".join(rng.choice(WORDS) for _ in range(8))
        if n % 5000 == 0:
            prompt += " zeppelin"  # 20 clips in 100,000
        model = rng.choice(["wan-2.6", "kling-1", "hailuo-fast"])
        record = ClipRecord(
            task_id=f"vid_{n:08d}", file=f"2023/11/vid_{n:08d}.mp4",
            thumbnail=f"posters/p{n % POSTERS}.jpg", prompt=prompt, model=model,
            created=created, archived_at=created + 60, seed=n, duration_seconds=5,
            cost_cents=250, request={"prompt": prompt, "model": model, "seed": n,
                                     "aspect_ratio": "16:9", "quality": "720p"})
        ix.upsert(library.db, record.to_json(), fresh=False)
    ix.renumber_variations(library.db)
    library.db.execute("COMMIT")


def bare(library: Library, sql: str, args: list) -> float:
    started = time.perf_counter()
    library.db.execute(sql, args).fetchall()
    return time.perf_counter() - started


def bare_page(library: Library, text: str = "", *, reverse: bool = False) -> float:
    """The baseline: one plain SQL query for the same rows the view shows first (what the
    old `LIKE '%word%'` index ran), plus the plain count."""
    where, args = ["1"], []
    for word in text.split():
        where.append("prompt LIKE ?")
        args.append(f"%{word}%")
    order = "created ASC, id ASC" if reverse else "created DESC, id DESC"
    clause = " AND ".join(where)
    return (bare(library, f"SELECT {ix.GRID_COLUMNS} FROM clips WHERE {clause} ORDER BY {order}"
                          " LIMIT 200", args)
            + bare(library, f"SELECT COUNT(*) FROM clips WHERE {clause}", args))


class PaintWatcher(QObject):
    """Resolves a future once the next paint of a widget is done (the user sees the
    result): the time is taken when the loop gets control back after the paint."""

    def __init__(self, widget) -> None:
        super().__init__()
        self.future: asyncio.Future | None = None
        widget.installEventFilter(self)

    def arm(self) -> asyncio.Future:
        self.future = asyncio.get_running_loop().create_future()
        return self.future

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint and self.future and not self.future.done():
            future, self.future = self.future, None
            asyncio.get_running_loop().call_soon(
                lambda: future.done() or future.set_result(time.perf_counter()))
        return False


class StallMonitor:
    """Largest gap between 2 ms ticks of the loop, beyond the 2 ms asked for."""

    def __init__(self) -> None:
        self.gaps: list[float] = []
        self.task: asyncio.Task | None = None

    async def _tick(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.002)
            now = time.perf_counter()
            self.gaps.append(max(0.0, now - last - 0.002))
            last = now

    def start(self) -> None:
        self.gaps.clear()
        self.task = asyncio.ensure_future(self._tick())

    def stop(self) -> tuple[float, float]:
        assert self.task is not None
        self.task.cancel()
        ordered = sorted(self.gaps) or [0.0]
        return ordered[-1], ordered[int(len(ordered) * 0.99) - 1 if len(ordered) > 1 else 0]


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


async def one_run(library: Library) -> dict[str, float]:
    out: dict[str, float] = {}
    monitor = StallMonitor()
    started = time.perf_counter()
    view = LibraryView(library)
    watcher = PaintWatcher(view.grid.viewport())
    painted = watcher.arm()
    view.resize(1280, 800)
    view.show()
    out["open"] = await asyncio.wait_for(painted, 30) - started
    out["open:base"] = bare_page(library)
    await asyncio.sleep(0.3)  # visible posters decode
    for text in FILTERS:
        painted = watcher.arm()
        started = time.perf_counter()
        view.search.setText(text)
        view.apply()
        out[f"filter {text!r}"] = await asyncio.wait_for(painted, 30) - started
        while view.model.counting:  # the full count arrives from a worker
            await asyncio.sleep(0.002)
        out[f"filter {text!r}:count"] = time.perf_counter() - started
        out[f"filter {text!r}:rows"] = view.model.total
        out[f"filter {text!r}:base"] = bare_page(library, text)
    view.search.setText("")
    view.apply()
    await asyncio.sleep(0.3)
    monitor.start()  # the idle loop, for comparison
    await asyncio.sleep(0.5)
    out["idle stall"], out["idle p99"] = monitor.stop()
    monitor.start()
    bar = view.grid.verticalScrollBar()
    painted = watcher.arm()
    started = time.perf_counter()
    view.grid.scrollToBottom()
    out["jump to end"] = await asyncio.wait_for(painted, 30) - started
    out["jump to end:base"] = bare_page(library, reverse=True)
    for _ in range(60):  # scroll up like a mouse wheel while posters keep arriving
        bar.setValue(bar.value() - bar.pageStep() // 3)
        await asyncio.sleep(0.016)
    await asyncio.sleep(0.5)
    out["scroll stall"], out["scroll p99"] = monitor.stop()
    out["rss"] = rss_mb()
    view.shutdown()
    view.close()
    view.deleteLater()
    await asyncio.sleep(0.2)
    return out


def fmt(values: list[float], unit: str = "ms") -> str:
    scale = 1000 if unit == "ms" else 1
    med = statistics.median(values) * scale
    return f"{med:.1f} {unit} ({min(values) * scale:.1f}–{max(values) * scale:.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clips", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--populate", help=argparse.SUPPRESS)  # the child process's job
    args = parser.parse_args()
    if args.populate:
        home = Path(args.populate)
        library = Library(home / "clips", home / "index.sqlite")
        populate(library, args.clips)
        library.close()
        return
    app = QApplication([])
    app.setQuitOnLastWindowClosed(False)
    loop = StudioEventLoop(app)
    with tempfile.TemporaryDirectory(prefix="airforce-bench-") as home:
        started = time.perf_counter()
        # Built in a child process: this one's memory is then the app's alone.
        subprocess.run([sys.executable, "-m", "benchmarks.library_100k", "--clips",
                        str(args.clips), "--populate", home], check=True)
        print(f"made {args.clips:,} clips in {time.perf_counter() - started:.1f} s; "
              f"load average {os.getloadavg()[0]:.2f}")
        library = Library(Path(home) / "clips", Path(home) / "index.sqlite")
        runs: list[dict[str, float]] = []
        with asyncio.Runner(loop_factory=lambda: loop) as runner:
            for _ in range(args.runs):
                runs.append(runner.run(one_run(library)))
                runs[-1]["load"] = os.getloadavg()[0]
        library.close()
    column = {key: [run[key] for run in runs] for key in runs[0]}
    load = f"load {statistics.median(column['load']):.2f}"
    print(f"\n{args.clips:,} clips, median (min–max) of {args.runs} runs, {load}\n")
    rows = [("measure", "the view", "baseline: bare SQL (LIKE), same rows", "target")]
    rows.append(("open (to first paint)", fmt(column["open"]), fmt(column["open:base"]),
                 "≤ 100 ms"))
    for text in FILTERS:
        key = f"filter {text!r}"
        matches = int(statistics.median(column[key + ":rows"]))
        rows.append((f"filter {text!r} ({matches:,} clips)", fmt(column[key]),
                     fmt(column[key + ":base"]), "≤ 20 ms"))
        rows.append(("  … its full count shown", fmt(column[key + ":count"]), "", ""))
    rows.append(("jump to end (to paint)", fmt(column["jump to end"]),
                 fmt(column["jump to end:base"]), ""))
    rows.append(("largest loop stall, jump + scroll", fmt(column["scroll stall"]),
                 f"idle loop: {fmt(column['idle stall'])}", "≤ 30 ms"))
    rows.append(("loop stall p99, jump + scroll", fmt(column["scroll p99"]),
                 f"idle loop: {fmt(column['idle p99'])}", ""))
    rows.append(("RSS after the run", fmt(column["rss"], "MB"), "", "≤ 200 MB"))
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak RSS of the process (the index was built in a child): {peak:.0f} MB")


if __name__ == "__main__":
    main()
