"""One error class per thing a caller can act on, built from the HTTP response.

Every message says what came back (status, the server's own message, or an excerpt of a
body that was not the JSON expected) so the user never sees a bare traceback.
"""

from __future__ import annotations

import json
import time
from typing import TYPE_CHECKING

from ..errors import InvalidInput, StudioError

if TYPE_CHECKING:  # annotations only: the window imports these errors before httpx loads
    import httpx


class RequestInvalid(InvalidInput):
    """A request the server would refuse, caught before anything is sent (or paid).

    `reason` is English for the CLI; `code` and `params` let the window say it in the
    user's language ("Add a first-frame image", not "image mode takes exactly 1…")."""

    def __init__(self, field: str, reason: str, code: str = "invalid",
                 **params: object) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason
        self.code = code
        self.params = params


class ApiError(StudioError):
    """Anything that went wrong talking to the API or its result host."""

    kind = "api"

    status: int | None = None

    def __init__(self, message: str, *, status: int | None = None, type: str | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status
        self.type = type


class BadRequest(ApiError):
    status = 400


class AuthError(ApiError):
    status = 401


class PaymentRequired(ApiError):
    status = 402


class NotFound(ApiError):
    status = 404


class RateLimited(ApiError):
    status = 429

    def __init__(self, message: str, *, retry_after: float | None = None, **kw) -> None:
        super().__init__(message, **kw)
        self.retry_after = retry_after


class ServerError(ApiError):
    """5xx: the provider's trouble; safe to retry idempotent calls."""


class ConnectionFailed(ApiError):
    """No (complete) answer: refused, reset, timed out, or a stream that dropped."""


class StreamDropped(ConnectionFailed):
    """The event stream ended before the task reached a terminal status."""


class ProtocolError(ApiError):
    """An answer that is not what the contract promises: HTML, truncated or wrong JSON."""


class UnsafeUrl(ApiError):
    """A URL we refuse to talk to (plain http to a non-loopback host, say)."""


_BY_STATUS: dict[int, type[ApiError]] = {
    400: BadRequest,
    401: AuthError,
    402: PaymentRequired,
    404: NotFound,
    429: RateLimited,
}

_ADVICE = {
    401: "check the API key",
    402: "top up the account balance",
}


def excerpt(body: bytes | str, limit: int = 160) -> str:
    """A short, single-line, printable piece of a body for an error message."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    text = " ".join(text.split())
    return text[:limit] + ("…" if len(text) > limit else "")


def parse_retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        import email.utils  # not at import: the window paints first (issue 14)

        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def parse_http_date(value: str | None) -> float | None:
    """Epoch seconds of an HTTP date header, or None when absent or unreadable."""
    if not value:
        return None
    try:
        import email.utils

        return email.utils.parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError, IndexError):
        return None


def error_from_response(response: httpx.Response) -> ApiError:
    """Build the matching ApiError from a non-2xx response whose body has been read."""
    status = response.status_code
    server_message, server_type = _server_error(response)
    if server_message is None:
        what = _describe_body(response)
        message = f"HTTP {status} from {response.url.host}: {what}"
    else:
        message = f"HTTP {status}: {server_message}"
    if status in _ADVICE:
        message += f" ({_ADVICE[status]})"
    cls = _BY_STATUS.get(status)
    if cls is RateLimited:
        return RateLimited(
            message,
            retry_after=parse_retry_after(response.headers.get("retry-after")),
            status=status,
            type=server_type,
        )
    if cls is None:
        cls = ServerError if status >= 500 else ApiError
    return cls(message, status=status, type=server_type)


def _server_error(response: httpx.Response) -> tuple[str | None, str | None]:
    try:
        body = json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return None, None
    err = body.get("error") if isinstance(body, dict) else None
    if isinstance(err, dict) and err.get("message"):
        return str(err["message"]), str(err.get("type") or "") or None
    if isinstance(err, str) and err:
        return err, None
    return None, None


def _describe_body(response: httpx.Response) -> str:
    ctype = response.headers.get("content-type", "").split(";")[0].strip() or "no content type"
    if not response.content:
        return f"empty body ({ctype})"
    if "html" in ctype or response.content.lstrip()[:1] == b"<":
        return ("an HTML page, not the API's JSON (a proxy or captive portal?): "
                f"{excerpt(response.content, 100)}")
    return f"unexpected {ctype} body: {excerpt(response.content, 100)}"
