"""Shot lists from a spreadsheet (CSV) or a folder of images.

CSV columns: prompt, model, duration, aspect, quality, seed, sound, image, count (a
header row names them; blank cells take the model's defaults). A folder gives one
image-to-video shot per image, all with the same model and prompt. Image paths are
rewritten relative to the new film file; the result is validated like any film.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

from .shotlist import Film, ShotListError

COLUMNS = ("prompt", "model", "duration", "aspect", "quality", "seed", "sound", "image",
           "count")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif", ".tif", ".tiff")
_TRUE, _FALSE = {"1", "true", "yes", "y", "on"}, {"0", "false", "no", "n", "off"}


def _relative(image: str, base: Path, out: Path) -> str:
    if image.startswith(("clip:", "http://", "https://")):
        return image
    path = Path(image).expanduser()
    path = path if path.is_absolute() else base / path
    return Path(os.path.relpath(path.resolve(), out.parent.resolve())).as_posix()


def _whole(row: int, name: str, text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ShotListError(f"{text!r} is not a whole number", shot=f"row {row}",
                            field=name) from None


def from_csv(source: Path, out: Path) -> Film:
    try:
        with open(source, newline="", encoding="utf-8-sig") as file:
            reader = csv.DictReader(file)
            rows = list(reader)
            header = [h.strip().lower() for h in reader.fieldnames or []]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ShotListError(f"cannot be read as CSV: {exc}", path=source) from exc
    unknown = [h for h in header if h and h not in COLUMNS]
    if unknown or "prompt" not in header or "model" not in header:
        raise ShotListError(f"the header must name prompt and model (and may name "
                            f"{', '.join(COLUMNS[2:])}); unknown: {', '.join(unknown) or '—'}",
                            path=source, field="header")
    shots = []
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        cells = {k.strip().lower(): (v or "").strip() for k, v in row.items() if k}
        if not any(cells.values()):
            continue
        shots.append(_shot(cells, number, len(shots) + 1, source.parent, out))
    if not shots:
        raise ShotListError("has no shots (only a header?)", path=source)
    return _film(out, shots, source.stem)


def _shot(cells: dict[str, str], row: int, index: int, base: Path,
          out: Path) -> dict[str, Any]:
    shot: dict[str, Any] = {"id": f"s{index}", "prompt": cells.get("prompt", ""),
                            "model": cells.get("model", "")}
    if cells.get("duration"):
        shot["duration_seconds"] = _whole(row, "duration", cells["duration"])
    if cells.get("aspect"):
        shot["aspect_ratio"] = cells["aspect"]
    if cells.get("quality"):
        shot["quality"] = cells["quality"]
    if cells.get("seed"):
        shot["seed"] = _whole(row, "seed", cells["seed"])
    if cells.get("sound"):
        flag = cells["sound"].lower()
        if flag not in _TRUE | _FALSE:
            raise ShotListError(f"{cells['sound']!r} is not yes or no", shot=f"row {row}",
                                field="sound")
        shot["sound"] = flag in _TRUE
    if cells.get("image"):
        shot["images"] = [_relative(cells["image"], base, out)]
    if cells.get("count"):
        shot["count"] = _whole(row, "count", cells["count"])
    return shot


def from_folder(folder: Path, out: Path, model: str, prompt: str) -> Film:
    if not folder.is_dir():
        raise ShotListError("is not a folder", path=folder)
    images = sorted(p for p in folder.iterdir()
                    if p.is_file() and p.suffix.lower() in IMAGE_SUFFIXES)
    if not images:
        raise ShotListError(f"holds no images ({', '.join(IMAGE_SUFFIXES)})", path=folder)
    shots = [{"id": f"s{i}", "prompt": prompt, "model": model, "mode": "image",
              "images": [_relative(str(p), folder, out)]} for i, p in enumerate(images, 1)]
    return _film(out, shots, folder.name)


def _film(out: Path, shots: list[dict[str, Any]], title: str) -> Film:
    return Film.from_shots(out, shots, title=title)  # parses: the same checks as a file
