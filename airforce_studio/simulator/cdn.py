"""The result host: pre-signed, expiring URLs on a second origin, answering Range requests."""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import re
import time

from aiohttp import web

from .state import SimState, SimTask

CHUNK = 64 * 1024
_NAME = re.compile(r"(?P<task>[A-Za-z0-9_]+)\.(?P<ext>mp4|jpg)")
_RANGE = re.compile(r"bytes=(\d*)-(\d*)")


class Signer:
    def __init__(self, secret: bytes | None = None) -> None:
        """`secret`: kept across restarts in demo mode, so links given out stay valid."""
        self._secret = secret or hashlib.sha256(str(time.time_ns()).encode()).digest()

    def sign(self, name: str, expires: int) -> str:
        return hmac.new(self._secret, f"{name}:{expires}".encode(), "sha256").hexdigest()

    def url(self, cdn_base: str, name: str, expires: int) -> str:
        return f"{cdn_base}/video/{name}?exp={expires}&sig={self.sign(name, expires)}"

    def valid(self, name: str, expires: int, signature: str) -> bool:
        return hmac.compare_digest(self.sign(name, expires), signature)


def _text(status: int, message: str) -> web.Response:
    return web.Response(status=status, text=message + "\n")


def build_cdn_app(state: SimState, signer: Signer) -> web.Application:
    app = web.Application()

    @web.middleware
    async def record(request: web.Request, handler):
        state.requests.append({"server": "cdn", "method": request.method,
                               "path": request.path_qs, "headers": dict(request.headers)})
        return await handler(request)

    app.middlewares.append(record)

    async def serve(request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        match = _NAME.fullmatch(name)
        try:
            expires = int(request.query.get("exp", ""))
        except ValueError:
            return _text(403, "Forbidden: missing or bad expiry")
        if not match or not signer.valid(name, expires, request.query.get("sig", "")):
            return _text(403, "Forbidden: bad signature")
        if time.time() >= expires:
            return _text(403, "Forbidden: this link has expired")
        task = _find(state, match["task"])
        path = None
        if task is not None:
            path = task.mp4_path if match["ext"] == "mp4" else task.jpg_path
        if task is None or task.deleted or path is None or not path.exists():
            return _text(404, "Not Found")
        return await _send_file(request, state, path, "video/mp4" if match["ext"] == "mp4"
                                else "image/jpeg")

    app.router.add_get("/video/{name}", serve)
    return app


def _find(state: SimState, task_id: str) -> SimTask | None:
    for account in state.accounts.values():
        if task_id in account.tasks:
            return account.tasks[task_id]
    return None


async def _send_file(request: web.Request, state: SimState, path, ctype: str):
    size = path.stat().st_size
    start, end = 0, size - 1
    status = 200
    header = request.headers.get("Range")
    if header:
        match = _RANGE.fullmatch(header.strip())
        if not match or (not match[1] and not match[2]):
            return _text(416, "Range Not Satisfiable")
        if match[1]:
            start = int(match[1])
            end = min(int(match[2]), size - 1) if match[2] else size - 1
        else:  # suffix range: the last N bytes
            start = max(0, size - int(match[2]))
        if start >= size or start > end:
            return web.Response(status=416, headers={"Content-Range": f"bytes */{size}"})
        status = 206
    response = web.StreamResponse(status=status)
    response.content_type = ctype
    response.content_length = end - start + 1
    response.headers["Accept-Ranges"] = "bytes"
    if status == 206:
        response.headers["Content-Range"] = f"bytes {start}-{end}/{size}"
    await response.prepare(request)
    knobs = state.knobs
    half = start + (end - start + 1) // 2
    cut_at = half if knobs.take("truncate_downloads_next") else None
    stall_at = half if knobs.take("stall_downloads_next") else None
    rate = knobs.download_bytes_per_second
    step = min(CHUNK, max(1024, rate // 10)) if rate else CHUNK  # ~10 writes a second
    with open(path, "rb") as file:
        file.seek(start)
        position = start
        while position <= end:
            if rate and position > start:
                await asyncio.sleep(step / rate)
            chunk = file.read(min(step, end - position + 1))
            if cut_at is not None and position + len(chunk) > cut_at:
                await response.write(chunk[: cut_at - position])
                request.transport.close()  # a connection lost mid-body
                return response
            if stall_at is not None and position + len(chunk) > stall_at:
                await response.write(chunk[: stall_at - position])
                await asyncio.sleep(60)  # silent, connection open: only a timeout helps
                request.transport.close()
                return response
            await response.write(chunk)
            position += len(chunk)
    await response.write_eof()
    return response
