"""api/urls.py parses API bases without httpx (start-up, issue 14): it must agree with the
httpx-based functions it stands in for, on every kind of URL, and refuse the same ones."""

from __future__ import annotations

import httpx
import pytest

from airforce_studio.api.errors import UnsafeUrl
from airforce_studio.api.origin import normalize_api_base, origin_of
from airforce_studio.api.urls import normalize_base, split_origin

URLS = [
    "https://api.airforce", "https://api.airforce/", "https://API.Airforce/v1/",
    "https://api.airforce:443", "https://api.airforce:8443/base//", "http://127.0.0.1:8080",
    "http://localhost:9/", "http://[::1]:8080/x", "https://bücher.example/v1",
    "https://user:pw@api.example/", "https://api.example/a%20b/", "https://api.example?q=1",
    "HTTPS://api.example", "http://example.com", "ftp://api.example", "https://",
    "http://10.0.0.1:80", "https://api.example:443/v1/../v2",
]


@pytest.mark.parametrize("url", URLS)
def test_normalize_base_agrees_with_httpx(url):
    try:
        expected = str(normalize_api_base(url))
    except UnsafeUrl:
        with pytest.raises(UnsafeUrl):
            normalize_base(url)
        return
    assert normalize_base(url) == expected


@pytest.mark.parametrize("url", [u for u in URLS if "://" in u and not u.endswith("://")])
def test_split_origin_agrees_with_httpx(url):
    parsed = httpx.URL(url)
    assert split_origin(url) == (parsed.scheme, parsed.host, parsed.port)
    scheme, host, port = split_origin(url)
    assert origin_of(parsed) == (scheme, host, port or {"http": 80, "https": 443}.get(scheme))
