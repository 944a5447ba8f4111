"""The credential-free streaming fetch of result and thumbnail URLs.

Bytes go to a hidden `.part` file beside the destination, sha256 is computed on the
way, `Content-Length` is checked, an interrupted transfer resumes with `Range` where
the host allows it, and only a complete, fsync'd file is renamed into place (atomically).

Each attempt runs as one blocking transfer in a worker thread that only reads the socket,
while a second thread hashes and writes 1 MiB buffers: the event loop is never touched per
chunk, and reading overlaps the disk and the hash. The socket is read at the `http.client`
level into reused buffers (result_host.py); a client with a custom transport or a proxy
for the host keeps httpx. Every redirect hop is checked for safety on both paths. Written
data is handed to the kernel's writeback every few MiB, so the final fsync is short, and
memory stays flat whatever the file size (benchmarks/download_throughput.py measures it).
"""

from __future__ import annotations

import asyncio
import errno
import hashlib
import http.client
import os
import queue
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Protocol

import httpx

from ..errors import DiskFull
from . import result_host
from .errors import ApiError, ConnectionFailed, ProtocolError, error_from_response
from .origin import check_url_is_safe
from .retry import RetryPolicy, is_retryable

WRITE_BATCH = 1 << 20  # read, hash and write ~1 MiB at a time
BUFFERS = 6  # reused read buffers per transfer: the memory bound (~6 MiB)
WRITEBACK_EVERY = 8 << 20  # start the disk write of what is written, every 8 MiB


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
        self._written_back = self.size

    def truncate(self) -> None:
        self.file.seek(0)
        self.file.truncate()
        self.hash = hashlib.sha256()
        self.size = 0
        self._written_back = 0

    def append(self, data: bytes | memoryview) -> None:
        self.file.write(data)
        self.hash.update(data)
        self.size += len(data)
        if self.size - self._written_back >= WRITEBACK_EVERY:
            self._start_writeback()

    def _start_writeback(self) -> None:
        """Ask the kernel to write what we have so far now (POSIX_FADV_DONTNEED starts the
        writeback of dirty pages on Linux, and drops the clean ones we will not read again),
        so the fsync at the end waits for a few MiB instead of the whole file."""
        if not hasattr(os, "posix_fadvise"):
            return
        self.file.flush()
        # From two windows back: pages still under writeback at the last call get dropped
        # now; older ones were, so the kernel does not walk the whole file each time.
        start = max(0, self._written_back - 2 * WRITEBACK_EVERY)
        os.posix_fadvise(self.file.fileno(), start, self.size - start, os.POSIX_FADV_DONTNEED)
        self._written_back = self.size

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
    """Fetch url into dest. The client must carry no credentials (see ApiClient); its
    timeouts and User-Agent apply to the fast path too."""
    check_url_is_safe(url, "download URL")
    dest.parent.mkdir(parents=True, exist_ok=True)
    part = await asyncio.to_thread(_PartFile, part_path(dest))
    cancelled = threading.Event()
    fetch = _fetch_fast if result_host.can_take_fast_path(client, url) else _fetch_httpx
    resumed = False
    try:
        for attempt in range(policy.attempts):
            try:
                resumed |= await asyncio.to_thread(fetch, client, url, part, expected_size,
                                                   cancelled)
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


class _Headers(Protocol):
    def get(self, name: str, default: str = ...) -> str | None: ...


def _start_body(status: int, headers: _Headers, part: _PartFile,
                expected_size: int | None, offset: int) -> tuple[bool, int | None]:
    """Check a 200/206 answer against our part file: (resumed, total size if known)."""
    resumed = status == 206
    total = _expected_total(status, headers, offset if resumed else 0)
    if not resumed and offset:
        part.truncate()  # the host ignores Range: restart
    if expected_size is not None and total is not None and total != expected_size:
        raise ProtocolError(f"server announces {total} bytes, expected {expected_size}")
    return resumed, total


def _check_complete(part: _PartFile, total: int | None, expected_size: int | None) -> None:
    want = total if total is not None else expected_size
    if want is not None and part.size != want:
        raise ConnectionFailed(f"download ended at {part.size} of {want} bytes")


