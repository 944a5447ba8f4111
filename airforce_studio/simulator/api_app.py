"""The simulator's API origin: the routes of shared/API.md, its errors, and `/_sim/` admin."""

from __future__ import annotations

import asyncio
import json
import random
import time
from email.utils import formatdate
from typing import Any

from aiohttp import web

from .catalog import models_payload
from .cdn import Signer
from .knobs import Knobs
from .render import ClipSpec
from .state import SimState, SimTask
from .validation import Invalid, validate_create

KEY_PREFIX = "sk-air-sim-"
KEEPALIVE_SECONDS = 10.0
CREATE_PATH = "/v1/video/generations"
_STATE = web.AppKey("state", SimState)
_KEY = web.RequestKey("api_key", str)
_SIGNER = web.AppKey("signer", Signer)
_CDN = web.AppKey("cdn_base", list)  # one-element list: known only once the port is bound


def error(status: int, type_: str, message: str, **headers: str) -> web.Response:
    body = {"error": {"type": type_, "message": message}}
    return web.json_response(body, status=status, headers=headers)


def task_json(request: web.Request, task: SimTask) -> dict[str, Any]:
    offset = request.app[_STATE].knobs.clock_offset_seconds  # the server's clock, not ours
    body: dict[str, Any] = {
        "task_id": task.task_id,
        "object": "video.task",
        "status": task.status,
        "model": task.model,
        "duration_seconds": task.duration_seconds,
        "created": int(task.created + offset),
        "expires_at": int(task.expires_at + offset),
        "cost_cents": task.cost_cents,
    }
    if task.progress is not None:
        body["progress"] = task.progress
    if task.error is not None:
        body["error"] = task.error
    if task.status == "completed":
        signer, cdn = request.app[_SIGNER], request.app[_CDN][0]
        expires = int(task.expires_at)
        if not task.no_result_url:
            body["result_url"] = signer.url(cdn, f"{task.task_id}.mp4", expires)
        body["thumbnail_url"] = signer.url(cdn, f"{task.task_id}.jpg", expires)
    return body


def _key(request: web.Request) -> str:
    return request[_KEY]


@web.middleware
async def gatekeeper(request: web.Request, handler):
    """Records every request, applies the fault knobs, then checks the key."""
    state = request.app[_STATE]
    state.requests.append({"server": "api", "method": request.method,
                           "path": request.path_qs, "headers": dict(request.headers)})
    if request.path.startswith("/_sim/"):
        if request.remote not in ("127.0.0.1", "::1"):
            return error(403, "forbidden", "the admin routes answer loopback only")
        return await handler(request)
    knobs = state.knobs
    if knobs.in_outage():
        return _gateway_page(503, "Service Unavailable")
    if knobs.create_html_always and request.method == "POST" and request.path == CREATE_PATH:
        return _gateway_page(502, "Bad Gateway")
    if knobs.take("error_5xx_next") or knobs.roll("error_5xx_fraction"):
        return error(503, "server_error", "The service is temporarily overloaded (simulated).")
    if knobs.take("rate_limit_next"):
        return error(429, "rate_limit_exceeded", "Too many requests (simulated).",
                     **{"Retry-After": "1"})
    if knobs.take("garbage_next"):
        return _garbage(knobs.garbage_kind)
    auth = request.headers.get("Authorization", "")
    scheme, _, key = auth.partition(" ")
    if scheme.lower() != "bearer" or not key.startswith(KEY_PREFIX) or len(key) <= len(KEY_PREFIX):
        return error(401, "invalid_api_key", "Incorrect or missing API key.")
    request[_KEY] = key
    return await handler(request)


def _garbage(kind: str) -> web.Response:
    if kind == "truncated":
        return web.Response(status=200, content_type="application/json",
                            text='{"object": "list", "data": [{"id": "wan')
    if kind == "wrongtype":
        return web.Response(status=200, content_type="application/json",
                            text='{"object": "list", "data": 42, "task_id": 7}')
    return _gateway_page(502, "Bad Gateway")


