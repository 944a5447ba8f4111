"""The fast path to the result host: one GET at the `http.client` level.

httpx hands a streamed body over in 64 KiB pieces that pass through its Python layers; at
a few hundred MB/s that parsing, not the network or the disk, is the limit. Here the body
is read with `readinto1` straight into reused 1 MiB buffers (one `recv` each, no copy),
which the download's writer thread hashes and writes. Only result URLs take this path:
they are pre-signed, need no credentials and no cookies, so nothing of the API client's
is missing. Every redirect hop is checked by `check_url_is_safe` before it is contacted,
and the request carries no Authorization header at all.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import threading
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from .errors import ApiError, ConnectionFailed, ProtocolError, error_from_response
from .origin import check_url_is_safe

MAX_REDIRECTS = 10
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ERROR_BODY_LIMIT = 64 * 1024

_ssl_lock = threading.Lock()
_ssl_contexts: dict[bool, ssl.SSLContext] = {}


def can_take_fast_path(client: httpx.Client, url: str) -> bool:
    """Whether this client would fetch url plainly: its default transport (not a test's
    MockTransport or a custom one) and no proxy from the environment for this host.
    httpx keeps proxies for those cases; the fast path does not speak to proxies."""
    # httpx has no public accessor for the transport; a missing attribute means "not sure",
    # which keeps the httpx path (correct, only slower).
    if type(getattr(client, "_transport", None)) is not httpx.HTTPTransport:
        return False
    if not client.trust_env:
        return True
    proxies = urllib.request.getproxies_environment()
    parsed = httpx.URL(url)
    if not (proxies.get(parsed.scheme) or proxies.get("all")):
        return True
    return bool(urllib.request.proxy_bypass_environment(parsed.host, proxies))


def _ssl_context(trust_env: bool) -> ssl.SSLContext:
    """The CA bundle httpx would use (certifi, or SSL_CERT_FILE/DIR), HTTP/1.1 only.
    Made once per process: loading the certificates costs tens of milliseconds."""
    with _ssl_lock:
        if trust_env not in _ssl_contexts:
            context = httpx.create_ssl_context(trust_env=trust_env)
            context.set_alpn_protocols(["http/1.1"])
            _ssl_contexts[trust_env] = context
        return _ssl_contexts[trust_env]


@dataclass
class Opened:
    """A response whose headers are read and whose body is ready to stream."""

    connection: http.client.HTTPConnection
    response: http.client.HTTPResponse
    url: httpx.URL

    @property
    def status(self) -> int:
        return self.response.status

    def header(self, name: str) -> str:
        return self.response.getheader(name, "") or ""

    def close(self) -> None:
        self.connection.close()

    def error(self) -> ApiError:
        """The ApiError for a non-success answer (reads at most 64 KiB of its body)."""
        try:
            body = self.response.read(_ERROR_BODY_LIMIT)
        except (OSError, http.client.HTTPException):
            body = b""
        as_httpx = httpx.Response(self.status, headers=self.response.getheaders(),
                                  content=body, request=httpx.Request("GET", self.url))
        return error_from_response(as_httpx)


def open_result(url: str, extra_headers: dict[str, str], client: httpx.Client) -> Opened:
    """GET url, following redirects only to URLs that pass `check_url_is_safe`.
    Timeouts come from the client (connect, then read for every later receive)."""
    timeout = client.timeout
    user_agent = client.headers.get("user-agent", "")
    for hop in range(MAX_REDIRECTS + 1):
        parsed = check_url_is_safe(url, "download URL" if hop == 0 else "download redirect")
        headers = {"Accept-Encoding": "identity", **extra_headers}
        if user_agent:
            headers["User-Agent"] = user_agent
        connection = _connect(parsed, timeout, client.trust_env)
        try:
            target = parsed.raw_path.decode("ascii")
            connection.request("GET", target, headers=headers)
            response = connection.getresponse()
        except BaseException:
            connection.close()
            raise
        location = response.getheader("location")
        if response.status in _REDIRECTS and location:
            connection.close()
            url = str(parsed.join(location))
            continue
        return Opened(connection, response, parsed)
    raise ProtocolError(f"more than {MAX_REDIRECTS} redirects for a download URL")


def _connect(url: httpx.URL, timeout: httpx.Timeout, trust_env: bool) -> http.client.HTTPConnection:
    connect_timeout = timeout.connect
    if url.scheme == "https":
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            url.host, url.port or 443, timeout=connect_timeout, context=_ssl_context(trust_env))
    else:
        connection = http.client.HTTPConnection(url.host, url.port or 80,
                                                timeout=connect_timeout)
    try:
        connection.connect()
        if connection.sock is not None:
            connection.sock.settimeout(timeout.read)  # a stall is a read timeout from here
    except BaseException:
        connection.close()
        raise
    return connection


Deliver = Callable[[memoryview, bytearray], None]


def read_body(opened: Opened, take_buffer: Callable[[], bytearray], deliver: Deliver,
              give_back: Callable[[bytearray], None], cancelled: threading.Event) -> None:
    """Stream the body into buffers from take_buffer, handing each full one (and the
    partly filled last one, even when a timeout or a break ends the read: the resume
    starts after it) to deliver. Stops at Content-Length; the caller checks the size."""
    response = opened.response
    remaining = None if response.chunked else response.length
    buffer = take_buffer()
    view = memoryview(buffer)
    filled = 0
    try:
        while remaining is None or remaining > 0:
            if cancelled.is_set():
                raise ConnectionFailed("download cancelled")
            room = len(buffer) - filled
            if remaining is not None:
                room = min(room, remaining)
            count = _receive(response, view[filled:filled + room])
            if not count:
                break  # the host closed early; the caller sees the short size
            filled += count
            if remaining is not None:
                remaining -= count
            if filled == len(buffer):
                deliver(view, buffer)
                buffer = take_buffer()
                view = memoryview(buffer)
                filled = 0
    finally:
        if filled:
            deliver(view[:filled], buffer)
        else:
            give_back(buffer)


def _receive(response: http.client.HTTPResponse, into: memoryview) -> int:
    """One receive into `into` (a single recv for a plain body); network trouble becomes
    ConnectionFailed, which the download retries with Range."""
    try:
        if response.chunked:  # rare for a file host: http.client decodes the chunks
            data = response.read1(len(into))
            into[:len(data)] = data
            return len(data)
        return response.fp.readinto1(into)
    except (OSError, http.client.HTTPException) as exc:
        what = "stalled" if isinstance(exc, socket.timeout) else f"broke ({exc!r})"
        raise ConnectionFailed(f"download {what}") from exc
