"""Chosen takes → one H.264/AAC MP4: trims, cuts and crossfades, audio kept or silent.

Video is decoded, scaled and padded to the film's frame (libavfilter, skipped when a
take already fits) and encoded with x264; every segment contributes exactly its number
of frames at the output rate, so picture and sound never drift apart. Crossfades blend
the held-back tail of one segment with the head of the next. Audio is resampled to
48 kHz stereo; a take without sound contributes silence of its length.

Blocking and CPU-heavy: `assemble` runs in a worker thread (see `export_async`), never
on an event loop. Progress is a callback; cancel is a threading.Event. The file appears
under its name only when complete.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import queue
import threading
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import numpy as np

from ...errors import StudioError

AUDIO_RATE = 48_000
DEFAULT_CRF = 20
DEFAULT_PRESET = "medium"

Progress = Callable[[float], None]
_AUTO_TYPE = 0  # av.video.frame.PictureType.NONE, without importing PyAV at import time


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


@dataclass(frozen=True)
class ExportResult:
    path: Path
    frames: int
    fps: Fraction
    has_audio: bool
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def duration_seconds(self) -> float:
        return float(self.frames / self.fps)


@dataclass
class _Planned:
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


def plan(segments: list[Segment], fps: Fraction | None) -> tuple[list[_Planned], Fraction,
                                                                  list[str]]:
    notes: list[str] = []
    planned: list[_Planned] = []
    rate = fps
    for index, segment in enumerate(segments):
        length, own_rate, has_audio = probe(segment.path)
        rate = rate or own_rate
        name = segment.label or segment.path.name
        end = length if segment.end is None else segment.end
        if end > length + 1e-3:
            notes.append(f"{name}: trim out {end:g} s is past the take's {length:.2f} s; "
                         f"clamped")
            end = length
        start = min(segment.start, end)
        frames = max(1, round((end - start) * rate))
        fade = 0
        if index and segment.crossfade > 0:
            fade = min(round(segment.crossfade * rate), frames, planned[-1].frames)
            if fade < round(segment.crossfade * rate):
                notes.append(f"{name}: crossfade shortened to {fade / rate:.2f} s "
                             f"(a take is shorter)")
        planned.append(_Planned(segment, start, end, frames, fade, has_audio))
    assert rate is not None
    return planned, rate, notes


def assemble(segments: list[Segment], out: Path, settings: ExportSettings,
             progress: Progress | None = None,
             cancel: threading.Event | None = None) -> ExportResult:
    """Blocking: run in a worker thread."""
    import av

    if not segments:
        raise ExportFailed("nothing to export: no takes")
    planned, fps, notes = plan(segments, settings.fps)
    total = sum(p.frames for p in planned) - sum(p.fade_in for p in planned)
    with_audio = any(p.has_audio for p in planned)
    part = out.with_name(f".{out.name}.part")
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        with av.open(str(part), "w", format="mp4",
                     options={"movflags": "+faststart"}) as dst:
            if settings.comment:
                dst.metadata["comment"] = settings.comment
            video = dst.add_stream("libx264", rate=fps)
            video.width, video.height, video.pix_fmt = settings.width, settings.height, \
                "yuv420p"
            video.options = {"preset": settings.preset, "crf": str(settings.crf)}
            # Frame threads, as the ffmpeg tool uses: PyAV's default (slices) costs
            # about a third more bytes at the same CRF.
            video.thread_type = "FRAME"
            audio = dst.add_stream("aac", rate=AUDIO_RATE, layout="stereo") \
                if with_audio else None
            _Writer(dst, video, audio, fps, total, progress, cancel).run(planned, settings)
        part.replace(out)
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return ExportResult(out, total, fps, with_audio, tuple(notes))


class _Writer:
    def __init__(self, dst, video, audio, fps: Fraction, total: int,
                 progress: Progress | None, cancel: threading.Event | None) -> None:
        self.dst, self.video, self.audio, self.fps = dst, video, audio, fps
        self.total, self.progress, self.cancel = total, progress, cancel
        self.written = 0
        self.samples_written = 0
        self.held: deque = deque()  # the previous segment's tail, awaiting a crossfade
        self.sound = np.zeros((2, 0), dtype=np.float32)  # audio not yet encoded

    def run(self, planned: list[_Planned], settings: ExportSettings) -> None:
        for index, item in enumerate(planned):
            hold = planned[index + 1].fade_in if index + 1 < len(planned) else 0
            self._audio_segment(item, hold)
            self._video_segment(item, settings, hold)
        while self.held:
            self._emit(self.held.popleft())
        self.dst.mux(self.video.encode())
        if self.audio is not None:
            self._encode_sound(self.sound.shape[1])
            self.dst.mux(self.audio.encode())

    # -- video ----------------------------------------------------------------------------

    def _video_segment(self, item: _Planned, settings: ExportSettings, hold: int) -> None:
        fade = item.fade_in
        previous = list(self.held)
        self.held.clear()
        for index, frame in enumerate(_prefetch(_frames(item, settings, self.fps))):
            if index < fade:
                frame = _blend(previous[index], frame, (index + 1) / (fade + 1))
            if item.frames - index <= hold:
                self.held.append(frame)
            else:
                self._emit(frame)

    def _emit(self, frame) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise ExportCancelled("export cancelled")
        frame.pts = self.written
        frame.time_base = 1 / self.fps
        # A decoded frame keeps its source's picture type, and libx264 obeys it: takes
        # made without B-frames would force none here (≈ 30 % larger files). Let x264
        # choose, as the ffmpeg tool does.
        frame.pict_type = _AUTO_TYPE
        self.dst.mux(self.video.encode(frame))
        self.written += 1
        if self.progress is not None and (self.written % 8 == 0 or self.written == self.total):
            self.progress(min(1.0, self.written / max(1, self.total)))

    # -- audio ----------------------------------------------------------------------------

    def _audio_segment(self, item: _Planned, hold: int) -> None:
        if self.audio is None:
            return
        length = round(item.frames / self.fps * AUDIO_RATE)
        samples = _audio(item, length) if item.has_audio else np.zeros(
            (2, length), dtype=np.float32)
        overlap = round(item.fade_in / self.fps * AUDIO_RATE)
        overlap = min(overlap, self.sound.shape[1], length)
        if overlap:
            ramp = np.linspace(0.0, 1.0, overlap, dtype=np.float32)
            mixed = self.sound[:, -overlap:] * (1 - ramp) + samples[:, :overlap] * ramp
            self.sound = np.concatenate([self.sound[:, :-overlap], mixed,
                                         samples[:, overlap:]], axis=1)
        else:
            self.sound = np.concatenate([self.sound, samples], axis=1)
        keep = round(hold / self.fps * AUDIO_RATE)
        self._encode_sound(self.sound.shape[1] - keep)

    def _encode_sound(self, count: int) -> None:
        import av

        if count <= 0 or self.audio is None:
            return
        chunk = np.ascontiguousarray(self.sound[:, :count])
        self.sound = self.sound[:, count:]
        frame = av.AudioFrame.from_ndarray(chunk, format="fltp", layout="stereo")
        frame.sample_rate = AUDIO_RATE
        frame.pts = self.samples_written
        frame.time_base = Fraction(1, AUDIO_RATE)
        self.samples_written += count
        for packet in self.audio.encode(frame):
            self.dst.mux(packet)


def _frames(item: _Planned, settings: ExportSettings, fps: Fraction) -> Iterator:
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


def _blend(a, b, alpha: float):
    """a → b at `alpha` (0…1), on the yuv420p planes in 8.8 fixed point."""
    import av

    weight = round(alpha * 256)
    mixed = (a.to_ndarray().astype(np.uint16) * (256 - weight)
             + b.to_ndarray().astype(np.uint16) * weight + 128) >> 8
    return av.VideoFrame.from_ndarray(mixed.astype(np.uint8), format="yuv420p")


def _prefetch(frames: Iterator, depth: int = 6) -> Iterator:
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


def _copy(frame):
    import av

    return av.VideoFrame.from_ndarray(frame.to_ndarray(), format=frame.format.name)


def _audio(item: _Planned, length: int) -> np.ndarray:
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


async def export_async(segments: list[Segment], out: Path, settings: ExportSettings,
                       progress: Progress | None = None,
                       cancel: threading.Event | None = None) -> ExportResult:
    """`assemble` in a worker thread; progress is delivered on the calling loop."""
    loop = asyncio.get_running_loop()

    def report(fraction: float) -> None:
        if progress is not None:
            loop.call_soon_threadsafe(progress, fraction)

    return await asyncio.to_thread(assemble, segments, out, settings, report, cancel)
