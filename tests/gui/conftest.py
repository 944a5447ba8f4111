"""One qasync loop for the whole GUI session (a loop per test segfaulted: QT-NOTES).

pytest-qt and qasync's own run_until_complete process Qt events outside run_forever;
asyncio callbacks that run then would find no running loop (httpx/anyio need one). So
while a GUI test runs, the loop stays marked as running; `asyncio.run` elsewhere in the
suite is unaffected because the mark is removed after each GUI test.
"""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QLocale, QSettings

from airforce_studio.app import key_checker, key_store_for
from airforce_studio.core.session import Session
from airforce_studio.ui.main_window import MainWindow
from airforce_studio.ui.qt_loop import StudioEventLoop
from tests.integration.engine_kit import FAST

# The app always installs a language (English when the system's is unknown, as with
# LANG=C here): money and numbers are formatted as a user sees them, "US$12.00".
QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


@pytest.fixture(autouse=True)
def own_qsettings(isolated_home):
    """QSettings' default files in this test's own config folder: Qt fixes that folder once
    per process, so a setting saved by one test (a recent film) was read by the next."""
    config = str(isolated_home / "xdg_config_home")
    for kind in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(kind, QSettings.Scope.UserScope, config)


class PinnedLoop(StudioEventLoop):
    pinned = False

    def run_forever(self):
        try:
            return super().run_forever()
        finally:
            if self.pinned:
                asyncio.events._set_running_loop(self)


@pytest.fixture(scope="session")
def qloop(qapp):
    qapp.setQuitOnLastWindowClosed(False)
    loop = PinnedLoop(qapp)
    asyncio.set_event_loop(loop)
    yield loop
    _cancel_leftovers(loop)
    loop.close()  # joins qasync's QThread executor: a live QThread at exit aborts
    asyncio.set_event_loop(None)


def _cancel_leftovers(loop) -> None:
    leftovers = [t for t in asyncio.all_tasks(loop) if not t.done()]
    for task in leftovers:
        task.cancel()
    if leftovers:
        loop.run_until_complete(asyncio.gather(*leftovers, return_exceptions=True))


@pytest.fixture
def arun(qloop):
    """Run a coroutine to completion on the shared qasync loop; cancel leftovers after."""
    qloop.pinned = True
    asyncio.events._set_running_loop(qloop)

    def run(coro, timeout: float = 60.0):
        asyncio.events._set_running_loop(None)
        return qloop.run_until_complete(asyncio.wait_for(coro, timeout))

    yield run
    _cancel_leftovers(qloop)
    qloop.pinned = False
    asyncio.events._set_running_loop(None)


async def until(predicate, timeout: float = 30.0, step: float = 0.02) -> None:
    """Await a condition while the Qt loop keeps running (never a nested Qt loop)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(step)


def new_window(session, sim, *, demo: bool = False) -> MainWindow:
    window = MainWindow(session, demo=demo, key_store=key_store_for(sim.api_base),
                        check_key=key_checker(sim.api_base))
    window.show()
    return window


def close_window(window, session, arun) -> None:
    window.close()
    arun(session.aclose())
    window.deleteLater()  # and really delete it now: a live QMediaPlayer at exit aborts
    arun(asyncio.sleep(0.05))
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def open_studio(sim, key, qloop, arun):
    """A factory: a window on a session of its own (for tests that prepare the journal
    first); every window it made is closed after the test."""
    opened = []

    def make(config=FAST, *, start: bool = True) -> MainWindow:
        session = Session.open(sim.api_base, key, config=config)
        window = new_window(session, sim)
        opened.append((window, session))
        arun(window._load_models())
        if start:
            arun(session.engine.start())
        return window

    yield make
    for window, session in opened:
        close_window(window, session, arun)


@pytest.fixture
def studio(open_studio):
    return open_studio()
