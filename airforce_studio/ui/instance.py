"""One window per profile: a second start asks the first to raise its window, then exits.

The process holding the profile lock listens on a local socket named after the lock
file. A later start sends `activate` (or, from scripts and tests, `quit`) and reads
`ok`. If nobody answers (the first process is shutting down), the caller waits and
tries to open the profile again; it never dead-ends on "already open".
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from ..lazy import asyncio  # loads on first use: the window paints first (issue 14)

COMMANDS = (b"activate", b"quit")


def server_name(lock_file: Path) -> str:
    """Short (Unix socket paths are limited), per user and per profile folder."""
    digest = hashlib.sha1(str(Path(lock_file).resolve()).encode()).hexdigest()[:16]
    uid = os.getuid() if hasattr(os, "getuid") else 0
    return f"airforce-studio-{uid}-{digest}"


class InstanceServer(QObject):
    """Listens while this process holds the profile; emits what later starts ask for."""

    activateRequested = Signal()
    quitRequested = Signal()

    def __init__(self, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.server = QLocalServer(self)
        self.server.newConnection.connect(self._accept)

    def listen(self) -> bool:
        QLocalServer.removeServer(self.name)  # a stale socket of a killed process; we own it
        return self.server.listen(self.name)

    def close(self) -> None:
        self.server.close()

    def _accept(self) -> None:
        while (socket := self.server.nextPendingConnection()) is not None:
            socket.readyRead.connect(lambda s=socket: self._read(s))
            socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        command = bytes(socket.readLine().data()).strip()
        socket.write(b"ok\n" if command in COMMANDS else b"unknown\n")
        socket.flush()
        socket.disconnectFromServer()
        if command == b"activate":
            self.activateRequested.emit()
        elif command == b"quit":
            self.quitRequested.emit()


async def send(name: str, command: bytes = b"activate", timeout: float = 2.0) -> bool:
    """Ask the instance listening on `name`; True once it answered `ok`."""
    socket = QLocalSocket()
    done: asyncio.Future[bool] = asyncio.get_running_loop().create_future()

    def finish(result: bool) -> None:
        if not done.done():
            done.set_result(result)

    socket.connected.connect(lambda: (socket.write(command + b"\n"), socket.flush()))
    socket.readyRead.connect(lambda: socket.canReadLine() and finish(
        bytes(socket.readLine().data()).strip() == b"ok"))
    socket.errorOccurred.connect(lambda _error: finish(False))
    socket.disconnected.connect(lambda: finish(False))
    socket.connectToServer(name)
    try:
        return await asyncio.wait_for(done, timeout)
    except TimeoutError:
        return False
    finally:
        socket.abort()
        socket.deleteLater()
