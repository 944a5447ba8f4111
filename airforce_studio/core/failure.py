"""The failure rule, written once: what an error means for an item's step, and how to wait.

Every step of an item (submit, reconcile, follow, archive) runs under the dispatcher's
supervisor, which asks `classify()` what went wrong and acts on the verdict:

- RETRY    connection, timeout, 408, 429, 5xx, an HTML or non-JSON body: back off with
           jitter (capped), count the attempt, and tell the circuit breaker;
- REFUSED  a create answered 4xx other than 401/402/408/429: nothing was charged;
- GONE     404 for a task we created;
- ACCOUNT  401, 402: the queue pauses with the reason;
- LOCAL    disk full, data folder unwritable: the queue stops, no retry;
- BUG      anything else: the item needs attention (final for this run).

Server trouble is a state of the queue, not of each item: `Breakers` keeps one circuit
per kind of request ("create", "read", "download"). After a few consecutive retryable
failures a circuit opens; callers then wait for its next try instead of each retrying
on their own, and the circuit closes on the first success.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import random
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..api.errors import (
    ApiError,
    AuthError,
    ConnectionFailed,
    NotFound,
    PaymentRequired,
    ProtocolError,
    RateLimited,
    ServerError,
)
from ..errors import InvalidInput, LocalStorageError, local_error_from_os
from .dbguard import storage_error
from .ledger import OverBudget
from .media import CorruptClip

REQUEST_KINDS = ("create", "read", "download")


class Verdict(enum.Enum):
    RETRY = "retry"
    REFUSED = "refused"
    GONE = "gone"
    ACCOUNT = "account"
    LOCAL = "local"
    BUG = "bug"


def as_local_error(error: BaseException) -> LocalStorageError | None:
    """Our own storage failing, whichever layer noticed (OSError or SQLite)."""
    if isinstance(error, LocalStorageError):
        return error
    if isinstance(error, OSError):
        return local_error_from_os(error)
    if isinstance(error, sqlite3.Error):
        return storage_error(error)
    return None


def classify(step: str, error: BaseException) -> Verdict:
    """What `error`, raised by `step`, means for the item."""
    if as_local_error(error) is not None:
        return Verdict.LOCAL
    if isinstance(error, AuthError | PaymentRequired | OverBudget):
        return Verdict.ACCOUNT
    if isinstance(error, InvalidInput) and step == "submit":
        return Verdict.REFUSED  # caught before sending (e.g. a stored image is gone)
    if isinstance(error, NotFound):
        return Verdict.REFUSED if step == "submit" else Verdict.GONE
    if isinstance(error, ConnectionFailed | ServerError | ProtocolError | RateLimited):
        return Verdict.RETRY
    if isinstance(error, ApiError):
        if error.status == 408:
            return Verdict.RETRY
        if step == "submit" and error.status is not None and 400 <= error.status < 500:
            return Verdict.REFUSED
        if step == "archive":  # the result host answered 403/410…: refresh the URL, retry
            return Verdict.RETRY
        return Verdict.BUG
    if isinstance(error, CorruptClip) and step == "archive":
        return Verdict.RETRY
    return Verdict.BUG


def describe(error: BaseException) -> tuple[int | None, str | None]:
    """(HTTP status, "html" | "not-json" | None): what the server answered, for notices."""
    status = getattr(error, "status", None)
    text = str(error)
    body = None
    if "HTML page" in text:
        body = "html"
    elif isinstance(error, ProtocolError):
        body = "not-json"
    return status, body


@dataclass(frozen=True)
class Backoff:
    """Exponential backoff with equal jitter, capped: never zero, never a herd."""

    base: float = 1.0
    cap: float = 60.0

    def delay(self, attempt: int, error: BaseException | None = None) -> float:
        if isinstance(error, RateLimited) and error.retry_after is not None:
            return min(max(error.retry_after, self.base), self.cap)
        ceiling = min(self.cap, self.base * 2 ** min(attempt, 30))
        return random.uniform(ceiling / 2, ceiling)


@dataclass
class Circuit:
    kind: str
    failures: int = 0  # consecutive retryable failures
    failing_since: float | None = None  # wall time of the first of them
    open_until: float = 0.0
    last_error: BaseException | None = None
    announced: bool = False
    announced_until: float = 0.0  # the next try last announced (one notice per change)


class Breakers:
    """One circuit per kind of request; `publish(kind, **params)` tells the world."""

    def __init__(self, backoff: Backoff, threshold: int,
                 publish: Callable[..., object], host: str) -> None:
        self.backoff = backoff
        self.threshold = threshold
        self._publish = publish
        self.host = host
        self.circuits = {kind: Circuit(kind) for kind in REQUEST_KINDS}
        self._changed = asyncio.Event()

    def failure(self, kind: str, error: BaseException) -> float:
        """Count a retryable failure; returns how long the caller should wait."""
        circuit = self.circuits[kind]
        if isinstance(error, RateLimited) and kind == "create":
            # "Too many in flight" is not trouble: the server answered as designed.
            return self.backoff.delay(0, error)
        now = time.time()
        circuit.failures += 1
        circuit.last_error = error
        if circuit.failing_since is None:
            circuit.failing_since = now
        wait = self.backoff.delay(circuit.failures - 1, error)
        if circuit.failures >= self.threshold:
            circuit.open_until = max(circuit.open_until, now + wait)
            if circuit.open_until > circuit.announced_until + 1.0:
                status, body = describe(error)
                self._publish("server-trouble", request_kind=kind, status=status, body=body,
                              host=self.host, error=str(error),
                              next_try_at=circuit.open_until, failures=circuit.failures)
                circuit.announced = True
                circuit.announced_until = circuit.open_until
        return wait

    def success(self, kind: str) -> None:
        circuit = self.circuits[kind]
        if circuit.failures or circuit.open_until:
            announced = circuit.announced
            self.circuits[kind] = Circuit(kind)
            self._changed.set()
            if announced:
                self._publish("server-ok", request_kind=kind)

    def is_open(self, kind: str) -> bool:
        return self.circuits[kind].open_until > time.time()

    def retry_now(self) -> None:
        """The user asked to try again now: every open circuit lets the next call through."""
        for circuit in self.circuits.values():
            circuit.open_until = 0.0
        self._changed.set()

    async def ready(self, kind: str) -> None:
        """Wait while the circuit for `kind` is open (or until `retry_now`)."""
        while (wait := self.circuits[kind].open_until - time.time()) > 0:
            self._changed.clear()
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(wait):  # not wait_for: it can swallow a cancel
                    await self._changed.wait()

    def failing_for(self, kind: str) -> float:
        """Seconds since `kind` last worked (0 while it works)."""
        since = self.circuits[kind].failing_since
        return 0.0 if since is None else time.time() - since

    def host_of(self, url: str) -> str:
        return urlsplit(url).hostname or url
