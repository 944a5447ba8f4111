"""Stream decoding and download edge cases that a live server cannot easily produce."""

from __future__ import annotations

import errno
import hashlib

import httpx
import pytest

from airforce_studio.api import ApiClient, TaskStatus
from airforce_studio.api import download as download_module
from airforce_studio.api.download import download, part_path
from airforce_studio.api.errors import ProtocolError, UnsafeUrl
from airforce_studio.api.retry import RetryPolicy
from airforce_studio.api.types import Task
from airforce_studio.core.follow import FollowConfig, follow_task
from airforce_studio.errors import DiskFull
from tests.conftest import run

SSE = (
    b": hello\r\n"
    b"retry: 50\r\n\r\n"
    b"event: heartbeat\r\ndata: {\"ignored\": true}\r\n\r\n"
    b"id: 1\r\nevent: progress\r\ndata: {\"task_id\": \"vid_1\",\r\ndata:  \"status\": \"running\","
    b" \"progress\": 40}\r\n\r\n"
    b"event: done-ish\r\ndata: not json at all\r\n\r\n"
    b"id: 2\r\nevent: progress\r\ndata: {\"task_id\": \"vid_1\", \"status\": \"completed\"}\r\n\r\n"
)


class Chunks(httpx.SyncByteStream):
    """A streamed body, as a real network response would be (MockTransport buffers content=)."""

    def __init__(self, body: bytes, size: int = 65536) -> None:
        self.body, self.size = body, size

    def __iter__(self):
        for start in range(0, len(self.body), self.size):
            yield self.body[start:start + self.size]


def streamed(status: int, body: bytes) -> httpx.Response:
    return httpx.Response(status, stream=Chunks(body), headers={"content-length": str(len(body))})


def test_partial_terminal_payload_is_completed_with_one_get():
    """The event name is not trusted, CRLF/multi-line data parse, result_url fetched once."""
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        if request.url.path.endswith("/stream"):
            return httpx.Response(200, content=SSE, headers={"content-type": "text/event-stream"})
        return httpx.Response(200, json={"task_id": "vid_1", "status": "completed",
                                         "result_url": "https://cdn.example/v.mp4"})

    async def main():
        async with ApiClient("https://api.airforce", "sk-air-x",
                             transport=httpx.MockTransport(handler)) as client:
            updates: list[Task] = []
            final = await follow_task(client, Task("vid_1", TaskStatus.QUEUED), updates.append,
                                      FollowConfig(poll_interval=(0.01, 0.02)))
            return updates, final

    updates, final = run(main())
    assert [u.progress for u in updates] == [40, 40]  # progress carried into the partial event
    assert final.status == TaskStatus.COMPLETED
    assert final.result_url == "https://cdn.example/v.mp4"
    assert seen == ["/v1/video/tasks/vid_1/stream", "/v1/video/tasks/vid_1"]


def test_non_sse_answer_to_a_stream_is_a_protocol_error():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, html="<html>captive portal</html>")

    async def main():
        async with ApiClient("https://api.airforce", "sk-air-x",
                             transport=httpx.MockTransport(handler)) as client:
            return [t async for t in client.stream_task("vid_1")]

    with pytest.raises(ProtocolError, match="expected an event stream"):
        run(main())


def test_disk_full_while_downloading_leaves_nothing_behind(tmp_path, monkeypatch):
    body = b"x" * 3_000_000

    def handler(request: httpx.Request) -> httpx.Response:
        return streamed(200, body)

    def no_space(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(download_module._PartFile, "append", no_space)
    dest = tmp_path / "downloads" / "clip.mp4"

    async def main():
        with httpx.Client(transport=httpx.MockTransport(handler)) as client:
            await download(client, "https://cdn.example/clip.mp4", dest)

    with pytest.raises(DiskFull, match="no space left"):
        run(main())
    assert list(dest.parent.iterdir()) == []


def test_host_that_ignores_range_restarts_cleanly(tmp_path):
    body = bytes(range(256)) * 4000
    dest = tmp_path / "clip.mp4"
    part_path(dest).write_bytes(b"garbage-from-an-older-attempt")

    def handler(request: httpx.Request) -> httpx.Response:
        assert request.headers["range"] == "bytes=29-"
        return streamed(200, body)  # no 206: ignores Range

    async def main():
        with httpx.Client(transport=httpx.MockTransport(handler)) as client:
            return await download(client, "https://cdn.example/clip.mp4", dest)

    result = run(main())
    assert dest.read_bytes() == body and not result.resumed
    assert result.sha256 == hashlib.sha256(body).hexdigest()


def test_plain_http_result_url_is_refused(tmp_path):
    async def main():
        with httpx.Client() as client:
            await download(client, "http://cdn.example.com/x.mp4", tmp_path / "x.mp4",
                           policy=RetryPolicy(attempts=1))

    with pytest.raises(UnsafeUrl):
        run(main())
