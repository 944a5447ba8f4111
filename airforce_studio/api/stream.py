"""Task updates over Server-Sent Events, typed and terminal-aware.

httpx-sse does the wire format (comments, `retry:`, `id:`, CRLF, multi-line `data:`);
this module decides what an event means: unknown event names are skipped, and whether
a task is finished is decided by `data.status`, never by the event's name.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass

import httpx
from httpx_sse import ServerSentEvent, aconnect_sse

from .errors import ProtocolError, StreamDropped, error_from_response
from .types import Task

# "message" is the SSE default name; the rest are what the contract names or implies.
KNOWN_EVENTS = frozenset(
    {"message", "progress", "status", "update", "queued", "running", "completed", "failed",
     "expired"}
)


@dataclass
class StreamCursor:
    """What a reconnect needs to carry on where the last connection stopped."""

    last_event_id: str | None = None
    retry_ms: int | None = None


def decode_event(sse: ServerSentEvent) -> Task | None:
    """The task update an event carries, or None for events we do not know."""
    if (sse.event or "message") not in KNOWN_EVENTS:
        return None
    if not sse.data.strip():
        return None
    try:
        payload = json.loads(sse.data)
    except ValueError as exc:
        raise ProtocolError(f"stream event is not JSON: {sse.data[:120]!r}") from exc
    return Task.from_json(payload)


async def open_task_stream(
    client: httpx.AsyncClient, path: str, cursor: StreamCursor
) -> AsyncIterator[Task]:
    """One connection's worth of updates; raises StreamDropped if it ends early."""
    headers = {"Last-Event-ID": cursor.last_event_id} if cursor.last_event_id else {}
    # Reads may legitimately be idle for a long time between progress events.
    timeout = httpx.Timeout(10.0, read=120.0)
    try:
        async with aconnect_sse(client, "GET", path, headers=headers, timeout=timeout) as source:
            response = source.response
            if response.status_code != 200:
                await response.aread()
                raise error_from_response(response)
            ctype = response.headers.get("content-type", "")
            if "text/event-stream" not in ctype:
                await response.aread()
                raise ProtocolError(
                    f"expected an event stream, got {ctype or 'no content type'} "
                    f"({len(response.content)} bytes)"
                )
            async with contextlib.aclosing(source.aiter_sse()) as events:
                async for sse in events:
                    if sse.id:
                        cursor.last_event_id = sse.id
                    if sse.retry is not None:
                        cursor.retry_ms = sse.retry
                    task = decode_event(sse)
                    if task is None:
                        continue
                    yield task
                    if task.status.is_terminal:
                        return
    except httpx.TimeoutException as exc:
        raise StreamDropped(f"event stream stalled: {exc!r}") from exc
    except httpx.TransportError as exc:
        raise StreamDropped(f"event stream broke: {exc!r}") from exc
    raise StreamDropped("event stream closed before the task finished")


__all__ = ["KNOWN_EVENTS", "StreamCursor", "decode_event", "open_task_stream"]
