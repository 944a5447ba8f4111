"""Extracting the last frame for chaining, against `ffmpeg -sseof -0.5`.

    .venv/bin/python -m benchmarks.film_frame [--runs 7]

An 8 s 1080p clip, twice: with x264's default keyframe spacing (one keyframe) and with
a keyframe every 2 s. Ours decodes to the true last frame and encodes a PNG (what is
sent); ffmpeg is the command line `ffmpeg -sseof -0.5 -i clip.mp4 -frames:v 1 out.png`,
process start included, as a user would run it. Needs `ffmpeg` on PATH.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from airforce_studio.core.film.frames import extract_frame
from benchmarks._common import median, table
from benchmarks.film_media import make_take


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    if shutil.which("ffmpeg") is None:
        print("ffmpeg is not installed (apt-get install ffmpeg)", file=sys.stderr)
        return 2
    rows = [("clip", "ours s (median)", "ffmpeg s (median)", "ratio")]
    with tempfile.TemporaryDirectory(prefix="airforce-frame-bench-") as folder:
        root = Path(folder)
        extract_frame(make_take(root / "warm.mp4", seconds=1, width=64, height=64))  # imports
        for label, gop in (("default keyframes", None), ("keyframe every 2 s", 48)):
            clip = make_take(root / f"clip{gop}.mp4", seconds=8, width=1920, height=1080,
                             gop=gop, sound=False)
            ours, theirs = [], []
            for _ in range(args.runs):
                start = time.perf_counter()
                extract_frame(clip, "last")
                ours.append(time.perf_counter() - start)
                start = time.perf_counter()
                subprocess.run(["ffmpeg", "-v", "error", "-y", "-sseof", "-0.5", "-i", str(clip),
                                "-frames:v", "1", str(root / "out.png")], check=True)
                theirs.append(time.perf_counter() - start)
            rows.append((label, f"{median(ours):.3f}", f"{median(theirs):.3f}",
                         f"{median(ours) / median(theirs):.2f}×"))
    print(table(rows))
    print("target: ≤ 1× ffmpeg")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
