"""Run the simulator: two loopback origins (API and CDN) on a loop of their own.

`Simulator` runs in a background thread (demo mode, tests) so its rendering and
serving never stall the caller's event loop; `serve_forever` runs it in the foreground.
"""

from __future__ import annotations

import asyncio
import secrets
import shutil
import socket
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

from aiohttp import web

from .api_app import KEY_PREFIX, build_api_app
from .cdn import Signer, build_cdn_app
from .knobs import Knobs
from .persist import StateStore, new_secret
from .state import SimState

T = TypeVar("T")
DEFAULT_BALANCE_CENTS = 50_000


def new_key() -> str:
    return KEY_PREFIX + secrets.token_hex(12)


def _bind(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(128)
    sock.setblocking(False)
    return sock


class Simulator:
    """The simulator on its own thread and loop; `start()` returns once both ports listen."""

    def __init__(
        self,
        knobs: Knobs | None = None,
        *,
        port: int = 0,
        cdn_port: int = 0,
        balance_cents: int = DEFAULT_BALANCE_CENTS,
        state_dir: Path | None = None,
    ) -> None:
        """`state_dir`: keep accounts, tasks, the key and clips there across restarts."""
        self.knobs = knobs or Knobs()
        self._ports = (port, cdn_port)
        self._store = StateStore(state_dir) if state_dir is not None else None
        if self._store is not None:
            self._files = self._store.files_dir
            self.key = self._store.persistent("key", new_key())
            self._secret: bytes | None = bytes.fromhex(
                self._store.persistent("signing_secret", new_secret()))
        else:
            self._files = Path(tempfile.mkdtemp(prefix="airforce-sim-"))
            self.key = new_key()
            self._secret = None
        self.state = SimState(self.knobs, self._files, balance_cents, self._store)
        self.api_base = ""
        self.cdn_base = ""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runners: list[web.AppRunner] = []

    # -- lifecycle ----------------------------------------------------------------------

    def start(self) -> Simulator:
        ready: Future[None] = Future()
        self._thread = threading.Thread(target=self._run, args=(ready,), name="simulator",
                                        daemon=True)
        self._thread.start()
        ready.result(timeout=30)
        return self

    def stop(self) -> None:
        if self._loop is None or self._thread is None:
            return
        asyncio.run_coroutine_threadsafe(self._shutdown(), self._loop).result(timeout=30)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=30)
        self._loop = None
        if self._store is not None:
            self._store.close()
        else:
            shutil.rmtree(self._files, ignore_errors=True)

    def __enter__(self) -> Simulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self, ready: Future[None]) -> None:
        # qasync swaps the global policy; build a plain selector loop explicitly.
        loop = asyncio.SelectorEventLoop()
        self._loop = loop
        try:
            loop.run_until_complete(self._startup())
        except BaseException as exc:
            ready.set_exception(exc)
            return
        ready.set_result(None)
        loop.run_forever()
        loop.close()

    async def _startup(self) -> None:
        api_sock, cdn_sock = _bind(self._ports[0]), _bind(self._ports[1])
        self.api_base = f"http://127.0.0.1:{api_sock.getsockname()[1]}"
        self.cdn_base = f"http://127.0.0.1:{cdn_sock.getsockname()[1]}"
        signer = Signer(self._secret)
        self.state.resume()
        apps = (build_api_app(self.state, signer, [self.cdn_base]),
                build_cdn_app(self.state, signer))
        for app, sock in zip(apps, (api_sock, cdn_sock), strict=True):
            runner = web.AppRunner(app, access_log=None, handler_cancellation=True)
            await runner.setup()
            await web.SockSite(runner, sock).start()
            self._runners.append(runner)

    async def _shutdown(self) -> None:
        await self.state.aclose()
        for runner in self._runners:
            await runner.cleanup()

    # -- test helpers (thread-safe) -----------------------------------------------------

    def call(self, fn: Callable[[], T]) -> T:
        """Run fn on the simulator's loop and return its result."""
        assert self._loop is not None

        async def run() -> T:
            return fn()

        return asyncio.run_coroutine_threadsafe(run(), self._loop).result(timeout=30)

    def set_knobs(self, **values: Any) -> None:
        self.call(lambda: self.knobs.update(values))

    def requests(self, server: str | None = None) -> list[dict[str, Any]]:
        return self.call(lambda: [r for r in self.state.requests
                                  if server is None or r["server"] == server])

    def balance(self, key: str) -> int:
        return self.call(lambda: self.state.account(key).balance_cents)

    def tasks(self, key: str) -> list[dict[str, Any]]:
        def snapshot() -> list[dict[str, Any]]:
            return [{"task_id": t.task_id, "status": t.status, "refunded": t.refunded,
                     "deleted": t.deleted, "mp4_sha256": t.mp4_sha256, "spec": t.spec,
                     "cost_cents": t.cost_cents, "completed_at": t.completed_at}
                    for t in self.state.account(key).tasks.values()]
        return self.call(snapshot)


def serve_forever(knobs: Knobs, port: int, cdn_port: int, balance_cents: int,
                  announce: Callable[[Simulator], None], state_dir: Path | None = None) -> None:
    """Foreground mode for `airforce-studio simulator`: runs until interrupted."""
    sim = Simulator(knobs, port=port, cdn_port=cdn_port, balance_cents=balance_cents,
                    state_dir=state_dir).start()
    announce(sim)
    stop = threading.Event()
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()
