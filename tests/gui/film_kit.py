"""Shared steps of the film window tests: a film file, opened and rendered in the window."""

from __future__ import annotations

import json
from pathlib import Path

from airforce_studio.ui.storyboard import StoryboardView
from tests.gui.conftest import until

TWO_SHOTS = {
    "format": "airforce-film", "version": 1, "title": "Two shots",
    "output": {"aspect_ratio": "16:9", "quality": "480p"},
    "shots": [
        {"id": "s1", "prompt": "a harbour at dusk", "model": "kling-1", "duration_seconds": 5},
        {"id": "s2", "prompt": "boats leave", "model": "kling-1", "duration_seconds": 5,
         "from": {"shot": "s1", "frame": "last"}},
    ],
}


def write(path: Path, doc: dict) -> Path:
    path.write_text(json.dumps(doc, indent=2))
    return path


def shots(path: Path) -> dict[str, dict]:
    return {s["id"]: s for s in json.loads(path.read_text())["shots"]}


def open_and_render(arun, board: StoryboardView, path: Path) -> None:
    """Open the film in the storyboard and render it (the cost question answered yes)."""
    assert arun(board.open_film(path))
    arun(board.render(stale=False, confirm=False), timeout=90)

    async def ready() -> None:
        await until(lambda: all(board.card_state(s.id) == "ready"
                                for s in board.document.film.shots), timeout=60)

    arun(ready())
