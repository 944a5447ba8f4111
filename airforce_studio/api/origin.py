"""Where the API key may go: the API base's origin (scheme, host, port) and nowhere else."""

from __future__ import annotations

from collections.abc import Generator

import httpx

from .errors import UnsafeUrl
from .urls import DEFAULT_API_BASE, api_base_from_env, is_loopback_host

__all__ = ["DEFAULT_API_BASE", "OriginBearerAuth", "api_base_from_env", "check_url_is_safe",
           "is_loopback", "normalize_api_base", "origin_of"]


is_loopback = is_loopback_host  # one definition, in urls (importable without httpx)


def check_url_is_safe(url: str | httpx.URL, what: str) -> httpx.URL:
    """https anywhere; plain http only on loopback (the simulator, a local proxy)."""
    try:
        parsed = httpx.URL(str(url))
    except (httpx.InvalidURL, ValueError) as exc:  # e.g. "http://[::1": a bad port
        raise UnsafeUrl(f"refusing {what} {str(url)[:120]!r}: not a valid URL ({exc})") from exc
    if parsed.scheme == "https" and parsed.host:
        return parsed
    if parsed.scheme == "http" and parsed.host and is_loopback(parsed.host):
        return parsed
    raise UnsafeUrl(f"refusing {what} {str(parsed)[:120]!r}: only https, or http on loopback")


def normalize_api_base(base: str) -> httpx.URL:
    url = check_url_is_safe(base.rstrip("/"), "API base")
    return url.copy_with(path=url.path.rstrip("/") or "", query=None, fragment=None)


def origin_of(url: httpx.URL) -> tuple[str, str, int | None]:
    default = {"http": 80, "https": 443}.get(url.scheme)
    return url.scheme, url.host, url.port or default


class OriginBearerAuth(httpx.Auth):
    """Adds `Authorization: Bearer` only to requests for the API's own origin.

    httpx already strips the header on cross-origin redirects; this guards every other
    path (an absolute URL passed by mistake, a result URL on the CDN) as well.
    """

    def __init__(self, api_key: str, api_origin: tuple[str, str, int | None]) -> None:
        self._header = f"Bearer {api_key}"
        self._origin = api_origin

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if origin_of(request.url) == self._origin:
            request.headers["Authorization"] = self._header
        else:
            request.headers.pop("Authorization", None)
        yield request

    def __repr__(self) -> str:  # never show the key in a repr or a log line
        return "OriginBearerAuth(<hidden>)"
