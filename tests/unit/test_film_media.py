"""Frames for chaining, the assembler and animation export, on clips made here."""

from __future__ import annotations

import threading
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image

from airforce_studio.core.film.animation import export_animation
from airforce_studio.core.film.assemble import (
    ExportCancelled,
    ExportSettings,
    Segment,
    assemble,
)
from airforce_studio.core.film.frames import extract_frame, frame_at, last_frame


def make_clip(path: Path, levels: list[int], size=(64, 36), fps=12, tone: float | None = None,
              gop: int = 250) -> Path:
    """Frame i is flat grey `levels[i]`; optional mono 44.1 kHz tone over the whole clip."""
    with av.open(str(path), "w", format="mp4") as out:
        video = out.add_stream("libx264", rate=fps)
        video.width, video.height, video.pix_fmt = *size, "yuv420p"
        video.options = {"preset": "ultrafast", "qp": "0", "g": str(gop)}
        audio = out.add_stream("aac", rate=44_100) if tone else None
        for level in levels:
            frame = av.VideoFrame.from_ndarray(
                np.full((size[1], size[0], 3), level, np.uint8), format="rgb24")
            out.mux(video.encode(frame))
        out.mux(video.encode())
        if audio is not None:
            total = round(len(levels) / fps * 44_100)
            for start in range(0, total, 1024):
                n = min(1024, total - start)
                t = np.arange(start, start + n) / 44_100
                wave = (0.3 * np.sin(2 * np.pi * tone * t)).astype(np.float32)[None, :]
                frame = av.AudioFrame.from_ndarray(wave, format="fltp", layout="mono")
                frame.sample_rate, frame.pts, frame.time_base = 44_100, start, Fraction(1,
                                                                                         44_100)
                out.mux(audio.encode(frame))
            out.mux(audio.encode())
    return path


def grey(frame) -> float:
    return float(frame.to_ndarray(format="rgb24").mean())


def centre_grey(frame) -> float:
    array = frame.to_ndarray(format="rgb24")
    h, w = array.shape[:2]
    return float(array[h // 3: 2 * h // 3, w // 3: 2 * w // 3].mean())


LEVELS = [10 + 4 * i for i in range(60)]  # 5 s at 12 fps, every frame distinct


@pytest.mark.parametrize("gop", [250, 6])  # one keyframe; a keyframe every half second
def test_last_is_the_last_decoded_frame_and_a_time_picks_its_frame(tmp_path, gop):
    clip = make_clip(tmp_path / "c.mp4", LEVELS, gop=gop)
    assert grey(last_frame(clip)) == pytest.approx(LEVELS[-1], abs=1.5)
    for seconds, index in [(0.0, 0), (1.0, 12), (2.49, 29), (4.99, 59), (30.0, 59)]:
        assert grey(frame_at(clip, seconds)) == pytest.approx(LEVELS[index], abs=1.5)
    png, shown = extract_frame(clip, "last")
    assert shown == pytest.approx(59 / 12, abs=1e-3)
    assert png.startswith(b"\x89PNG")


def decode(path: Path):
    with av.open(str(path)) as container:
        frames = list(container.decode(video=0))
        meta = dict(container.metadata)
    with av.open(str(path)) as container:
        sound = None
        if container.streams.audio:
            stream = container.streams.audio[0]
            assert (stream.rate, stream.layout.name) == (48_000, "stereo")
            sound = np.concatenate([f.to_ndarray() for f in container.decode(stream)], axis=1)
    return frames, sound, meta


def test_trims_crossfades_scaling_and_sound(tmp_path):
    a = make_clip(tmp_path / "a.mp4", [200] * 36, tone=440.0)  # 3 s, sound
    b = make_clip(tmp_path / "b.mp4", [40] * 48, size=(36, 36), fps=24)  # 2 s, square, silent
    progress: list[float] = []
    result = assemble([Segment(a, 0.5, 3.0), Segment(b, 0.0, 1.5, crossfade=0.5, label="b")],
                      tmp_path / "film.mp4", ExportSettings(128, 72, comment="list"),
                      progress.append)
    # 2.5 s + 1.5 s − 0.5 s crossfade, at the first take's 12 fps.
    assert result.frames == 42 and result.fps == 12 and result.has_audio
    assert progress[-1] == 1.0 and progress == sorted(progress)
    frames, sound, meta = decode(tmp_path / "film.mp4")
    assert len(frames) == 42 and meta["comment"] == "list"
    assert (frames[0].width, frames[0].height) == (128, 72)
    assert centre_grey(frames[0]) == pytest.approx(200, abs=3)
    assert centre_grey(frames[-1]) == pytest.approx(40, abs=3)
    fade = [centre_grey(f) for f in frames[24:30]]  # the crossfade, strictly falling
    assert all(40 + 5 < v < 200 - 5 for v in fade) and fade == sorted(fade, reverse=True)
    last = frames[-1].to_ndarray(format="rgb24")
    assert last[:, :10].mean() < 20  # the square take is pillarboxed in black
    # Sound for the first take, silence for the second (after the crossfade).
    assert sound.shape[1] == pytest.approx(42 / 12 * 48_000, abs=2048)
    assert np.sqrt((sound[:, 4800:96000] ** 2).mean()) > 0.1
    assert np.abs(sound[:, 30 * 4000 + 4800:-2048]).max() < 0.01


def test_no_sound_anywhere_means_no_audio_track(tmp_path):
    a = make_clip(tmp_path / "a.mp4", [90] * 12)
    result = assemble([Segment(a)], tmp_path / "f.mp4", ExportSettings(64, 36))
    assert not result.has_audio and result.frames == 12
    assert decode(tmp_path / "f.mp4")[1] is None


def test_a_trim_past_the_take_is_clamped_with_a_note(tmp_path):
    a = make_clip(tmp_path / "a.mp4", [90] * 24)
    result = assemble([Segment(a, 1.0, 9.0, label="s1")], tmp_path / "f.mp4",
                      ExportSettings(64, 36))
    assert result.frames == 12 and "s1: trim out 9 s is past" in result.notes[0]


def test_cancel_leaves_no_file(tmp_path):
    a = make_clip(tmp_path / "a.mp4", [90] * 60)
    cancel = threading.Event()
    cancel.set()
    with pytest.raises(ExportCancelled):
        assemble([Segment(a)], tmp_path / "f.mp4", ExportSettings(64, 36), cancel=cancel)
    assert sorted(p.name for p in tmp_path.glob("*f.mp4*")) == []


@pytest.mark.parametrize("suffix", [".gif", ".webp"])
def test_a_range_exports_as_an_animation(tmp_path, suffix):
    clip = make_clip(tmp_path / "c.mp4", LEVELS, size=(96, 54))
    out = tmp_path / f"c{suffix}"
    count = export_animation(clip, out, start=1.0, end=3.0, fps=6, width=48)
    assert count == 12
    with Image.open(out) as image:
        assert image.n_frames == 12 and image.size == (48, 27)
        if suffix == ".gif":
            assert image.mode == "P"
