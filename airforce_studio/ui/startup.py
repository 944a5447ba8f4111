"""Start-up's first stage: the real window painted from SQLite and Qt alone (issue 14).

With a key at hand (environment or keyring) and the profile free, the window is built
from a `LocalProfile` (the queue from the journal, the library grid from its index, the
editor) and shown; a local Qt loop runs until its first paint. Only then does the caller
load asyncio, qasync, httpx and QtMultimedia and attach the engine
(`MainWindow.attach`). User input waits for that (the local loop excludes it), so nothing
can reach an engine that is not there yet.

`paint_first` returns None when this path does not apply (no key: the first-run dialog;
the profile busy: another window to activate; a refused API base): the caller then takes
the all-async path, which handles each of those cases with its dialogs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from ..api.errors import UnsafeUrl
from ..api.urls import api_base_from_env, normalize_base
from ..core import secrets
from ..core.session import LocalProfile
from ..errors import LocalStorageError
from . import icons, tasks
from .main_window import MainWindow

PAINT_WAIT_MS = 3000  # a window that never gets exposed (no compositor) must not stop us


@dataclass
class Painted:
    """What the second stage attaches to: the window on screen and its opened profile."""

    profile: LocalProfile
    window: MainWindow
    demo: bool
    base: str  # "" in demo mode: the simulator's, once it runs
    key: str


class _FirstPaint(QObject):
    """Notes the window's first Paint event."""

    painted = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted = True
        return False


def wait_for_first_paint(window: MainWindow) -> None:
    """Show the window and process Qt events (no user input) until it has painted once.

    No asyncio loop exists yet, so no coroutine can be caught in here (the loop rule);
    events are processed one wait at a time rather than in a nested exec()."""
    probe = _FirstPaint()
    window.installEventFilter(probe)
    timer = QTimer(singleShot=True, interval=PAINT_WAIT_MS)  # wakes the wait below, too
    timer.start()
    window.show()
    flags = (QEventLoop.ProcessEventsFlag.WaitForMoreEvents
             | QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    while not probe.painted and timer.isActive():
        QApplication.processEvents(flags)
    timer.stop()
    window.removeEventFilter(probe)


def paint_first(app: QApplication, demo: bool,
                key_store_for: Callable[[str], secrets.KeyStore]) -> Painted | None:
    """The painted window, or None: take the all-async start (see the module docstring)."""
    try:
        if demo:
            base, key = "", ""
        else:
            base = normalize_base(api_base_from_env())
            key = key_store_for(base).load().key or ""
            if not key:
                return None
        profile = LocalProfile.open(base, demo=demo)
    except (UnsafeUrl, LocalStorageError):
        return None  # studio_main says what is wrong, or activates the other window
    tasks.hold_until_loop()
    icons.deferred = True  # qtawesome (~130 ms) after the paint: buttons get names first
    window = MainWindow(profile, demo=demo, icon=app.windowIcon())
    wait_for_first_paint(window)
    QTimer.singleShot(0, draw_icons)  # the loop's first turn, once the network is starting
    return Painted(profile, window, demo, base, key)


def draw_icons() -> None:
    icons.deferred = False
    icons.refresh_all()


def watch_library_ready(window: MainWindow) -> None:
    """Window property `libraryReady` once the library's visible posters are in (at once
    when the grid is hidden: its rows were there at the first paint). Benchmarks read it."""

    def check() -> None:
        model = window.library_view.model
        worker = model._worker
        if window.library_view.isVisible() and worker is not None and not worker.done():
            model.postersDelivered.connect(lambda: window.setProperty("libraryReady", True),
                                           Qt.ConnectionType.SingleShotConnection)
        else:
            window.setProperty("libraryReady", True)

    QTimer.singleShot(0, check)
