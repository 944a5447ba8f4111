"""Input images: load, validate, downscale and base64-encode, off the event loop's thread.

Anything a user can drop or paste comes through here, so every failure is a clear
`ImageRejected` naming the file and what is wrong with it; nothing half-loaded escapes.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from ..api.types import InputImage
from ..errors import InvalidInput

# These load on first use: the editor imports this module before the window paints.
from ..lazy import PIL_Image as Image
from ..lazy import asyncio, httpx

MAX_SIDE = 2048  # long side after downscaling
MAX_ENCODED_BYTES = 8 * 1024 * 1024
MAX_SOURCE_BYTES = 200 * 1024 * 1024  # refuse to even open a file larger than this
MAX_PIXELS = 400_000_000  # decompression-bomb guard (a 20k × 20k image)


class ImageRejected(InvalidInput):
    """This input is not an image we can send; the message says why, for the user.

    `reason` and `params` (name, numbers, detail) let the window say it in its own
    language; the CLI prints the English message."""

    def __init__(self, message: str, reason: str = "", **params: object) -> None:
        super().__init__(message)
        self.reason = reason
        self.params = params


@dataclass(frozen=True)
class PreparedImage:
    name: str
    data: bytes  # encoded PNG or JPEG, ready to send
    mime: str
    width: int
    height: int
    sha256: str  # of the bytes sent
    downscaled: bool
    b64: str = ""  # computed once, off the GUI thread: editors rebuild requests per keystroke

    def as_input(self) -> InputImage:
        return InputImage(b64_json=self.b64 or base64.b64encode(self.data).decode("ascii"))


def prepare_bytes(raw: bytes, name: str) -> PreparedImage:
    """Validate and normalise an image given as bytes. Blocking: use prepare_* async."""
    if not raw:
        raise ImageRejected(f"{name} is empty", "empty", name=name)
    if len(raw) > MAX_SOURCE_BYTES:
        raise ImageRejected(f"{name} is {len(raw) // 2**20} MB; the limit is "
                            f"{MAX_SOURCE_BYTES // 2**20} MB", "too-large", name=name,
                            limit_mb=MAX_SOURCE_BYTES // 2**20)
    try:
        with Image.open(io.BytesIO(raw)) as probe:
            probe.verify()  # catches truncation and corruption cheaply
        image = Image.open(io.BytesIO(raw))
        if image.width * image.height > MAX_PIXELS:
            raise ImageRejected(f"{name} is {image.width}×{image.height} pixels: too large",
                                "too-many-pixels", name=name)
        image.load()
    except ImageRejected:
        raise
    except Image.UnidentifiedImageError as exc:
        raise ImageRejected(f"{name} is not an image (or not a format we can read)",
                            "not-an-image", name=name) from exc
    except Image.DecompressionBombError as exc:
        raise ImageRejected(f"{name} has far too many pixels to be a real photo: {exc}",
                            "too-many-pixels", name=name) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise ImageRejected(f"{name} is damaged or truncated: {exc}", "damaged",
                            name=name, detail=str(exc)) from exc
    return _normalise(image, raw, name)


def _normalise(image: Image.Image, raw: bytes, name: str) -> PreparedImage:
    fmt = (image.format or "").upper()
    downscaled = max(image.size) > MAX_SIDE or len(raw) > MAX_ENCODED_BYTES
    if not downscaled and fmt in ("PNG", "JPEG"):
        data, mime = raw, f"image/{fmt.lower()}"
    else:
        if max(image.size) > MAX_SIDE:
            image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
        data, mime = _encode(image)
    with Image.open(io.BytesIO(data)) as final:
        width, height = final.size
    return PreparedImage(name, data, mime, width, height, hashlib.sha256(data).hexdigest(),
                         downscaled, base64.b64encode(data).decode("ascii"))


def _encode(image: Image.Image) -> tuple[bytes, str]:
    """PNG where there is transparency, JPEG otherwise; JPEG quality lowered to fit."""
    out = io.BytesIO()
    has_alpha = image.mode in ("RGBA", "LA") or "transparency" in image.info
    if has_alpha:
        image.convert("RGBA").save(out, "PNG", optimize=True)
        if out.tell() <= MAX_ENCODED_BYTES:
            return out.getvalue(), "image/png"
    rgb = image.convert("RGB")
    for quality in (92, 85, 75, 60):
        out = io.BytesIO()
        rgb.save(out, "JPEG", quality=quality)
        if out.tell() <= MAX_ENCODED_BYTES:
            break
    return out.getvalue(), "image/jpeg"


def prepare_file(path: Path) -> PreparedImage:
    return prepare_bytes(read_regular_file(path, MAX_SOURCE_BYTES), path.name)


def read_regular_file(path: Path, limit: int) -> bytes:
    """At most `limit` bytes of a regular file, else ImageRejected.

    A device (`/dev/zero`) never ends and a named pipe blocks on open, so the kind of file
    is checked first; it is opened non-blocking and checked again on the open descriptor
    (the path may have been swapped), and the read stops at limit + 1 bytes whatever
    `stat` claimed (procfs files and growing files report sizes that are not true).
    """
    name = path.name or str(path)
    try:
        kind = os.stat(path).st_mode
        if stat.S_ISDIR(kind):
            raise ImageRejected(f"{name} is a folder, not an image", "folder", name=name)
        if not stat.S_ISREG(kind):
            raise ImageRejected(f"{name} is not a regular file ({_kind(kind)}); "
                                f"give an image file", "not-a-file", name=name)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                raise ImageRejected(f"{name} is not a regular file; give an image file",
                                    "not-a-file", name=name)
            raw = file.read(limit + 1)
    except FileNotFoundError as exc:
        raise ImageRejected(f"{name} does not exist", "missing", name=name) from exc
    except IsADirectoryError as exc:
        raise ImageRejected(f"{name} is a folder, not an image", "folder", name=name) from exc
    except PermissionError as exc:
        raise ImageRejected(f"{name} cannot be read (permission denied)", "permission",
                            name=name) from exc
    except OSError as exc:
        raise ImageRejected(f"{name} cannot be read: {exc.strerror or exc}", "unreadable",
                            name=name, detail=str(exc.strerror or exc)) from exc
    if len(raw) > limit:
        raise ImageRejected(f"{name} is larger than {limit // 2**20} MB", "too-large",
                            name=name, limit_mb=limit // 2**20)
    return raw


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a plain file"


async def prepare_file_async(path: Path) -> PreparedImage:
    return await asyncio.to_thread(prepare_file, path)


async def prepare_bytes_async(raw: bytes, name: str) -> PreparedImage:
    return await asyncio.to_thread(prepare_bytes, raw, name)


async def fetch_image(url: str, *, transport: httpx.AsyncBaseTransport | None = None
                      ) -> PreparedImage:
    """Download an image URL (no credentials) and prepare it like a dropped file."""
    from ..api.origin import check_url_is_safe  # httpx: after the first paint

    check_url_is_safe(url, "image URL")
    name = url.rsplit("/", 1)[-1].split("?")[0] or "image"
    try:
        # Building the client loads CA certificates: off the event loop's thread.
        client = await asyncio.to_thread(httpx.AsyncClient, timeout=30.0,
                                         follow_redirects=True, transport=transport)
        async with client:
            response = await client.get(url)
    except httpx.HTTPError as exc:
        raise ImageRejected(f"{name} could not be fetched: {exc!r}", "not-fetched",
                            name=name, detail=repr(exc)) from exc
    if response.status_code != 200:
        raise ImageRejected(f"{name} could not be fetched: HTTP {response.status_code}",
                            "not-fetched", name=name, detail=f"HTTP {response.status_code}")
    return await prepare_bytes_async(response.content, name)
