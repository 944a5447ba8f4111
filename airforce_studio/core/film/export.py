"""The film's chosen takes → one MP4 beside the shot list, with the list recorded in it.

The shot list goes into the MP4's comment and into a sidecar (`<name>.export.json`),
so an export can always be traced to the exact takes and trims that made it.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from pathlib import Path

from ..files import write_atomically
from ..library import Library
from .assemble import ExportResult, ExportSettings, Progress, Segment, export_async
from .preflight import take_path
from .shotlist import SUFFIX, Film


def default_output(film_path: Path) -> Path:
    """`harbour.afilm.json` → `harbour.mp4` beside it."""
    name = film_path.name
    stem = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else film_path.stem
    return film_path.with_name(f"{stem}.mp4")


def sidecar_path(out: Path) -> Path:
    return out.with_name(f"{out.stem}.export.json")


def segments(film: Film, library: Library) -> list[Segment]:
    """Every shot's chosen take, trimmed, with its transition (raises ShotListError)."""
    result = []
    for shot in film.shots:
        path = take_path(film, shot, library)
        start, end = shot.trim if shot.trim else (0.0, None)
        fade = shot.transition.seconds if shot.transition.type == "crossfade" else 0.0
        result.append(Segment(path, start, end, fade, shot.id))
    return result


async def export_film(film: Film, library: Library, out: Path,
                      progress: Progress | None = None,
                      cancel: threading.Event | None = None) -> ExportResult:
    """Assemble in a worker thread; then write the sidecar. Local and free."""
    width, height = film.output.size
    doc = json.dumps(film.doc, ensure_ascii=False, separators=(",", ":"))
    settings = ExportSettings(width, height, comment=f"airforce-film: {doc}")
    result = await export_async(segments(film, library), out, settings, progress, cancel)
    sidecar = {"format": "airforce-film-export", "version": 1, "file": out.name,
               "exported_at": time.time(), "duration_seconds": result.duration_seconds,
               "notes": list(result.notes), "film": film.doc}
    data = (json.dumps(sidecar, indent=2, ensure_ascii=False) + "\n").encode()
    await asyncio.to_thread(write_atomically, sidecar_path(out), data)
    return result
