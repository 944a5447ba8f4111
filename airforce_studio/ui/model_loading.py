"""The model list for the editor, loaded again by itself after a passing failure.

A creator who starts offline (or while the server is down) must not have to notice the
server's return and press Retry: transient failures (connection refused, 5xx, 429, an
HTML page) are retried on a back-off timer, and the message says so. A refused key or a
bad request waits for the creator (Retry, F5, or a new key).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from ..api.errors import ApiError
from .i18n import arg
from .tasks import spawn

if TYPE_CHECKING:
    import asyncio

    from .main_window import MainWindow

RETRY_SECONDS = (5.0, 10.0, 20.0, 30.0)  # then every 30 s, until the models arrive


translate = QCoreApplication.translate  # lupdate finds translate("MainWindow", "…")


class ModelLoader(QObject):
    """Loads models into `window.editor`; owns the retry timer (dies with the window)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.failures = 0
        self.timer = QTimer(self)
        self.timer.setObjectName("modelRetryTimer")
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.load)

    def gone(self) -> bool:
        return self.window.closed is None or self.window.closed.done()

    def load(self) -> asyncio.Task:
        self.timer.stop()
        return spawn(self.run(), name="load-models")

    async def run(self) -> None:
        window = self.window
        if self.gone():
            return
        self.timer.stop()
        window.editor.set_loading(translate("MainWindow", "Loading models…"))
        try:
            models = await window.engine.models(refresh=True)
        except ApiError as error:
            if self.gone():
                return
            from ..core.failure import Verdict, classify  # asyncio: after the first paint

            if classify("read", error) is Verdict.RETRY:
                delay = RETRY_SECONDS[min(self.failures, len(RETRY_SECONDS) - 1)]
                self.failures += 1
                self.timer.start(int(delay * 1000))
                window.editor.set_loading(arg(translate(
                    "MainWindow", "Could not load models: %1 Trying again by itself; "
                    "<a href='retry'>Retry now</a> (F5)"), html.escape(str(error))))
            else:
                window.editor.set_loading(arg(translate(
                    "MainWindow", "Could not load models: %1 <a href='retry'>Retry</a> (F5)"),
                    html.escape(str(error))))
            return
        self.failures = 0
        window.editor.set_models(list(models.values()))
        window.setProperty("modelsLoaded", True)  # benchmarks.cold_start watches for it
