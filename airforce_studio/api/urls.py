"""API base URLs without httpx: the start-up path parses them before the network loads.

`httpx.URL` is the reference (it normalises IDNA hosts, percent-escapes, IPv6): plain
ASCII URLs are parsed here with `urllib.parse` to the same result, and anything else is
handed to httpx, so both paths always agree (tests/unit/test_fast_urls.py compares them).
"""

from __future__ import annotations

import os
import re
from urllib.parse import urlsplit

from .errors import UnsafeUrl

_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~/-]*)?")
DEFAULT_PORTS = {"http": 80, "https": 443}
DEFAULT_API_BASE = "https://api.airforce"


def api_base_from_env() -> str:
    return os.environ.get("AIRFORCE_API_BASE", "").strip() or DEFAULT_API_BASE


def _plain(url: str) -> bool:
    """ASCII host and path without dot segments (httpx resolves `..`): urllib agrees."""
    return _PLAIN.fullmatch(url) is not None and "/." not in url.split("://", 1)[1]


def split_origin(url: str) -> tuple[str, str, int | None]:
    """(scheme, host, port or None) as `httpx.URL(url)` gives them."""
    if _plain(url):
        parts = urlsplit(url)
        scheme, port = parts.scheme.lower(), parts.port
        return scheme, (parts.hostname or ""), None if port == DEFAULT_PORTS.get(scheme) else port
    import httpx  # an unusual URL: httpx's parser decides

    parsed = httpx.URL(url)
    return parsed.scheme, parsed.host, parsed.port


def is_loopback_host(host: str) -> bool:
    import ipaddress

    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def normalize_base(base: str) -> str:
    """`str(api.origin.normalize_api_base(base))`, without importing httpx when it can."""
    raw = base.rstrip("/")
    if not _plain(raw):
        from .origin import normalize_api_base

        return str(normalize_api_base(base))
    parts = urlsplit(raw)
    scheme, host = parts.scheme.lower(), parts.hostname or ""
    port = parts.port
    if not ((scheme == "https" and host) or (scheme == "http" and host
                                                and is_loopback_host(host))):
        raise UnsafeUrl(f"refusing API base {raw[:120]!r}: only https, or http on loopback")
    netloc = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}:{port}"
    return f"{scheme}://{netloc}{parts.path.rstrip('/')}"
