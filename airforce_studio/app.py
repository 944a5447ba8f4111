"""Composition root: settings, secrets, client, engine and window, on the qasync loop.

One window per profile: a second start activates the first (ui/instance.py) and exits 0.
Quitting closes the window, stops the engine (the journal keeps every item), closes the
databases and releases the profile lock within a bounded time; no process outlives its
window.

Start-up paints first (issue 14): with a key at hand and the profile free, the real window
(editor, queue from the journal, library from SQLite) is built and painted with nothing
but Qt and SQLite loaded; then asyncio, qasync, httpx and QtMultimedia load, the engine
attaches and the network comes up (`ui/startup.py`). Any other case (no key yet, the
profile busy, a bad API base) takes the original all-async path, `studio_main`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from .api.errors import UnsafeUrl
from .api.urls import api_base_from_env, normalize_base
from .core import secrets
from .core.paths import DEMO_PROFILE, Paths, profile_name
from .core.session import ProfileBusy, Session
from .errors import HeldElsewhere
from .lazy import asyncio  # after the first paint (issue 14)
from .ui import startup, tasks
from .ui.crash import install_crash_handler, register_secret
from .ui.i18n import apply_saved_language
from .ui.main_window import MainWindow
from .ui.theme import apply_theme

translate = QCoreApplication.translate  # lupdate finds translate("Context", "…")

DEMO_TASK_SECONDS = 20.0  # realistic enough to watch progress, short enough to enjoy
CLOSE_TIMEOUT = 1.2  # seconds the engine gets to stop before the databases close anyway
BUSY_WAIT = 8.0  # seconds a start waits for an instance that is shutting down
log = logging.getLogger(__name__)



def app_icon() -> QIcon:
    """From the package data (wheel, frozen bundle), else the source tree's resources/."""
    name = "airforce-studio.svg"
    candidates = [Path(__file__).resolve().parent.parent / "resources" / name]
    from importlib import resources  # tempfile, zipfile…: one look-up, not at import

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
        from .api.client import ApiClient

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


def instance_name(profile: str) -> str:
    from .ui.instance import server_name

    return server_name(Paths(profile).lock_file)


async def send(name: str, message: bytes) -> bool:
    """ui.instance.send, its QtNetwork loaded when first needed (after the first paint)."""
    from .ui.instance import send as send_to_instance

    return await send_to_instance(name, message)


async def tell(title: str, text: str) -> None:
    """A message before any window exists: opened, awaited, never exec()."""
    box = tasks.message_box(None, QMessageBox.Icon.Critical, title, text, name="appMessage")
    await tasks.ask(box)


async def open_session(base: str, key: str, demo: bool, name: str) -> Session | None:
    """The profile, or None once another instance took the activate request."""
    return await _open_or_activate(lambda: Session.open(base, key, demo=demo), name)


async def start_demo_simulator(name: str):
    """The demo's simulator, whose state lives in the demo profile (clips in flight survive
    a restart). Held by another demo process: activate it, or wait while it shuts down."""
    from .simulator import Knobs, Simulator  # aiohttp, PyAV: only the demo needs them

    state_dir = Paths(DEMO_PROFILE).data_dir / "simulator"

    async def start():
        return await asyncio.to_thread(lambda: Simulator(
            Knobs(task_seconds=DEMO_TASK_SECONDS), state_dir=state_dir).start())

    return await _open_or_activate(start, name)


async def _open_or_activate(open_it, name: str):
    """`open_it()` (sync or async); when another instance holds what it needs (a busy
    profile or demo simulator: HeldElsewhere), ask that instance to come forward and
    return None. While it shuts down it neither answers nor frees the lock at once: wait
    a few seconds rather than dead-end on "already open"."""
    deadline = time.monotonic() + BUSY_WAIT
    while True:
        try:
            opened = open_it()
            return await opened if asyncio.iscoroutine(opened) else opened
        except HeldElsewhere as error:  # a busy profile, or the demo's simulator
            if await send(name, b"activate"):
                return None
            if time.monotonic() > deadline:
                await tell(translate("App", "Airforce Studio is already open"), str(error))
                raise
            await asyncio.sleep(0.25)


