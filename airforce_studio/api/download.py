"""The credential-free streaming fetch of result and thumbnail URLs.

Bytes go to a hidden `.part` file beside the destination, sha256 is computed on the
way, `Content-Length` is checked, an interrupted transfer resumes with `Range` where
the host allows it, and only a complete file is renamed into place (atomically).

Each attempt runs as one blocking transfer in a worker thread (a sync httpx.Client)
that only reads the socket, while a second thread hashes and writes 1 MiB batches: the
event loop is never touched per chunk, and reading overlaps the disk and the hash
(benchmarks/download_throughput.py measures it against curl).
Memory stays flat whatever the file size.
"""

from __future__ import annotations

import asyncio
import errno
import hashlib
import os
import queue
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import httpx

from ..errors import DiskFull
from .errors import ApiError, ConnectionFailed, ProtocolError, error_from_response
from .origin import check_url_is_safe
from .retry import RetryPolicy, is_retryable

WRITE_BATCH = 1 << 20  # read, hash and write ~1 MiB at a time


@dataclass(frozen=True)
class Downloaded:
    path: Path
    size: int
    sha256: str
    resumed: bool  # at least one attempt continued a partial file with Range


def part_path(dest: Path) -> Path:
    return dest.with_name(f".{dest.name}.part")


class _PartFile:
    """A partial download: its open file, running hash and size."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.hash = hashlib.sha256()
        self.size = 0
        self.file: BinaryIO = open(path, "ab+")  # noqa: SIM115 - closed in close()
        self.file.seek(0)
        while chunk := self.file.read(WRITE_BATCH):
            self.hash.update(chunk)
            self.size += len(chunk)

    def truncate(self) -> None:
        self.file.seek(0)
        self.file.truncate()
        self.hash = hashlib.sha256()
        self.size = 0

    def append(self, data: bytes) -> None:
        self.file.write(data)
        self.hash.update(data)
        self.size += len(data)

    def commit(self, dest: Path) -> None:
        """Flush to disk, close, and rename into place (a rename over an old file can
        wait for the disk: this runs in a worker thread)."""
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        os.replace(self.path, dest)

    def close(self) -> None:
        self.file.close()


_CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)")


async def download(
    client: httpx.Client,
    url: str,
    dest: Path,
    *,
    expected_size: int | None = None,
    policy: RetryPolicy = RetryPolicy(attempts=6),
) -> Downloaded:
    """Fetch url into dest. The client must carry no credentials (see ApiClient)."""
    check_url_is_safe(url, "download URL")
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = await asyncio.to_thread(_PartFile, part_path(dest))
    cancelled = threading.Event()
    resumed = False
    try:
        for attempt in range(policy.attempts):
            try:
                resumed |= await asyncio.to_thread(_fetch_into, client, url, part,
                                                   expected_size, cancelled)
                break
            except ApiError as error:
                if attempt == policy.attempts - 1 or not is_retryable(error):
                    raise
                await asyncio.sleep(policy.delay(attempt, error))
        await asyncio.to_thread(part.commit, dest)
        return Downloaded(dest, part.size, part.hash.hexdigest(), resumed)
    except OSError as exc:
        part.close()
        part.path.unlink(missing_ok=True)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFull(f"no space left to save {dest.name} in {dest.parent}") from exc
        raise
    except BaseException:
        cancelled.set()  # a cancelled await leaves the thread running: stop it at once
        part.close()  # keep the .part for a later resume; never a partial `dest`
        raise


def _fetch_into(client: httpx.Client, url: str, part: _PartFile, expected_size: int | None,
                cancelled: threading.Event) -> bool:
    """One HTTP attempt, blocking (worker thread); returns whether it resumed."""
    offset = part.size
    headers = {"Range": f"bytes={offset}-"} if offset else {}
    try:
        with client.stream("GET", url, headers=headers) as response:
            if response.status_code == 416 and offset:
                part.truncate()  # our part file is complete or wrong: start over to be sure
                raise ConnectionFailed("range not satisfiable; restarting download")
            if response.status_code not in (200, 206):
                response.read()
                raise error_from_response(response)
            resumed = response.status_code == 206
            total = _expected_total(response, offset if resumed else 0)
            if not resumed and offset:
                part.truncate()  # the host ignores Range: restart
            if expected_size is not None and total is not None and total != expected_size:
                raise ProtocolError(f"server announces {total} bytes, expected {expected_size}")
            _copy_body(response, part, cancelled)
    except httpx.TimeoutException as exc:
        raise ConnectionFailed(f"download stalled after {part.size} bytes") from exc
    except httpx.TransportError as exc:
        raise ConnectionFailed(f"download broke after {part.size} bytes: {exc!r}") from exc
    want = total if total is not None else expected_size
    if want is not None and part.size != want:
        raise ConnectionFailed(f"download ended at {part.size} of {want} bytes")
    return resumed


class _Writer:
    """Hashes and writes batches in a thread of its own, so reading the socket never waits
    for the disk or the hash (both release the GIL): the two overlap on two cores."""

    def __init__(self, part: _PartFile) -> None:
        self.part = part
        self.queue: queue.Queue[bytes | None] = queue.Queue(maxsize=8)  # ≤ 8 MiB in flight
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="download-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (data := self.queue.get()) is not None:
            if self.error is None:
                try:
                    self.part.append(data)
                except BaseException as exc:  # re-raised in the reading thread
                    self.error = exc

    def put(self, data: bytes) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put(data)

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()
        if self.error is not None:
            raise self.error


def _copy_body(response: httpx.Response, part: _PartFile, cancelled: threading.Event) -> None:
    """Network chunks batched to ~1 MiB for the writer; what arrived before a break is
    kept (iter_raw's own chunk_size would drop a buffered tail, and with it the resume)."""
    writer = _Writer(part)
    batch: list[bytes] = []
    batched = 0
    try:
        for chunk in response.iter_raw():
            if cancelled.is_set():
                raise ConnectionFailed("download cancelled")
            batch.append(chunk)
            batched += len(chunk)
            if batched >= WRITE_BATCH:
                writer.put(b"".join(batch))
                batch, batched = [], 0
    finally:
        if batch:
            writer.put(b"".join(batch))
        writer.close()


def _expected_total(response: httpx.Response, offset: int) -> int | None:
    if response.status_code == 206:
        match = _CONTENT_RANGE.fullmatch(response.headers.get("content-range", "").strip())
        if not match or int(match.group(1)) != offset:
            raise ProtocolError(f"bad Content-Range {response.headers.get('content-range')!r}")
        return int(match.group(3)) if match.group(3) != "*" else None
    length = response.headers.get("content-length")
    return int(length) if length and length.isdigit() else None
