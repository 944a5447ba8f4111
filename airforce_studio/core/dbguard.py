"""Our SQLite files under trouble: a full disk, a read-only folder, a corrupt file.

SQLite reports storage trouble as `OperationalError`s whose codes say what happened;
here they become our `LocalStorageError`s (the queue stops with one clear message).
A file that is not a database, or is malformed, is moved aside (`*.corrupt-<time>`) so a
fresh one can be made and rebuilt from what the clip files and the server still prove.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from ..errors import DataUnwritable, DiskFull, LocalStorageError

T = TypeVar("T")

_FULL = {sqlite3.SQLITE_FULL}
_UNWRITABLE = {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM}
_CORRUPT = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}


def _code(error: sqlite3.Error) -> int | None:
    code = getattr(error, "sqlite_errorcode", None)
    return None if code is None else code & 0xFF  # extended codes → primary


def storage_error(error: BaseException, path: object = None) -> LocalStorageError | None:
    """The LocalStorageError an SQLite error stands for, or None."""
    if not isinstance(error, sqlite3.Error):
        return None
    code, text = _code(error), str(error).lower()
    where = path if path is not None else "the data folder"
    if code in _FULL or "disk is full" in text:
        return DiskFull(f"disk full while writing {where}", path)
    if code in _UNWRITABLE or "readonly" in text or "unable to open database" in text:
        return DataUnwritable(f"cannot write {where}: {error}", path)
    if isinstance(error, sqlite3.OperationalError) and code == sqlite3.SQLITE_IOERR:
        return DataUnwritable(f"cannot write {where}: {error}", path)
    return None


def is_corrupt(error: BaseException) -> bool:
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    text = str(error).lower()
    return _code(error) in _CORRUPT or "not a database" in text or "malformed" in text


@contextlib.contextmanager
def guarded(path: object) -> Iterator[None]:
    """Turn SQLite storage trouble into our LocalStorageError."""
    try:
        yield
    except sqlite3.Error as error:
        local = storage_error(error, path)
        if local is not None:
            raise local from error
        raise


def move_aside(path: Path) -> Path:
    """Rename a corrupt database (and its WAL/SHM) out of the way; returns the new name."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    for suffix in ("", "-wal", "-shm"):
        source = Path(f"{path}{suffix}")
        if source.exists():
            os.replace(source, Path(f"{target}{suffix}"))
    return target


def open_or_move_aside(path: Path, opener: Callable[[Path], T]
                       ) -> tuple[T, tuple[Path, str] | None]:
    """Open with `opener` (which must read the schema); a corrupt file is moved aside and
    a fresh one opened. Returns (result, (moved_to, reason) or None)."""
    try:
        with guarded(path):
            return opener(path), None
    except sqlite3.DatabaseError as error:
        if not is_corrupt(error):
            raise
        reason = str(error)
    moved = move_aside(path)
    with guarded(path):
        return opener(path), (moved, reason)


def check_integrity(db: sqlite3.Connection) -> None:
    """Raise sqlite3.DatabaseError when the file is malformed (cheap: quick_check)."""
    row = db.execute("PRAGMA quick_check").fetchone()
    if row is None or row[0] != "ok":
        raise sqlite3.DatabaseError(f"database disk image is malformed: {row and row[0]}")