async def close_session(session: Session) -> None:
    """Stop the engine within CLOSE_TIMEOUT; then the databases and the lock, always."""
    try:
        await asyncio.wait_for(session.aclose(), CLOSE_TIMEOUT)
    except Exception:
        log.warning("engine did not stop in %.1f s; closing the files anyway", CLOSE_TIMEOUT,
                    exc_info=True)
        for close in (session.journal.close, session.library.close,
                      session._lock_handle.close):
            with contextlib.suppress(Exception):
                close()
    await tasks.cancel_all(timeout=0.3)


async def studio_main(app: QApplication, demo: bool) -> int:
    sim = None
    note: str | None = None  # the first-run dialog's word for the window
    try:
        if demo:
            profile = profile_name("", demo=True)
            if await send(instance_name(profile), b"activate"):
                return 0
            try:
                sim = await start_demo_simulator(instance_name(profile))
            except HeldElsewhere:
                return 1  # said so in start_demo_simulator
            if sim is None:
                return 0  # the running demo raised its window
            base, key = sim.api_base, sim.key
        else:
            try:
                base = normalize_base(api_base_from_env())
            except UnsafeUrl as error:
                await tell("Airforce Studio", str(error))
                return 2
            profile = profile_name(base)
            if await send(instance_name(profile), b"activate"):
                return 0
            key = (await asyncio.to_thread(key_store_for(base).load)).key
            if not key:
                from .ui.first_run import FirstRunDialog

                dialog = FirstRunDialog(key_store_for(base), key_checker(base))
                dialog.setWindowIcon(app.windowIcon())
                dialog.open()
                kind, key = await dialog.choice
                note = dialog.session_note  # said again in the window: the dialog is gone
                if kind == "quit":
                    return 0
                if kind == "demo":
                    return await studio_main(app, True)
        register_secret(key)
        name = instance_name(profile)
        try:
            session = await open_session(base, key, demo, name)
        except ProfileBusy:
            return 1
        if session is None:
            return 0  # the running instance raised its window
        return await run_window(app, session, demo, base, name, note=note)
    finally:
        if sim is not None:
            await asyncio.to_thread(sim.stop)


async def run_window(app: QApplication, session: Session, demo: bool, base: str,
                     name: str, window: MainWindow | None = None, *,
                     note: str | None = None) -> int:
    """The window (`window`: the one start-up painted, to attach) until it closes;
    `note`: a word from the first-run dialog (no keyring) shown as a notice."""
    from .ui.instance import InstanceServer

    server = InstanceServer(name)
    if window is None:
        window = MainWindow(session, demo=demo, key_store=key_store_for(base),
                            check_key=key_checker(base), icon=app.windowIcon())
    else:
        window.key_store, window.check_key = key_store_for(base), key_checker(base)
        window.attach(session)
    startup.watch_library_ready(window)
    server.activateRequested.connect(window.activate)
    server.quitRequested.connect(window.request_quit)
    if not server.listen():
        log.warning("single-instance socket %s: %s", name, server.server.errorString())
    try:
        window.show()
        if note:
            window.status.post("key-storage", note, "warning")
        window.load_models()
        await session.engine.start()
        await window.closed
    finally:
        server.close()
        await close_session(session)
    return 0


async def attach_painted(app: QApplication, painted: startup.Painted) -> int:
    """Second stage: the network up under the window start-up painted, then run it."""
    tasks.loop_started()
    local, window, demo, base, key = (painted.profile, painted.window, painted.demo,
                                      painted.base, painted.key)
    sim = None
    try:
        profile = local.paths.profile
        if demo:
            try:
                sim = await start_demo_simulator(instance_name(profile))
            except HeldElsewhere:
                sim = None
            if sim is None:  # another demo process holds its simulator: it is shutting down
                window.close()
                local.close()
                return 1
            base, key = sim.api_base, sim.key
        register_secret(key)
        try:
            session = Session.attach(local, key, api_base=base)
        except Exception:
            window.close()
            local.close()
            raise
        return await run_window(app, session, demo, base, instance_name(profile), window)
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
    painted = startup.paint_first(app, demo, key_store_for)
    from .ui.qt_loop import StudioEventLoop  # asyncio and qasync: only now

    loop = StudioEventLoop(app)
    with asyncio.Runner(loop_factory=lambda: loop) as runner:
        if painted is None:
            return runner.run(studio_main(app, demo))
        return runner.run(attach_painted(app, painted))
