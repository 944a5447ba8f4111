"""The API as typed async calls over one long-lived httpx.AsyncClient.

Idempotent calls (GET, DELETE, stream reconnects) retry on connection errors, 429 and
5xx; `create_task` never does, because it is paid: after an ambiguous failure the
caller must look for the task in `list_tasks` before sending again.
"""

from __future__ import annotations

import asyncio
import json
import threading
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

from .. import __version__
from . import download as _download
from .errors import (
    ApiError,
    ConnectionFailed,
    ProtocolError,
    RequestInvalid,
    StreamDropped,
    error_from_response,
    excerpt,
    parse_http_date,
)
from .origin import OriginBearerAuth, normalize_api_base, origin_of
from .retry import RetryPolicy, is_retryable, with_retries
from .stream import StreamCursor, open_task_stream
from .types import Model, Task, TaskRequest, TaskStatus

USER_AGENT = f"airforce-studio/{__version__}"
DEFAULT_TIMEOUT = httpx.Timeout(30.0, connect=10.0)


class ApiClient:
    """Talks to one API base with one key; results are fetched by a credential-free client."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        download_transport: httpx.BaseTransport | None = None,
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
        retry: RetryPolicy = RetryPolicy(),
    ) -> None:
        self.base_url = normalize_api_base(base_url)
        self.retry = retry
        headers = {"User-Agent": USER_AGENT, "Accept": "application/json"}
        self._http = httpx.AsyncClient(
            base_url=self.base_url,
            auth=OriginBearerAuth(api_key, origin_of(self.base_url)),
            headers=headers,
            timeout=timeout,
            transport=transport,
            follow_redirects=False,
        )
        self._download_transport = download_transport
        # Seconds the server's clock runs ahead of ours, from the last `Date` header seen
        # (None: none seen yet). `created`/`expires_at` are on the server's clock.
        self.server_offset: float | None = None
        self._files_client: httpx.Client | None = None
        self._files_lock = threading.Lock()

    @property
    def _files(self) -> httpx.Client:
        """The result host's client, made on first download (loading CA certificates costs
        tens of milliseconds that start-up need not pay). No auth, no shared cookies:
        result URLs are pre-signed and on another host. Blocking: each download runs as
        one transfer in a worker thread (download.py)."""
        with self._files_lock:
            if self._files_client is None:
                self._files_client = httpx.Client(
                    headers={"User-Agent": USER_AGENT},
                    timeout=httpx.Timeout(30.0, connect=10.0),
                    transport=self._download_transport,
                    follow_redirects=True,
                )
            return self._files_client

    def set_api_key(self, api_key: str) -> None:
        """Use another key from now on (the user replaced it in the settings)."""
        self._http.auth = OriginBearerAuth(api_key, origin_of(self.base_url))

    async def __aenter__(self) -> ApiClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.aclose()
        if self._files_client is not None:
            await asyncio.to_thread(self._files_client.close)

    # -- plumbing ---------------------------------------------------------------------

    async def _send(self, method: str, path: str, *,
                    on_response: Callable[[httpx.Response], None] | None = None,
                    **kwargs: Any) -> Any:
        """One request, no retries: the parsed JSON body, or the matching ApiError."""
        try:
            response = await self._http.request(method, path, **kwargs)
        except httpx.TimeoutException as exc:
            raise ConnectionFailed(
                f"{self.base_url.host} did not answer in time ({method} {path})") from exc
        except httpx.TransportError as exc:
            raise ConnectionFailed(
                f"cannot reach {self.base_url.host}: {exc or type(exc).__name__} "
                f"— check the network connection"
            ) from exc
        self._note_clock(response)
        if not response.is_success:
            raise error_from_response(response)
        if on_response is not None:
            on_response(response)
        if response.status_code == 204 or not response.content:
            return None
        try:
            return json.loads(response.content)
        except (ValueError, UnicodeDecodeError) as exc:
            ctype = response.headers.get("content-type", "no content type")
            raise ProtocolError(
                f"{method} {path} answered {ctype} that is not valid JSON: "
                f"{excerpt(response.content, 100)!r}"
            ) from exc

    def server_now(self) -> float:
        """Now on the server's clock (ours until a `Date` header was seen): what
        `expires_at` and other server times are compared with, however far off ours is."""
        return time.time() + (self.server_offset or 0.0)

    def _note_clock(self, response: httpx.Response) -> None:
        server_time = parse_http_date(response.headers.get("date"))
        if server_time is not None:
            self.server_offset = server_time - time.time()

    async def _idempotent(self, method: str, path: str, **kwargs: Any) -> Any:
        return await with_retries(lambda: self._send(method, path, **kwargs), self.retry)

    # -- the contract -----------------------------------------------------------------

    async def list_models(self) -> list[Model]:
        """Video models only, with parsed capabilities."""
        items = _list_data(await self._idempotent("GET", "/v1/models"), "models")
        models = [Model.from_json(item) for item in items if isinstance(item, dict)]
        return [m for m in models if m is not None]

    async def create_task(self, request: TaskRequest) -> Task:
        """Paid: sent exactly once. A ConnectionFailed here is ambiguous (see module doc)."""
        if any(image.stored is not None for image in request.input_images):
            raise RequestInvalid("input_images", "stored images must be resolved before "
                                                 "sending (a bug: nothing was sent)")
        return Task.from_json(
            await self._send("POST", "/v1/video/generations", json=request.to_json())
        )

    async def get_task(self, task_id: str) -> Task:
        return Task.from_json(await self._idempotent("GET", _task_path(task_id)))

    async def list_tasks(self, limit: int = 50, status: TaskStatus | None = None) -> list[Task]:
        params: dict[str, Any] = {"limit": max(1, min(200, limit))}
        if status is not None:
            params["status"] = str(status)
        body = await self._idempotent("GET", "/v1/video/tasks", params=params)
        return [Task.from_json(item) for item in _list_data(body, "tasks")]

    async def list_tasks_with_server_time(self, limit: int = 200
                                          ) -> tuple[list[Task], float | None]:
        """The task list and the server's clock when it answered (its `Date` header, else
        the newest `created` listed): matching must not trust the local clock."""
        answered: dict[str, str] = {}

        def note_date(response: httpx.Response) -> None:
            answered["date"] = response.headers.get("date", "")

        params = {"limit": max(1, min(200, limit))}
        body = await with_retries(
            lambda: self._send("GET", "/v1/video/tasks", params=params, on_response=note_date),
            self.retry)
        tasks = [Task.from_json(item) for item in _list_data(body, "tasks")]
        server_now = parse_http_date(answered.get("date"))
        if server_now is None:
            server_now = max((t.created for t in tasks if t.created), default=None)
        return tasks, server_now

    async def delete_task(self, task_id: str) -> None:
        """Removes the task and its MP4 from the provider. No refund."""
        await self._idempotent("DELETE", _task_path(task_id))

    async def stream_task(self, task_id: str, *, reconnects: int = 3) -> AsyncIterator[Task]:
        """Updates until a terminal status, reconnecting a dropped stream with backoff.

        Raises StreamDropped once `reconnects` reconnections have failed in a row, so
        the caller can fall back to polling.
        """
        cursor = StreamCursor()
        failures = 0
        while True:
            try:
                async for task in open_task_stream(self._http, _task_path(task_id) + "/stream",
                                                   cursor):
                    failures = 0
                    yield task
                    if task.status.is_terminal:
                        return
            except ApiError as error:
                if not is_retryable(error):
                    raise
                failures += 1
                if failures > reconnects:
                    raise StreamDropped(f"{error} ({failures} attempts)") from error
                delay = self.retry.delay(failures - 1, error)
                if cursor.retry_ms is not None:
                    delay = max(delay, cursor.retry_ms / 1000)
                await asyncio.sleep(delay)

    async def download(
        self, url: str, dest: Path, *, expected_size: int | None = None
    ) -> _download.Downloaded:
        """Credential-free streaming fetch of a result or thumbnail URL (resumable)."""
        # First use builds an SSL context (tens of ms): not on the event loop's thread.
        files = await asyncio.to_thread(lambda: self._files)
        return await _download.download(files, url, dest, expected_size=expected_size)


def _task_path(task_id: str) -> str:
    # A hostile id ("../../x", "a/b?c") must never become another path or query.
    if not task_id or task_id in (".", ".."):
        raise ProtocolError(f"invalid task id {task_id!r}")
    return "/v1/video/tasks/" + quote(task_id, safe="")


def _list_data(body: Any, what: str) -> list[Any]:
    if isinstance(body, dict) and isinstance(body.get("data"), list):
        return body["data"]
    raise ProtocolError(f"the {what} list is not {{'object': 'list', 'data': [...]}}: "
                        f"{excerpt(str(body), 100)!r}")
