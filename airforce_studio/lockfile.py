"""One process per folder: an advisory lock file that names the pid holding it.

Used by the profile (journal, library) and by the demo simulator's state folder. Like
`errors`, it imports nothing of ours, so every layer may use it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

try:
    import fcntl
except ImportError:  # Windows: no advisory locks here; a single instance is assumed
    fcntl = None  # type: ignore[assignment]


class LockHeld(Exception):
    """Another process holds the lock; `who` reads " (pid N)" when the file names it."""

    def __init__(self, who: str) -> None:
        super().__init__(f"held by another process{who}")
        self.who = who


def hold(path: Path) -> IO[str]:
    """Take the lock for this process's life (keep the handle open); raises LockHeld."""
    handle = open(path, "a+")  # noqa: SIM115 - held for the process's life
    if fcntl is not None:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.seek(0)
            holder = handle.read().strip()
            handle.close()
            raise LockHeld(f" (pid {holder})" if holder.isdigit() else "") from exc
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    return handle
