"""Video file checks and edits with PyAV. All blocking: call through asyncio.to_thread.

PyAV is imported on first use: it costs ~50 ms, and the window should paint before.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


class CorruptClip(Exception):
    """The bytes are not a playable video."""


def probe_video(path: Path) -> float:
    """Duration in seconds, after decoding the first frame; raises CorruptClip."""
    import av

    try:
        with av.open(str(path)) as container:
            if not container.streams.video:
                raise CorruptClip(f"{path.name} has no video stream")
            stream = container.streams.video[0]
            next(container.decode(stream))
            if container.duration:
                return container.duration / av.time_base
            return float(stream.duration * stream.time_base) if stream.duration else 0.0
    except (av.FFmpegError, StopIteration, OSError) as exc:
        raise CorruptClip(f"{path.name} does not decode as video: {exc}") from exc


def tag_clip(source: Path, dest: Path, comment: str) -> None:
    """Copy source to dest with `comment` metadata: a remux, no re-encoding."""
    import av

    with av.open(str(source)) as inp, av.open(str(dest), "w", format="mp4") as out:
        out.metadata["comment"] = comment
        mapping = {}
        for stream in inp.streams:
            if stream.type in ("video", "audio"):
                mapping[stream.index] = out.add_stream_from_template(stream)
        for packet in inp.demux():
            target = mapping.get(packet.stream.index)
            if target is None or packet.dts is None:
                continue
            packet.stream = target
            out.mux(packet)


def read_comment(path: Path) -> str:
    import av

    with av.open(str(path)) as container:
        return container.metadata.get("comment", "")


def frame_image(path: Path, dest: Path, *, last: bool = False) -> Path:
    """Save the first (or last) frame as an image (JPEG or PNG by suffix)."""
    import av

    with av.open(str(path)) as container:
        frame = None
        for decoded in container.decode(video=0):
            frame = decoded
            if not last:
                break
        if frame is None:
            raise CorruptClip(f"{path.name} has no frames")
        image = frame.to_image()
    image.save(dest)
    return dest


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()
