"""The result host's fast path (api/result_host.py) against real HTTP servers on loopback:
the simulator's CDN, and a tiny redirecting / Range-ignoring / chunked host of our own."""

from __future__ import annotations

import errno
import hashlib
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from airforce_studio.api import ApiClient, TaskRequest
from airforce_studio.api import download as download_module
from airforce_studio.api.download import WRITE_BATCH, download, part_path
from airforce_studio.api.errors import UnsafeUrl
from airforce_studio.api.result_host import can_take_fast_path
from airforce_studio.api.retry import RetryPolicy
from airforce_studio.errors import DiskFull
from tests.conftest import run
from tests.helpers import sha256

FAST_RETRY = RetryPolicy(attempts=4, base_delay=0.01, max_delay=0.05)
BODY = bytes(range(256)) * 9000  # 2.2 MiB: more than two read buffers


class _Host(http.server.BaseHTTPRequestHandler):
    """Routes: /hop/N/<target> redirects N more times then to target; /ignore-range serves
    BODY with 200 whatever the Range; /chunked serves BODY chunked."""

    protocol_version = "HTTP/1.1"
    seen: list[tuple[str, dict[str, str]]]

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.seen.append((self.path, dict(self.headers)))
        if self.path.startswith("/hop/"):
            _, _, count, target = self.path.split("/", 3)
            left = int(count)
            location = f"/hop/{left - 1}/{target}" if left > 1 else target
            self.send_response(302)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/ignore-range":
            self.send_response(200)
            self.send_header("Content-Length", str(len(BODY)))
            self.end_headers()
            self.wfile.write(BODY)
        elif self.path == "/chunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for start in range(0, len(BODY), 300_000):
                piece = BODY[start:start + 300_000]
                self.wfile.write(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            self.wfile.write(b"0\r\n\r\n")
        else:
            self.send_error(404)


@pytest.fixture
def host() -> Iterator[tuple[str, list]]:
    seen: list = []
    handler = type("Host", (_Host,), {"seen": seen})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


class _NotPlain(httpx.HTTPTransport):
    """A transport httpx uses as is, but not the default one: forces the httpx path."""


def _client(fast: bool, **kwargs) -> httpx.Client:
    return httpx.Client(transport=None if fast else _NotPlain(), **kwargs)


async def _finished(sim, key: str):
    async with ApiClient(sim.api_base, key, retry=FAST_RETRY) as client:
        task = await client.create_task(TaskRequest(model="wan-2.6", prompt="x",
                                                    duration_seconds=10))
        async for update in client.stream_task(task.task_id):
            if update.status.is_terminal:
                return update
    raise AssertionError("the stream ended without a terminal status")


def test_default_client_takes_the_fast_path_custom_transports_and_proxies_do_not(monkeypatch):
    url = "https://cdn.example/v.mp4"
    for var in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(var, raising=False)
    with httpx.Client() as plain, _client(False) as custom:
        assert can_take_fast_path(plain, url)
        assert not can_take_fast_path(custom, url)
        monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
        assert not can_take_fast_path(plain, url)  # httpx speaks to the proxy
        monkeypatch.setenv("NO_PROXY", "cdn.example")
        assert can_take_fast_path(plain, url)
    with httpx.Client(trust_env=False) as ignoring_env:
        assert can_take_fast_path(ignoring_env, url)


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "httpx"])
def test_redirect_to_an_unsafe_host_is_refused_at_the_hop(host, tmp_path, fast):
    base, seen = host
    unsafe = "http://cdn.example.com/v.mp4"  # plain http off loopback

    async def main():
        with _client(fast) as client:
            await download(client, f"{base}/hop/3/{unsafe}", tmp_path / "v.mp4",
                           policy=RetryPolicy(attempts=1))

    with pytest.raises(UnsafeUrl, match="redirect"):
        run(main())
    assert [path for path, _ in seen] == [f"/hop/3/{unsafe}", f"/hop/2/{unsafe}",
                                          f"/hop/1/{unsafe}"]
    assert not (tmp_path / "v.mp4").exists()


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "httpx"])
def test_safe_redirects_reach_the_cdn_without_any_authorization(sim, key, host, tmp_path,
                                                                fast):
    base, seen = host
    done = run(_finished(sim, key))
    httpx.delete(f"{sim.api_base}/_sim/requests")

    async def main():
        with _client(fast, headers={"User-Agent": "studio-test"}) as client:
            return await download(client, f"{base}/hop/2/{done.result_url}",
                                  tmp_path / "v.mp4")

    result = run(main())
    [server_task] = sim.tasks(key)
    assert result.sha256 == server_task["mp4_sha256"] == sha256(result.path)
    cdn = [r for r in httpx.get(f"{sim.api_base}/_sim/requests").json()
           if r["server"] == "cdn"]
    assert len(cdn) == 1 and cdn[0]["headers"].get("User-Agent") == "studio-test"
    assert not [r for r in cdn if "Authorization" in r["headers"] or key in str(r)]
    assert all("Authorization" not in headers for _, headers in seen)


def test_timeout_mid_buffer_resumes_after_the_partial_buffer(sim, key, tmp_path):
    done = run(_finished(sim, key))
    httpx.delete(f"{sim.api_base}/_sim/requests")
    sim.set_knobs(stall_downloads_next=1)  # half the body, then silence

    async def main():
        with httpx.Client(timeout=httpx.Timeout(5.0, read=0.5)) as client:
            assert can_take_fast_path(client, done.result_url)
            return await download(client, done.result_url, tmp_path / "clip.mp4",
                                  policy=FAST_RETRY)

    result = run(main())
    [server_task] = sim.tasks(key)
    assert result.resumed and result.sha256 == server_task["mp4_sha256"] == sha256(result.path)
    half = result.size // 2
    assert half % WRITE_BATCH, "the stall must fall inside a read buffer for this test"
    ranges = [r["headers"].get("Range") for r in sim.requests("cdn")]
    assert ranges == [None, f"bytes={half}-"]  # every byte before the stall was kept


def test_disk_full_on_the_fast_path_leaves_nothing_behind(sim, key, tmp_path, monkeypatch):
    done = run(_finished(sim, key))

    def no_space(self, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(download_module._PartFile, "append", no_space)
    dest = tmp_path / "dl" / "clip.mp4"

    async def main():
        with httpx.Client() as client:
            await download(client, done.result_url, dest)

    with pytest.raises(DiskFull, match="no space left"):
        run(main())
    assert list(dest.parent.iterdir()) == []


def test_fast_path_restarts_when_the_host_ignores_range(host, tmp_path):
    base, seen = host
    dest = tmp_path / "v.mp4"
    part_path(dest).write_bytes(b"garbage-from-an-older-attempt")

    async def main():
        with httpx.Client() as client:
            return await download(client, f"{base}/ignore-range", dest)

    result = run(main())
    assert seen[0][1]["Range"] == "bytes=29-" and not result.resumed
    assert dest.read_bytes() == BODY and result.sha256 == hashlib.sha256(BODY).hexdigest()
    assert not part_path(dest).exists()


def test_fast_path_reads_a_chunked_body(host, tmp_path):
    base, _ = host

    async def main():
        with httpx.Client() as client:
            return await download(client, f"{base}/chunked", tmp_path / "v.mp4")

    result = run(main())
    assert Path(result.path).read_bytes() == BODY and result.size == len(BODY)