def _fetch_fast(client: httpx.Client, url: str, part: _PartFile, expected_size: int | None,
                cancelled: threading.Event) -> bool:
    """One attempt on the fast path (worker thread); returns whether it resumed."""
    offset = part.size
    headers = {"Range": f"bytes={offset}-"} if offset else {}
    try:
        opened = result_host.open_result(url, headers, client)
    except OSError as exc:  # refused, reset, DNS, TLS, connect timeout
        raise ConnectionFailed(f"cannot reach the result host: {exc!r}") from exc
    except http.client.HTTPException as exc:
        raise ConnectionFailed(f"the result host broke the answer: {exc!r}") from exc
    try:
        if opened.status == 416 and offset:
            part.truncate()  # our part file is complete or wrong: start over to be sure
            raise ConnectionFailed("range not satisfiable; restarting download")
        if opened.status not in (200, 206):
            raise opened.error()
        resumed, total = _start_body(opened.status, opened.response.headers, part, expected_size,
                                     offset)
        writer = _Writer(part, buffers=BUFFERS)
        try:
            result_host.read_body(opened, writer.take_buffer, writer.put, writer.give_back,
                                  cancelled)
        finally:
            writer.close()
    finally:
        opened.close()
    _check_complete(part, total, expected_size)
    return resumed


def _fetch_httpx(client: httpx.Client, url: str, part: _PartFile, expected_size: int | None,
                 cancelled: threading.Event) -> bool:
    """One attempt through httpx (custom transports, proxies); returns whether it resumed."""
    offset = part.size
    headers = {"Range": f"bytes={offset}-"} if offset else {}
    try:
        response = _send_checking_redirects(client, url, headers)
        try:
            if response.status_code == 416 and offset:
                part.truncate()
                raise ConnectionFailed("range not satisfiable; restarting download")
            if response.status_code not in (200, 206):
                response.read()
                raise error_from_response(response)
            resumed, total = _start_body(response.status_code, response.headers, part,
                                         expected_size, offset)
            _copy_body(response, part, cancelled)
        finally:
            response.close()
    except httpx.TimeoutException as exc:
        raise ConnectionFailed(f"download stalled after {part.size} bytes") from exc
    except httpx.TransportError as exc:
        raise ConnectionFailed(f"download broke after {part.size} bytes: {exc!r}") from exc
    _check_complete(part, total, expected_size)
    return resumed


def _send_checking_redirects(client: httpx.Client, url: str,
                             headers: dict[str, str]) -> httpx.Response:
    """httpx's redirect following, with `check_url_is_safe` before every hop."""
    request = client.build_request("GET", url, headers=headers)
    for _ in range(result_host.MAX_REDIRECTS + 1):
        check_url_is_safe(request.url, "download redirect")
        response = client.send(request, stream=True, follow_redirects=False)
        if response.next_request is None:
            return response
        response.close()
        request = response.next_request
    raise ProtocolError(f"more than {result_host.MAX_REDIRECTS} redirects for a download URL")


class _Writer:
    """Hashes and writes buffers in a thread of its own, so reading the socket never waits
    for the disk or the hash (both release the GIL): the two overlap on two cores.
    With `buffers`, it owns a small pool of reusable read buffers and returns each one
    once written: memory stays at buffers × 1 MiB."""

    def __init__(self, part: _PartFile, buffers: int = 0) -> None:
        self.part = part
        self.queue: queue.Queue[tuple[bytes | memoryview, bytearray | None] | None] = \
            queue.Queue(maxsize=8)  # ≤ 8 MiB in flight
        self.free: queue.Queue[bytearray] = queue.Queue()
        for _ in range(buffers):
            self.free.put(bytearray(WRITE_BATCH))
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="download-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while (item := self.queue.get()) is not None:
            data, buffer = item
            if self.error is None:
                try:
                    self.part.append(data)
                except BaseException as exc:  # re-raised in the reading thread
                    self.error = exc
            if buffer is not None:
                self.free.put(buffer)

    def take_buffer(self) -> bytearray:
        """A free read buffer (waits while all are queued for writing)."""
        if self.error is not None:
            raise self.error
        return self.free.get()

    def give_back(self, buffer: bytearray) -> None:
        self.free.put(buffer)

    def put(self, data: bytes | memoryview, buffer: bytearray | None = None) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put((data, buffer))

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


def _expected_total(status: int, headers: _Headers, offset: int) -> int | None:
    if status == 206:
        content_range = (headers.get("content-range") or "").strip()
        match = _CONTENT_RANGE.fullmatch(content_range)
        if not match or int(match.group(1)) != offset:
            raise ProtocolError(f"bad Content-Range {content_range!r}")
        return int(match.group(3)) if match.group(3) != "*" else None
    length = headers.get("content-length")
    return int(length) if length and length.isdigit() else None
