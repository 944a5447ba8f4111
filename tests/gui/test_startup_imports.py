"""Start-up paints the real window before asyncio, qasync, httpx, QtMultimedia, Pillow or
PyAV load (issue 14): `python -m airforce_studio` in a child process, offscreen, with a
`sitecustomize` probe that records `sys.modules` at the main window's first paint."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from airforce_studio.api.types import TaskRequest
from airforce_studio.core.library import ClipRecord
from airforce_studio.core.session import LocalProfile
from benchmarks.startup_probe import PROBE

API_BASE = "http://127.0.0.1:9"  # never contacted before the first paint


def xdg(home: Path) -> dict[str, str]:
    return {var: str(home / var.lower()) for var in
            ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")}


def seed(home: Path, monkeypatch, *, demo: bool) -> None:
    """Three clips in the library and two waiting items in the journal."""
    for var, value in xdg(home).items():
        monkeypatch.setenv(var, value)
    profile = LocalProfile.open(API_BASE, demo=demo)
    try:
        for n in range(3):
            profile.library.index(ClipRecord(
                task_id=f"vid_{n}", file=f"2026/11/vid_{n}.mp4", thumbnail="", prompt=f"clip {n}",
                model="wan-2.6", created=1_700_000_000 + n, archived_at=1_700_000_100 + n,
                seed=n, duration_seconds=5, cost_cents=250, request={}))
        for n in range(2):
            profile.journal.add(TaskRequest(model="wan-2.6", prompt=f"waiting {n}"), 5)
    finally:
        profile.close()


def first_paint(tmp_path: Path, args: list[str]) -> dict:
    (tmp_path / "probe").mkdir()
    (tmp_path / "probe" / "sitecustomize.py").write_text(PROBE)
    out = tmp_path / "painted.json"
    env = {**os.environ, **xdg(tmp_path / "home"), "QT_QPA_PLATFORM": "offscreen",
           "QT_LOGGING_RULES": "qt.multimedia.*=false", "BENCH_PROBE_OUT": str(out),
           "AIRFORCE_API_BASE": API_BASE, "AIRFORCE_API_KEY": "sk-startup-test",
           "PYTHONPATH": os.pathsep.join(filter(None, [str(tmp_path / "probe"),
                                                       os.environ.get("PYTHONPATH")]))}
    done = subprocess.run([sys.executable, "-m", "airforce_studio", *args], env=env,
                          capture_output=True, timeout=60)
    assert out.exists(), done.stderr.decode(errors="replace")[-2000:]
    return json.loads(out.read_text())


@pytest.mark.parametrize("demo", [False, True], ids=["real", "demo"])
def test_the_real_window_paints_before_the_heavy_imports(tmp_path, monkeypatch, demo):
    seed(tmp_path / "home", monkeypatch, demo=demo)
    seen = first_paint(tmp_path, ["--demo"] if demo else [])
    assert seen["heavy_loaded"] == []
    # the real window: the journal's queue, the library's rows, the editor
    assert seen["window"] == {"queue_rows": 2, "library_rows": 3, "editor": "EditorPanel"}


def test_icons_named_before_the_first_paint_are_drawn_right_after(qapp):
    """Start-up names icons only (qtawesome loads after the paint); draw_icons() draws them."""
    from PySide6.QtWidgets import QToolButton

    from airforce_studio.ui import icons, startup

    button = QToolButton()
    icons.deferred = True
    try:
        icons.set_icon(button, "mdi6.play")
        assert button.icon().isNull()
    finally:
        startup.draw_icons()
    assert not icons.deferred
    assert not button.icon().isNull()
