"""One qasync loop for the whole GUI session (a loop per test segfaulted: QT-NOTES).

pytest-qt and qasync's own run_until_complete process Qt events outside run_forever;
asyncio callbacks that run then would find no running loop (httpx/anyio need one). So
while a GUI test runs, the loop stays marked as running; `asyncio.run` elsewhere in the
suite is unaffected because the mark is removed after each GUI test.
"""

from __future__ import annotations

import asyncio

import pytest

from airforce_studio.ui.qt_loop import StudioEventLoop


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