def _gateway_page(status: int, reason: str) -> web.Response:
    """What a proxy in front of the API answers when the API is away: HTML, not JSON."""
    return web.Response(status=status, content_type="text/html",
                        text=f"<html><head><title>{status} {reason}</title></head><body>"
                             f"<h1>{status} {reason}</h1><hr>nginx</body></html>")


async def _server_date(request: web.Request, response: web.StreamResponse) -> None:
    """Every answer's `Date` comes from the simulated server's clock (clock offset knob)."""
    knobs = request.app[_STATE].knobs
    response.headers["Date"] = formatdate(knobs.server_time(), usegmt=True)


async def list_models(request: web.Request) -> web.Response:
    return web.json_response(models_payload())


async def create(request: web.Request) -> web.StreamResponse:
    state = request.app[_STATE]
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError):
        return error(400, "invalid_request_error", "request body is not valid JSON")
    try:
        valid = validate_create(body)
    except Invalid as exc:
        return error(400, "invalid_request_error", str(exc))
    key = _key(request)
    account = state.account(key)
    state.sweep_expired(key)
    if len(account.in_flight()) >= state.knobs.max_in_flight:
        return error(429, "rate_limit_exceeded",
                     f"At most {state.knobs.max_in_flight} video tasks may be in flight per key.",
                     **{"Retry-After": str(state.retry_after(key))})
    if account.balance_cents < valid.cost_cents:
        return error(402, "insufficient_quota",
                     f"This task costs {valid.cost_cents} cents; the balance is "
                     f"{account.balance_cents} cents.")
    seed = valid.seed if valid.seed is not None else random.randrange(2**31)  # as a real model
    spec = ClipSpec(prompt=valid.prompt, seed=seed,
                    duration_seconds=valid.duration_seconds, aspect_ratio=valid.aspect_ratio,
                    sound=valid.sound,
                    first_frame=valid.first_image if valid.mode == "image" else None)
    task = state.create(key, valid.model, valid.duration_seconds, valid.cost_cents, spec)
    if state.knobs.create_delay_seconds:
        await asyncio.sleep(state.knobs.create_delay_seconds)
    if state.knobs.take("drop_create_next"):
        request.transport.close()  # created and paid, but the client never hears of it
        raise asyncio.CancelledError
    return web.json_response(task_json(request, task))


def _task_or_404(request: web.Request) -> SimTask | web.Response:
    task = request.app[_STATE].find(_key(request), request.match_info["task_id"])
    if task is None:
        return error(404, "not_found", f"No task {request.match_info['task_id']!r}.")
    return task


async def get_task(request: web.Request) -> web.Response:
    found = _task_or_404(request)
    return found if isinstance(found, web.Response) else web.json_response(
        task_json(request, found))


async def delete_task(request: web.Request) -> web.Response:
    found = _task_or_404(request)
    if isinstance(found, web.Response):
        return found
    request.app[_STATE].delete(found)
    return web.json_response({"task_id": found.task_id, "object": "video.task", "deleted": True})


async def list_tasks(request: web.Request) -> web.Response:
    state = request.app[_STATE]
    try:
        limit = int(request.query.get("limit", "50"))
    except ValueError:
        return error(400, "invalid_request_error", "limit must be an integer")
    if not 1 <= limit <= 200:
        return error(400, "invalid_request_error", "limit must be between 1 and 200")
    status = request.query.get("status")
    statuses = ("queued", "running", "completed", "failed", "expired")
    if status is not None and status not in statuses:
        return error(400, "invalid_request_error", f"status must be one of {', '.join(statuses)}")
    visible_before = time.time() - state.knobs.list_lag_seconds  # a list behind creates
    tasks = [t for t in state.account(_key(request)).tasks.values()
             if not t.deleted and t.created <= visible_before]
    tasks = [t for t in tasks if status is None or t.status == status]
    tasks.sort(key=lambda t: t.created, reverse=True)
    return web.json_response({"object": "list",
                              "data": [task_json(request, t) for t in tasks[:limit]]})


