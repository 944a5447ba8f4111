"""The root of every error this program raises on purpose, and what each kind means.

Every layer (api, core, cli, ui) may import this module; it imports nothing of ours.
An error carries a *kind* that says what the user can do about it; the CLI turns the
kind into its exit code through one table, the window into its wording.
"""

from __future__ import annotations

import errno

EXIT_OK = 0
EXIT_TASK_FAILED = 1  # a task failed, expired, was lost or needs attention
EXIT_INVALID = 2  # invalid input caught before anything was paid
EXIT_API = 3  # API or network trouble (the journal keeps every item for `resume`)
EXIT_LOCAL = 4  # local storage trouble: disk full, data folder unwritable, profile busy
EXIT_INTERRUPTED = 130

EXIT_CODE_BY_KIND: dict[str, int] = {
    "invalid": EXIT_INVALID,
    "api": EXIT_API,
    "local": EXIT_LOCAL,
    "failed": EXIT_TASK_FAILED,
}


class StudioError(Exception):
    """Base of our errors. `kind` picks the exit code and the window's wording."""

    kind = "api"


class InvalidInput(StudioError, ValueError):
    """Refused before anything was journaled or sent: nothing was paid."""

    kind = "invalid"


class LocalStorageError(StudioError, OSError):
    """Our own files cannot be written: the queue stops; nothing is retried in a loop."""

    kind = "local"

    def __init__(self, message: str, path: object = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None

    def __str__(self) -> str:
        return self.message


class HeldElsewhere(LocalStorageError):
    """Another process of ours holds what this one needs (a profile, the demo simulator):
    the window asks it to come forward; the CLI exits 4 naming it."""


class DiskFull(LocalStorageError):
    """The file system ran out of space (or quota); partial files are removed."""


class DataUnwritable(LocalStorageError):
    """The data folder cannot be written (permissions, read-only file system)."""


NO_SPACE = {errno.ENOSPC, errno.EDQUOT}
NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}


def local_error_from_os(error: OSError, path: object = None) -> LocalStorageError | None:
    """Classify an OSError from writing our own files; None when it is something else."""
    if isinstance(error, LocalStorageError):
        return error
    where = path if path is not None else error.filename
    if error.errno in NO_SPACE:
        return DiskFull(f"disk full while writing {where}", where)
    if error.errno in NOT_WRITABLE:
        return DataUnwritable(f"cannot write {where}: {error.strerror}", where)
    return None


def exit_code(error: BaseException) -> int:
    """The CLI's exit code for an error that reached the top."""
    if isinstance(error, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    if isinstance(error, StudioError):
        return EXIT_CODE_BY_KIND.get(error.kind, EXIT_API)
    if isinstance(error, OSError) and local_error_from_os(error) is not None:
        return EXIT_LOCAL
    return EXIT_API
