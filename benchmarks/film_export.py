"""Exporting a film: our PyAV assembler against the ffmpeg command-line tool.

    .venv/bin/python -m benchmarks.film_export [--takes 10] [--seconds 8] [--runs 2]

Ten 8 s 720p takes with sound, joined by 0.5 s crossfades (picture and sound), encoded
with the same settings by both: x264 preset medium, CRF 20, yuv420p, AAC 48 kHz stereo.
ffmpeg does the same edit with `xfade` and `acrossfade`. Runs alternate between the two
(the machine is shared) and the medians are compared. Needs `ffmpeg` on PATH.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from airforce_studio.core.film.assemble import ExportSettings, Segment, assemble, probe
from benchmarks._common import median, table
from benchmarks.film_media import make_take

FADE = 0.5


def ffmpeg_command(takes: list[Path], seconds: float, out: Path) -> list[str]:
    inputs = [arg for take in takes for arg in ("-i", str(take))]
    video, audio = "[0:v]", "[0:a]"
    parts = []
    for k in range(1, len(takes)):
        offset = k * (seconds - FADE)
        parts.append(f"{video}[{k}:v]xfade=transition=fade:duration={FADE}:"
                     f"offset={offset:.3f}[v{k}]")
        parts.append(f"{audio}[{k}:a]acrossfade=d={FADE}[a{k}]")
        video, audio = f"[v{k}]", f"[a{k}]"
    return ["ffmpeg", "-v", "error", "-y", *inputs, "-filter_complex", ";".join(parts),
            "-map", video, "-map", audio, "-c:v", "libx264", "-preset", "medium", "-crf", "20",
            "-pix_fmt", "yuv420p", "-c:a", "aac", "-ar", "48000", "-ac", "2", str(out)]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--takes", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    if shutil.which("ffmpeg") is None:
        print("ffmpeg is not installed (apt-get install ffmpeg)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="airforce-film-bench-") as folder:
        root = Path(folder)
        print(f"making {args.takes} takes of {args.seconds:g} s at 1280×720…", file=sys.stderr)
        takes = [make_take(root / f"take{i}.mp4", seconds=args.seconds, width=1280, height=720,
                           seed=i) for i in range(args.takes)]
        segments = [Segment(t, crossfade=FADE if i else 0.0) for i, t in enumerate(takes)]
        ours_times, ffmpeg_times = [], []
        for _ in range(args.runs):
            start = time.perf_counter()
            result = assemble(segments, root / "ours.mp4", ExportSettings(1280, 720))
            ours_times.append(time.perf_counter() - start)
            start = time.perf_counter()
            subprocess.run(ffmpeg_command(takes, args.seconds, root / "ffmpeg.mp4"), check=True)
            ffmpeg_times.append(time.perf_counter() - start)
        ours, theirs = median(ours_times), median(ffmpeg_times)
        ffmpeg_length = probe(root / "ffmpeg.mp4")[0]
        sizes = ((root / "ours.mp4").stat().st_size, (root / "ffmpeg.mp4").stat().st_size)
        print(table([
            ("", "seconds (median)", "film length", "MB"),
            ("airforce (PyAV)", f"{ours:.2f}", f"{result.duration_seconds:.3f}",
             f"{sizes[0] / 1e6:.1f}"),
            ("ffmpeg CLI", f"{theirs:.2f}", f"{ffmpeg_length:.3f}", f"{sizes[1] / 1e6:.1f}"),
        ]))
        print(f"ratio: {ours / theirs:.2f}× ffmpeg (target ≤ 1.5×); runs: "
              f"ours {[round(t, 2) for t in ours_times]}, "
              f"ffmpeg {[round(t, 2) for t in ffmpeg_times]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
