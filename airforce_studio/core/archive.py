"""Completed task → verified clip in the library, never a partial file in it.

Both files download at once into a staging folder on the same file system, the MP4 is
checked (size, sha256 as served, it decodes), tagged with prompt/model/seed by a remux,
and only then renamed into `clips/`. The sidecar is written last: a clip without one
is invisible to `rebuild`, and re-archiving the same task simply replaces the files.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import hashlib
import os
import shutil
import time
from pathlib import Path
from typing import Any

from ..api.client import ApiClient
from ..api.errors import ApiError
from ..api.types import Task
from .faults import crash_point
from .filmstrip import make_filmstrip_for
from .journal import Item
from .library import ClipRecord, Library, safe_name
from .media import frame_image, probe_video, sha256_file, tag_clip


class ArchiveError(Exception):
    """The clip could not be archived this time; the engine decides whether to retry."""


def clip_comment(item: Item) -> str:
    request = item.request
    return (f"prompt: {request.get('prompt', '')}\nmodel: {item.model}\n"
            f"seed: {'' if item.seed is None else item.seed}")


async def archive_task(
    client: ApiClient, library: Library, staging_root: Path, item: Item, task: Task
) -> ClipRecord:
    if not task.result_url:
        raise ArchiveError("the completed task has no result URL")
    staging = staging_root / safe_name(task.task_id)
    staging.mkdir(parents=True, exist_ok=True)
    served_mp4, served_jpg = staging / "served.mp4", staging / "served.jpg"
    mp4_job = client.download(task.result_url, served_mp4)
    jpg_job = _thumbnail(client, task.thumbnail_url, served_jpg)
    downloaded, thumbnail = await asyncio.gather(mp4_job, jpg_job)
    try:
        await asyncio.to_thread(probe_video, served_mp4)
    except Exception:
        served_mp4.unlink(missing_ok=True)  # bad bytes: the next try starts clean
        raise
    crash_point("after-download")
    tagged = staging / "tagged.mp4"
    await asyncio.to_thread(tag_clip, served_mp4, tagged, clip_comment(item))
    if thumbnail is None:
        thumbnail = await asyncio.to_thread(frame_image, tagged, served_jpg)
    stored_sha = await asyncio.to_thread(sha256_file, tagged)
    crash_point("after-tag")

    created = task.created or item.created or int(time.time())
    mp4_path, jpg_path, _ = library.paths_for(task.task_id, created)
    await asyncio.to_thread(_move_into_library, thumbnail, jpg_path, tagged, mp4_path)
    crash_point("after-move")
    record = ClipRecord(
        task_id=task.task_id,
        file=library.relative(mp4_path),
        thumbnail=library.relative(jpg_path),
        prompt=item.prompt,
        model=item.model,
        created=created,
        archived_at=time.time(),
        duration_seconds=task.duration_seconds or item.duration_seconds,
        cost_cents=task.cost_cents if task.cost_cents is not None else item.cost_cents,
        seed=item.seed,
        size=mp4_path.stat().st_size,
        sha256_served=downloaded.sha256,
        sha256_stored=stored_sha,
        input_images_sha256=_image_hashes(item.request),
        request=item.request,
        task=_task_fields(task),
    )
    await asyncio.to_thread(library.write_sidecar, record)  # fsync: off the loop's thread
    await make_filmstrip_for(library, record.file)  # hover-scrub frames; optional, never fails
    library.index(record)
    crash_point("after-sidecar")
    # Off the loop: freeing a served mp4's blocks stalled the window for ~100 ms (issue 14).
    await asyncio.to_thread(shutil.rmtree, staging, ignore_errors=True)
    return record


def _move_into_library(thumbnail: Path, jpg_path: Path, tagged: Path, mp4_path: Path) -> None:
    """Renames within one file system: atomic, but a rename can wait for the disk."""
    mp4_path.parent.mkdir(parents=True, exist_ok=True)
    os.replace(thumbnail, jpg_path)
    os.replace(tagged, mp4_path)


async def _thumbnail(client: ApiClient, url: str | None, dest: Path) -> Path | None:
    """The poster frame is nice to have: any failure falls back to one we make."""
    if not url:
        return None
    with contextlib.suppress(ApiError, OSError):
        return (await client.download(url, dest)).path
    return None


def _image_hashes(request: dict[str, Any]) -> list[str]:
    """sha256 of each input image as sent (URL images: of the URL text)."""
    hashes = []
    for image in request.get("input_images") or []:
        if "stored" in image:
            hashes.append(str(image["stored"]))
        elif "b64_json" in image:
            with contextlib.suppress(binascii.Error, ValueError):
                hashes.append(hashlib.sha256(base64.b64decode(image["b64_json"])).hexdigest())
        elif "url" in image:
            hashes.append(hashlib.sha256(str(image["url"]).encode()).hexdigest())
    return hashes


def _task_fields(task: Task) -> dict[str, Any]:
    fields = {
        "task_id": task.task_id, "status": str(task.status), "model": task.model,
        "duration_seconds": task.duration_seconds, "created": task.created,
        "expires_at": task.expires_at, "cost_cents": task.cost_cents,
    }
    return {k: v for k, v in fields.items() if v is not None}
