"""The window's loop rule, checked: no modal exec(), one spawn() whose errors are reported.

(Module size is tests/unit/test_structure.py's job, for every package.)
"""

from __future__ import annotations

import re
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "airforce_studio" / "ui"
APP = UI.parent / "app.py"
# Panels another helper owns (player, library model): reported, not edited here.
OTHER_PANELS = ("library_details.py", "library_model.py", "player.py", "seek_slider.py")


def test_no_modal_exec_and_no_hand_made_task_sets_in_window_code():
    """`exec()` and static QMessageBox helpers run nested loops (the loop rule, ui/tasks.py);
    background coroutines start through spawn(), never a bare ensure_future."""
    modal = re.compile(r"\.exec\(|QMessageBox\.(warning|question|critical|information|about)\(")
    bare = re.compile(r"asyncio\.ensure_future\(|asyncio\.create_task\(")
    offenders = []
    for path in [*UI.glob("*.py"), APP]:
        if path.name in OTHER_PANELS or path.name == "tasks.py":  # tasks.py is spawn() itself
            continue
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if not line.lstrip().startswith("#") and (modal.search(line) or bare.search(line)):
                offenders.append(f"{path.name}:{number}: {line.strip()}")
    assert not offenders, offenders


def test_an_error_in_a_spawned_coroutine_reaches_the_crash_dialog(qloop, arun, monkeypatch):
    import asyncio
    import sys

    from PySide6.QtWidgets import QApplication

    from airforce_studio.ui.crash import install_crash_handler
    from airforce_studio.ui.tasks import spawn

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_crash_handler()

    async def broken():
        raise RuntimeError("a bug in a background job")

    async def run():
        job = spawn(broken(), name="broken")
        await asyncio.wait([job])
        await asyncio.sleep(0)

    arun(run())
    boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "crashDialog"
             and w.isVisible()]
    assert boxes and "a bug in a background job" in boxes[-1].text()
    for box in boxes:
        box.close()
