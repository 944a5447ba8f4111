"""Composition root: settings, secrets, client, engine and window, on the qasync loop."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
from importlib import resources
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .api.client import ApiClient
from .api.errors import UnsafeUrl
from .api.origin import api_base_from_env, normalize_api_base
from .core import secrets
from .core.paths import DEMO_PROFILE, Paths
from .core.session import ProfileBusy, Session
from .errors import LocalStorageError
from .ui.crash import install_crash_handler, register_secret
from .ui.first_run import FirstRunDialog
from .ui.i18n import apply_saved_language
from .ui.main_window import MainWindow
from .ui.qt_loop import StudioEventLoop
from .ui.theme import apply_theme

DEMO_TASK_SECONDS = 20.0  # realistic enough to watch progress, short enough to enjoy
log = logging.getLogger(__name__)


def app_icon() -> QIcon:
    """From the package data (wheel, frozen bundle), else the source tree's resources/."""
    name = "airforce-studio.svg"
    candidates = [Path(__file__).resolve().parent.parent / "resources" / name]
    with contextlib.suppress(ModuleNotFoundError, FileNotFoundError):
        packaged = resources.files("airforce_studio") / "resources" / name
        if packaged.is_file():
            with resources.as_file(packaged) as path:
                return QIcon(str(path))
    found = next((c for c in candidates if c.is_file()), None)
    return QIcon(str(found)) if found else QIcon()


def key_store_for(api_base: str) -> secrets.KeyStore:
    return secrets.KeyStore.for_api_base(api_base)


def key_checker(api_base: str):
    async def check(key: str) -> None:
        async with ApiClient(api_base, key) as client:
            await client.list_models()

    return check


def setup_logging() -> None:
    folder = Paths.log_dir()
    folder.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(folder / "airforce-studio.log", encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(secrets.RedactingFilter())  # a key never reaches the log file
    logging.getLogger("qasync").setLevel(logging.WARNING)  # it logs call arguments
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(min(root.level or logging.INFO, logging.INFO))


async def studio_main(app: QApplication, demo: bool) -> int:
    sim = None
    try:
        if demo:
            from .simulator import Knobs, Simulator  # aiohttp, PyAV: only the demo needs them

            state_dir = Paths(DEMO_PROFILE).data_dir / "simulator"  # clips in flight survive
            try:
                sim = await asyncio.to_thread(lambda: Simulator(
                    Knobs(task_seconds=DEMO_TASK_SECONDS), state_dir=state_dir).start())
            except LocalStorageError as error:  # another demo process runs this simulator
                QMessageBox.critical(None, "Airforce Studio is already open", str(error))
                return 1
            base, key = sim.api_base, sim.key
        else:
            try:
                base = str(normalize_api_base(api_base_from_env()))
            except UnsafeUrl as error:
                QMessageBox.critical(None, "Airforce Studio", str(error))
                return 2
            key = (await asyncio.to_thread(key_store_for(base).load)).key
            if not key:
                dialog = FirstRunDialog(key_store_for(base), key_checker(base))
                dialog.setWindowIcon(app.windowIcon())
                dialog.open()
                kind, key = await dialog.choice
                if kind == "quit":
                    return 0
                if kind == "demo":
                    return await studio_main(app, True)
        register_secret(key)
        try:
            session = Session.open(base, key, demo=demo)
        except ProfileBusy as error:
            QMessageBox.critical(None, "Airforce Studio is already open", str(error))
            return 1
        window = MainWindow(session, demo=demo, key_store=key_store_for(base),
                            check_key=key_checker(base), icon=app.windowIcon())
        window.show()
        window.load_models()
        await session.engine.start()
        await window.closed
        await session.aclose()
        return 0
    finally:
        if sim is not None:
            await asyncio.to_thread(sim.stop)


def run_gui(demo: bool = False) -> int:
    with contextlib.suppress(OSError):
        setup_logging()
    os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")  # harmless noise
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Airforce Studio")
    app.setOrganizationName("airforce-studio")
    app.setDesktopFileName("airforce-studio")
    app.setWindowIcon(app_icon())
    # i18n: the language (setting, else LANGUAGE/LANG) before any widget is built
    apply_saved_language(app)
    app.setQuitOnLastWindowClosed(False)  # we quit once the session has closed cleanly
    apply_theme(app)
    install_crash_handler()
    loop = StudioEventLoop(app)
    with asyncio.Runner(loop_factory=lambda: loop) as runner:
        return runner.run(studio_main(app, demo))
