"""Takes → frames and samples in the film's shape: the reading half of the assembler.

Exactly `frames` video frames per segment (scaled, padded and re-timed by libavfilter
when the take does not already fit), decoded in a second thread while the caller
encodes; and the trimmed sound as 48 kHz stereo float32. Blocking: worker threads only.
"""

from __future__ import annotations

import contextlib
import itertools
import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import numpy as np

from ...errors import StudioError

AUDIO_RATE = 48_000
DEFAULT_CRF = 20
DEFAULT_PRESET = "medium"


class ExportCancelled(Exception):
    """The user cancelled; no output file was left behind."""


class ExportFailed(StudioError):
    """A take could not be read or the output could not be written."""

    kind = "failed"


@dataclass(frozen=True)
class Segment:
    path: Path
    start: float = 0.0  # trim in (seconds of the take)
    end: float | None = None  # trim out; None = to the end
    crossfade: float = 0.0  # seconds overlapped with the previous segment
    label: str = ""  # for messages: the shot id


@dataclass(frozen=True)
class ExportSettings:
    width: int
    height: int
    fps: Fraction | None = None  # None: the first take's rate
    crf: int = DEFAULT_CRF
    preset: str = DEFAULT_PRESET
    comment: str = ""


@dataclass
class Planned:
    """A segment with its trim settled against the take's real length, in frames."""

    segment: Segment
    start: float
    end: float
    frames: int
    fade_in: int  # frames blended with the previous segment
    has_audio: bool


def probe(path: Path) -> tuple[float, Fraction, bool]:
    """(duration s, frame rate, has audio) of a take."""
    import av

    try:
        with av.open(str(path)) as container:
            stream = container.streams.video[0]
            rate = stream.average_rate or stream.guessed_rate or Fraction(24)
            if stream.duration:
                duration = float(stream.duration * stream.time_base)
            else:
                duration = (container.duration or 0) / av.time_base
            return duration, Fraction(rate), bool(container.streams.audio)
    except (av.FFmpegError, OSError, IndexError) as exc:
        raise ExportFailed(f"{path.name} is not a readable video: {exc}") from exc


def video_frames(item: Planned, settings: ExportSettings, fps: Fraction) -> Iterator:
    """Exactly `item.frames` frames of the trimmed take, in the output's size and format."""
    import av

    last = None
    count = 0
    with av.open(str(item.segment.path)) as src:
        stream = src.streams.video[0]
        stream.thread_type = "AUTO"
        if item.start > 0:
            src.seek(int(item.start / stream.time_base) + (stream.start_time or 0),
                     stream=stream, backward=True)
        graph = None
        for decoded in src.decode(stream):
            time = decoded.time or 0.0
            if time < item.start - 0.5 / fps:
                continue
            if time >= item.end - 0.5 / fps:
                break
            if graph is None:
                graph = _Graph(stream, decoded, settings, fps)
            for frame in graph.push(decoded):
                last = frame
                count += 1
                yield frame
                if count >= item.frames:
                    return
        if graph is not None:
            for frame in graph.flush():
                last = frame
                count += 1
                yield frame
                if count >= item.frames:
                    return
    if last is None:
        raise ExportFailed(f"{item.segment.label or item.segment.path.name}: no frames in "
                           f"{item.start:g}–{item.end:g} s")
    while count < item.frames:  # a take a little short of its nominal length
        count += 1
        yield _copy(last)


class _Graph:
    """scale + pad (+ fps) to the output frame; a pass-through when the take already fits."""

    def __init__(self, stream, first, settings: ExportSettings, fps: Fraction) -> None:
        import av.filter

        own_rate = stream.average_rate or stream.guessed_rate
        self.same = (first.width, first.height) == (settings.width, settings.height) \
            and first.format.name == "yuv420p" and own_rate == fps
        if self.same:
            return
        w, h = settings.width, settings.height
        self.graph = av.filter.Graph()
        chain = [self.graph.add_buffer(template=stream)]
        if own_rate != fps:
            chain.append(self.graph.add("fps", str(fps)))
        chain += [
            self.graph.add("scale", f"{w}:{h}:force_original_aspect_ratio=decrease:"
                                    f"flags=bicubic"),
            self.graph.add("pad", f"{w}:{h}:(ow-iw)/2:(oh-ih)/2:black"),
            self.graph.add("setsar", "1"),
            self.graph.add("format", "yuv420p"),
            self.graph.add("buffersink"),
        ]
        for a, b in itertools.pairwise(chain):
            a.link_to(b)
        self.graph.configure()

    def push(self, frame) -> Iterator:
        if self.same:
            yield frame
            return
        self.graph.push(frame)
        yield from self._drain()

    def flush(self) -> Iterator:
        if self.same:
            return
        with contextlib.suppress(ValueError):
            self.graph.push(None)
        yield from self._drain()

    def _drain(self) -> Iterator:
        import av

        while True:
            try:
                yield self.graph.pull()
            except (av.BlockingIOError, av.EOFError):
                return


def _copy(frame):
    import av

    return av.VideoFrame.from_ndarray(frame.to_ndarray(), format=frame.format.name)


def audio_samples(item: Planned, length: int) -> np.ndarray:
    """The take's sound in [start, end) as 48 kHz stereo float32, exactly `length` long."""
    import av

    chunks = []
    with av.open(str(item.segment.path)) as src:
        stream = src.streams.audio[0]
        resampler = av.AudioResampler(format="fltp", layout="stereo", rate=AUDIO_RATE)
        skip = round(item.start * AUDIO_RATE)
        position = None
        for decoded in src.decode(stream):
            if position is None:
                position = round((decoded.time or 0.0) * AUDIO_RATE)
            for frame in resampler.resample(decoded):
                chunks.append(frame.to_ndarray())
        for frame in resampler.resample(None):
            chunks.append(frame.to_ndarray())
    data = np.concatenate(chunks, axis=1) if chunks else np.zeros((2, 0), np.float32)
    offset = skip - (position or 0)
    data = data[:, offset:] if offset >= 0 else np.pad(data, ((0, 0), (-offset, 0)))
    data = data[:, :length]
    if data.shape[1] < length:
        data = np.pad(data, ((0, 0), (0, length - data.shape[1])))
    return data.astype(np.float32, copy=False)


def prefetch(frames: Iterator, depth: int = 6) -> Iterator:
    """Decode (and scale) in a second thread while this one encodes, as ffmpeg does."""
    slots: queue.Queue = queue.Queue(maxsize=depth)
    stop = threading.Event()
    done = object()

    def produce() -> None:
        try:
            for frame in frames:
                while not stop.is_set():
                    try:
                        slots.put(frame, timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            slots.put(done)
        except BaseException as exc:  # handed to the consumer, raised there
            slots.put(exc)
        finally:
            frames.close()

    worker = threading.Thread(target=produce, name="film-decode", daemon=True)
    worker.start()
    try:
        while (item := slots.get()) is not done:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while worker.is_alive():  # unblock a producer waiting on a full queue
            with contextlib.suppress(queue.Empty):
                slots.get(timeout=0.05)
        worker.join()
