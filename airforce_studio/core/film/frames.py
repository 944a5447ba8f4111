"""One exact frame of a clip, for chaining a shot from another and for `clip:` images.

"last" is the last frame that decodes, not the container's idea of the end: the
decoder is pointed at the keyframe before the final half second and runs to the end
(falling back to decoding everything if that finds nothing). A time picks the frame
shown at that moment. All blocking: call through asyncio.to_thread.
"""

from __future__ import annotations

import io
from pathlib import Path

from ..media import CorruptClip

TAIL_SECONDS = 0.5


def extract_frame(path: Path, at: str | float = "last") -> tuple[bytes, float]:
    """PNG bytes of the frame, and the time it is shown at (seconds)."""
    frame = last_frame(path) if at == "last" else frame_at(path, float(at))
    out = io.BytesIO()
    frame.to_image().save(out, "PNG", compress_level=1, compress_type=3)  # fast, lossless (Z_RLE)
    return out.getvalue(), float(frame.time or 0.0)


def last_frame(path: Path):
    import av

    try:
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            stream.thread_type = "AUTO"
            duration = _duration(container, stream)
            frame = None
            if duration > TAIL_SECONDS * 2:
                target = int((duration - TAIL_SECONDS) / stream.time_base) + (
                    stream.start_time or 0)
                container.seek(target, stream=stream, backward=True)
                for frame in container.decode(stream):  # noqa: B007 - the last one stays
                    pass
            if frame is None:
                container.seek(0, stream=stream, backward=True)
                for frame in container.decode(stream):  # noqa: B007
                    pass
    except (av.FFmpegError, OSError, IndexError) as exc:
        raise CorruptClip(f"{path.name} does not decode as video: {exc}") from exc
    if frame is None:
        raise CorruptClip(f"{path.name} has no frames")
    return frame


def frame_at(path: Path, seconds: float):
    """The frame on screen at `seconds` (the last one if the clip is shorter)."""
    import av

    try:
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            stream.thread_type = "AUTO"
            target = int(max(0.0, seconds) / stream.time_base) + (stream.start_time or 0)
            container.seek(target, stream=stream, backward=True)
            chosen = None
            for frame in container.decode(stream):
                if chosen is not None and frame.time is not None \
                        and frame.time > seconds + 1e-6:
                    break
                chosen = frame
    except (av.FFmpegError, OSError, IndexError) as exc:
        raise CorruptClip(f"{path.name} does not decode as video: {exc}") from exc
    if chosen is None:
        raise CorruptClip(f"{path.name} has no frames")
    return chosen


def _duration(container, stream) -> float:
    if stream.duration:
        return float(stream.duration * stream.time_base)
    if container.duration:
        import av

        return container.duration / av.time_base
    return 0.0
