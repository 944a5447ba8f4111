"""Follow one task to a terminal status: SSE first, polling only as the fallback.

A dropped stream reconnects with backoff (inside the client); after repeated failures
we poll every 5–15 s with jitter, and try the stream again every few polls, so a
recovered network brings us back to live updates.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from ..api.client import ApiClient
from ..api.errors import ApiError, NotFound, StreamDropped
from ..api.retry import is_retryable
from ..api.types import Task


@dataclass(frozen=True)
class FollowConfig:
    poll_interval: tuple[float, float] = (5.0, 15.0)
    stream_reconnects: int = 3
    polls_between_stream_tries: int = 3


async def follow_task(
    client: ApiClient,
    task: Task,
    on_update: Callable[[Task], None],
    config: FollowConfig = FollowConfig(),
    on_error: Callable[[BaseException], object] | None = None,
    gate: Callable[[], Awaitable[None]] | None = None,
) -> Task:
    """Returns the terminal task (with result_url when completed). Raises NotFound.

    Retryable trouble is absorbed here (bounded: the stream backs off, polls are 5–15 s
    apart) and reported to `on_error`, so the engine's circuit breaker sees it; `gate`
    is awaited before each new request, so an open circuit holds every follower."""
    report = on_error or (lambda error: None)
    wait_turn = gate or _no_gate
    last = task
    while True:
        await wait_turn()
        try:
            async for update in client.stream_task(last.task_id,
                                                   reconnects=config.stream_reconnects):
                last = update.merged_over(last)
                on_update(last)
                if last.status.is_terminal:
                    return await _with_result(client, last)
        except NotFound:
            raise
        except (StreamDropped, ApiError) as error:
            if not isinstance(error, StreamDropped) and not is_retryable(error):
                raise
            report(error)
        # Fallback: poll a few times, then give the stream another chance.
        for _ in range(config.polls_between_stream_tries):
            await asyncio.sleep(random.uniform(*config.poll_interval))
            await wait_turn()
            try:
                polled = await client.get_task(last.task_id)
            except NotFound:
                raise
            except ApiError as error:
                if not is_retryable(error):
                    raise
                report(error)
                continue
            last = polled.merged_over(last)
            on_update(last)
            if last.status.is_terminal:
                return await _with_result(client, last)


async def _no_gate() -> None:
    return None


async def _with_result(client: ApiClient, task: Task) -> Task:
    """Stream payloads may be partial: one GET fills in a missing result_url."""
    if task.status == "completed" and not task.result_url:
        return (await client.get_task(task.task_id)).merged_over(task)
    return task
