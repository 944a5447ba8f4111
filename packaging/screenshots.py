"""Screenshots of the real window for the README and the AppStream metainfo.

Run under Xvfb (`xvfb-run -s "-screen 0 1400x900x24" .venv/bin/python
packaging/screenshots.py OUT_DIR [--theme light|dark] [--suffix=-dark]`): it starts the
embedded simulator, shows the editor with reference images and a preset, types prompts,
waits for real clips, plays one and grabs the screen with `grabWindow(0)` (which,
unlike QWidget.grab(), captures the video picture). At 200 %:
`QT_SCALE_FACTOR=2 xvfb-run -s "-screen 0 2720x1720x24" … --suffix=-200`.

The window speaks the system's language, as the app does: `LANGUAGE=id` gives the
Indonesian shots, named `id-queue.png` … (the README's). `--size 1280x720` checks the
smallest layout we promise (use a screen of that size).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter
from PySide6.QtWidgets import QApplication

from airforce_studio.app import app_icon, key_checker, key_store_for
from airforce_studio.core.journal import ItemState
from airforce_studio.core.session import Session
from airforce_studio.simulator import Knobs, Simulator
from airforce_studio.ui import i18n
from airforce_studio.ui.main_window import MainWindow
from airforce_studio.ui.qt_loop import StudioEventLoop
from airforce_studio.ui.theme import apply_theme

PROMPTS = [
    ("A red fox darting across snowy hills at dawn, low tracking shot", "wan-2.6", 2),
    ("Neon koi fish circling in a rain puddle, overhead", "kling-1", 1),
    ("Paper boats drifting down a sunlit canal", "hailuo-fast", 2),
]


def reference_image(number: int) -> QImage:
    """A stand-in reference: a soft gradient with a sun, different for each number."""
    image = QImage(480, 270, QImage.Format.Format_RGB32)
    gradient = QLinearGradient(0, 0, 0, 270)
    gradient.setColorAt(0, QColor.fromHsv((200 + number * 50) % 360, 120, 230))
    gradient.setColorAt(1, QColor.fromHsv((20 + number * 50) % 360, 200, 90))
    painter = QPainter(image)
    painter.fillRect(image.rect(), gradient)
    painter.setBrush(QColor("#ffd27a"))
    painter.setPen(QColor(0, 0, 0, 0))
    painter.drawEllipse(120 + number * 90, 70, 90, 90)
    painter.end()
    return image


async def show_editor(app: QApplication, window: MainWindow, folder: Path, name: Path) -> None:
    """The editor at work: a saved preset, three reference images, a long prompt."""
    editor = window.editor
    editor.model_box.setCurrentIndex(editor.model_box.findData("wan-2.6"))
    editor.quality.setCurrentIndex(editor.quality.findData("1080p"))
    editor.preset_bar.save_as("Final 1080p")
    editor.mode.setCurrentIndex(editor.mode.findData("reference"))
    for number in range(3):
        path = folder / f"reference-{number + 1}.png"
        reference_image(number).save(str(path), "PNG")
        editor.references.load_file(path)
    editor.prompt.setPlainText("A paper lantern festival on a river at dusk, in the style of "
                               "the references, slow crane shot rising over the crowd")
    while len(editor.references.images()) < 3:
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)
    app.primaryScreen().grabWindow(0).save(str(name))
    editor.references.clear()
    editor.mode.setCurrentIndex(editor.mode.findData("text"))


async def shoot(app: QApplication, out: Path, size: tuple[int, int], prefix: str,
                suffix: str = "") -> None:
    sim = Simulator(Knobs(task_seconds=12.0)).start()
    session = Session.open(sim.api_base, sim.key, demo=True)
    window = MainWindow(session, demo=True, key_store=key_store_for(sim.api_base),
                        check_key=key_checker(sim.api_base), icon=app_icon())
    window.resize(*size)
    window.show()
    await window._load_models()
    await show_editor(app, window, Path(tempfile.mkdtemp(prefix="airforce-refs-")),
                      out / f"{prefix}editor{suffix}.png")
    await session.engine.start()
    for prompt, model, count in PROMPTS:
        window.editor.model_box.setCurrentIndex(window.editor.model_box.findData(model))
        window.editor.prompt.setPlainText(prompt)
        window.editor.count.setValue(count)
        window.editor.try_submit()
        await asyncio.sleep(0.3)
    window.editor.prompt.setPlainText("Slow dolly-in on a lighthouse as the storm breaks")
    def rendering() -> int:
        return sum(1 for i in session.journal.items()
                   if i.state == ItemState.FOLLOWING and (i.progress or 0) >= 30)

    while rendering() < 4:  # four in flight, the rest waiting in dispatch order
        await asyncio.sleep(0.1)
    app.primaryScreen().grabWindow(0).save(str(out / f"{prefix}queue{suffix}.png"))
    await asyncio.wait_for(session.engine.wait_idle(), 120)
    window.tabs.setCurrentWidget(window.library_view)
    archived = [i for i in session.journal.items() if i.state == ItemState.ARCHIVED]
    window.clip_actions.play(session.library.get(archived[0].task_id))
    await asyncio.sleep(2.5)
    app.primaryScreen().grabWindow(0).save(str(out / f"{prefix}library-player{suffix}.png"))
    window.tabs.setCurrentWidget(window.history)
    await window.history.refresh()
    await asyncio.sleep(0.5)
    app.primaryScreen().grabWindow(0).save(str(out / f"{prefix}history{suffix}.png"))
    window.close()
    await session.aclose()
    sim.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", nargs="?", default="screenshots")
    parser.add_argument("--size", default="1360x860", help="window size, WxH")
    parser.add_argument("--theme", choices=("system", "light", "dark"), default="light")
    parser.add_argument("--suffix", default="", help="appended to every file name")
    args = parser.parse_args()
    out = Path(args.out).resolve()
    width, height = (int(n) for n in args.size.split("x"))
    out.mkdir(parents=True, exist_ok=True)
    home = tempfile.mkdtemp(prefix="airforce-shots-")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        os.environ[var] = os.path.join(home, var.lower())
    app = QApplication(sys.argv[:1])
    language = i18n.apply_language_setting(app, "system")
    prefix = "" if language == i18n.SOURCE_LANGUAGE else f"{language}-"
    app.setQuitOnLastWindowClosed(False)
    app.setWindowIcon(app_icon())
    apply_theme(app, args.theme)
    loop = StudioEventLoop(app)
    with asyncio.Runner(loop_factory=lambda: loop) as runner:
        runner.run(shoot(app, out, (width, height), prefix, args.suffix))
    print(f"screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
