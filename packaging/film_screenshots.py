"""Screenshots of the Storyboard tab and the compare view for the README.

Run under Xvfb (`xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python
packaging/film_screenshots.py OUT_DIR`): it starts the embedded simulator, renders a
small film through the window, makes one shot stale, opens the review of a shot's two
takes and grabs the screen with `grabWindow(0)`.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from airforce_studio.app import app_icon, key_checker, key_store_for
from airforce_studio.core.session import Session
from airforce_studio.simulator import Knobs, Simulator
from airforce_studio.ui.main_window import MainWindow
from airforce_studio.ui.qt_loop import StudioEventLoop
from airforce_studio.ui.theme import apply_theme

FILM = {
    "format": "airforce-film", "version": 1, "title": "Harbour at dusk",
    "output": {"aspect_ratio": "16:9", "quality": "720p"},
    "shots": [
        {"id": "s1", "prompt": "A harbour at dusk, boats rocking, gulls overhead",
         "model": "kling-1", "duration_seconds": 5, "count": 2},
        {"id": "s2", "prompt": "The boats leave the harbour one by one", "model": "kling-1",
         "duration_seconds": 5, "from": {"shot": "s1", "frame": "last"}},
        {"id": "s3", "prompt": "Lights come on along the quay", "model": "wan-2.6",
         "duration_seconds": 5, "transition": {"type": "crossfade", "seconds": 0.5}},
        {"id": "s4", "prompt": "A lighthouse sweeps the dark sea", "model": "kling-1",
         "duration_seconds": 5},
    ],
}


async def shoot(app: QApplication, out: Path, work: Path) -> None:
    sim = Simulator(Knobs(task_seconds=1.0)).start()
    session = Session.open(sim.api_base, sim.key, demo=True)
    window = MainWindow(session, demo=True, key_store=key_store_for(sim.api_base),
                        check_key=key_checker(sim.api_base), icon=app_icon())
    window.resize(1360, 860)
    window.show()
    await window._load_models()
    await session.engine.start()
    board = window.storyboard
    window.tabs.setCurrentWidget(board)
    window.split.setSizes([300, 1060])
    window.right.setSizes([250, 560])
    path = work / "harbour.afilm.json"
    path.write_text(json.dumps(FILM, indent=2))
    await board.open_film(path)
    await board.render(stale=False, confirm=False)
    await board.document.update("s3", prompt="Lights come on along the quay, rain")
    await board.document.add_shot({"prompt": "Dawn over the empty harbour", "model": "kling-1",
                                   "duration_seconds": 5})
    board.cards.setCurrentRow(0)
    await asyncio.sleep(1.5)
    app.primaryScreen().grabWindow(0).save(str(out / "storyboard.png"))
    review = board.review()
    review.resize(1200, 560)
    review.move(80, 120)
    await review.loaded
    review.compare.seek(30)
    review.compare.select(1)
    await review.judge(1, "keep")
    await review.judge(0, "reject")
    await asyncio.sleep(1.0)
    app.primaryScreen().grabWindow(0).save(str(out / "compare.png"))
    review.compare.set_wipe(True)
    review.compare.panes[0].wipe = 0.5
    await asyncio.sleep(0.5)
    app.primaryScreen().grabWindow(0).save(str(out / "compare-wipe.png"))
    review.close()
    window.close()
    await session.aclose()
    sim.stop()


def main() -> int:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    home = tempfile.mkdtemp(prefix="airforce-shots-")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ[var] = os.path.join(home, var.lower())
    app = QApplication(sys.argv)
    app.setQuitOnLastWindowClosed(False)
    app.setWindowIcon(app_icon())
    apply_theme(app)
    loop = StudioEventLoop(app)
    with asyncio.Runner(loop_factory=lambda: loop) as runner:
        runner.run(shoot(app, out, Path(home)))
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
