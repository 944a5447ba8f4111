"""Capped, jittered backoff for idempotent calls. Paid calls never come through here."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TypeVar

from .errors import ApiError, ConnectionFailed, RateLimited, ServerError

T = TypeVar("T")


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 4  # total tries, the first included
    base_delay: float = 0.5
    max_delay: float = 8.0
    max_retry_after: float = 60.0  # a server asking for longer than this gets reported

    def delay(self, attempt: int, error: ApiError) -> float:
        """Seconds to wait before try number attempt+1 (attempt counts from 0)."""
        if isinstance(error, RateLimited) and error.retry_after is not None:
            return min(error.retry_after, self.max_retry_after)
        ceiling = min(self.max_delay, self.base_delay * (2**attempt))
        return random.uniform(ceiling / 2, ceiling)  # "equal jitter": never zero, never herds


def is_retryable(error: BaseException) -> bool:
    return isinstance(error, ConnectionFailed | RateLimited | ServerError)


async def with_retries(call: Callable[[], Awaitable[T]], policy: RetryPolicy) -> T:
    for attempt in range(policy.attempts):
        try:
            return await call()
        except ApiError as error:
            last_try = attempt == policy.attempts - 1
            if last_try or not is_retryable(error):
                raise
            if isinstance(error, RateLimited) and (error.retry_after or 0) > policy.max_retry_after:
                raise
            await asyncio.sleep(policy.delay(attempt, error))
    raise AssertionError("unreachable")  # pragma: no cover
