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
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import numpy as np

from .decode import (
    AUDIO_RATE,
    ExportCancelled,
    ExportFailed,
    ExportSettings,
    Planned,
    Segment,
    audio_samples,
    prefetch,
    probe,
    video_frames,
)

__all__ = ["ExportCancelled", "ExportFailed", "ExportResult", "ExportSettings", "Segment",
           "assemble", "export_async", "plan", "probe"]


Progress = Callable[[float], None]
_AUTO_TYPE = 0  # av.video.frame.PictureType.NONE, without importing PyAV at import time


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


def plan(segments: list[Segment], fps: Fraction | None) -> tuple[list[Planned], Fraction,
                                                                  list[str]]:
    notes: list[str] = []
    planned: list[Planned] = []
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
        planned.append(Planned(segment, start, end, frames, fade, has_audio))
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

    def run(self, planned: list[Planned], settings: ExportSettings) -> None:
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

    def _video_segment(self, item: Planned, settings: ExportSettings, hold: int) -> None:
        fade = item.fade_in
        previous = list(self.held)
        self.held.clear()
        for index, frame in enumerate(prefetch(video_frames(item, settings, self.fps))):
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

    def _audio_segment(self, item: Planned, hold: int) -> None:
        if self.audio is None:
            return
        length = round(item.frames / self.fps * AUDIO_RATE)
        samples = audio_samples(item, length) if item.has_audio else np.zeros(
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


def _blend(a, b, alpha: float):
    """a → b at `alpha` (0…1), on the yuv420p planes in 8.8 fixed point."""
    import av

    weight = round(alpha * 256)
    mixed = (a.to_ndarray().astype(np.uint16) * (256 - weight)
             + b.to_ndarray().astype(np.uint16) * weight + 128) >> 8
    return av.VideoFrame.from_ndarray(mixed.astype(np.uint8), format="yuv420p")


async def export_async(segments: list[Segment], out: Path, settings: ExportSettings,
                       progress: Progress | None = None,
                       cancel: threading.Event | None = None) -> ExportResult:
    """`assemble` in a worker thread; progress is delivered on the calling loop."""
    loop = asyncio.get_running_loop()

    def report(fraction: float) -> None:
        if progress is not None:
            loop.call_soon_threadsafe(progress, fraction)

    return await asyncio.to_thread(assemble, segments, out, settings, report, cancel)