async def stream(request: web.Request) -> web.StreamResponse:
    found = _task_or_404(request)
    if isinstance(found, web.Response):
        return found
    task, knobs = found, request.app[_STATE].knobs
    if knobs.take("refuse_streams_next"):
        return error(503, "server_error", "Event streams are unavailable (simulated).")
    quirks = knobs.sse_quirks
    nl = "\r\n" if quirks else "\n"
    response = web.StreamResponse(headers={"Content-Type": "text/event-stream",
                                           "Cache-Control": "no-cache"})
    await response.prepare(request)
    await response.write(f"retry: 1000{nl}{nl}".encode())
    sent, seen = 0, -1
    while True:
        changed = task.changed
        if task.version != seen:
            seen = task.version
            if task.deleted:
                break
            await response.write(_event(request, task, nl, quirks))
            sent += 1
            if task.terminal:
                break
            if knobs.cut_stream_after and sent >= knobs.cut_stream_after:
                request.transport.close()
                return response
        try:
            await asyncio.wait_for(changed.wait(), KEEPALIVE_SECONDS)
        except TimeoutError:
            await response.write(f": keep-alive{nl}{nl}".encode())
    await response.write_eof()
    return response


def _event(request: web.Request, task: SimTask, nl: str, quirks: bool) -> bytes:
    name = task.status if task.terminal else "progress"
    body = task_json(request, task)
    pad = request.app[_STATE].knobs.sse_pad_bytes
    if pad:
        body["padding"] = "x" * pad  # unknown fields must be ignored, however long
    data = json.dumps(body)
    lines = [f"id: {task.version}", f"event: {name}"]
    if quirks:
        head, _, tail = data.partition(", ")  # valid JSON once the lines are re-joined
        lines = [": simulator says hi", "event: heartbeat", "data: {}", "", *lines,
                 f"data: {head},", f"data: {tail}"]
    else:
        lines.append(f"data: {data}")
    return (nl.join(lines) + nl + nl).encode()


# -- admin (/_sim/, loopback only) ----------------------------------------------------------

async def admin_knobs(request: web.Request) -> web.Response:
    knobs: Knobs = request.app[_STATE].knobs
    if request.method == "POST":
        try:
            knobs.update(await request.json())
        except (ValueError, TypeError) as exc:
            return error(400, "invalid_request_error", str(exc))
    return web.json_response(knobs.as_dict())


async def admin_requests(request: web.Request) -> web.Response:
    state = request.app[_STATE]
    if request.method == "DELETE":
        state.requests.clear()
    return web.json_response(state.requests)


async def admin_state(request: web.Request) -> web.Response:
    state = request.app[_STATE]
    accounts = {
        key: {"balance_cents": account.balance_cents, "tasks": [
            {"task_id": t.task_id, "status": t.status, "model": t.model,
             "cost_cents": t.cost_cents, "refunded": t.refunded, "deleted": t.deleted,
             "mp4_sha256": t.mp4_sha256}
            for t in account.tasks.values()]}
        for key, account in state.accounts.items()
    }
    return web.json_response({"accounts": accounts})


def build_api_app(state: SimState, signer: Signer, cdn_base: list[str]) -> web.Application:
    app = web.Application(middlewares=[gatekeeper], client_max_size=64 * 1024 * 1024)
    app[_STATE], app[_SIGNER], app[_CDN] = state, signer, cdn_base
    app.on_response_prepare.append(_server_date)
    app.router.add_get("/v1/models", list_models)
    app.router.add_post(CREATE_PATH, create)
    app.router.add_get("/v1/video/tasks", list_tasks)
    app.router.add_get("/v1/video/tasks/{task_id}", get_task)
    app.router.add_delete("/v1/video/tasks/{task_id}", delete_task)
    app.router.add_get("/v1/video/tasks/{task_id}/stream", stream)
    app.router.add_route("*", "/_sim/knobs", admin_knobs)
    app.router.add_route("*", "/_sim/requests", admin_requests)
    app.router.add_get("/_sim/state", admin_state)
    return app
