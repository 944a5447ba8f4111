"""The window's structure rules, checked: small modules, no modal exec(), one spawn()."""

from __future__ import annotations

import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "airforce_studio" / "ui"
APP = UI.parent / "app.py"
LIMIT = 400


def test_no_ui_module_passes_400_lines():
    long = {p.name: n for p in UI.glob("*.py")
            if (n := len(p.read_text("utf-8").splitlines())) > LIMIT}
    assert not long, long


def test_no_modal_exec_and_no_hand_made_task_sets_in_window_code():
    """`exec()` and static QMessageBox helpers run nested loops (the loop rule, ui/tasks.py);
    background coroutines start through spawn(), never a bare ensure_future."""
    modal = re.compile(r"\.exec\(|QMessageBox\.(warning|question|critical|information|about)\(")
    bare = re.compile(r"asyncio\.ensure_future\(|asyncio\.create_task\(")
    offenders = []
    for path in [*UI.glob("*.py"), APP]:
        if path.name in ("library_view.py", "player.py", "tasks.py"):  # another panel's / spawn
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if not line.lstrip().startswith("#") and (modal.search(line) or bare.search(line)):
                offenders.append(f"{path.name}:{number}: {line.strip()}")
    assert not offenders, offenders
