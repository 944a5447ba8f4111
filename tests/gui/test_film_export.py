"""Export from the window against the simulator: trims on the range slider and a crossfade
saved in the film, a decodable MP4 of the expected length, Cancel, and a GIF / WebP."""

from __future__ import annotations

import av
from PIL import Image
from PySide6.QtWidgets import QComboBox

from tests.gui.conftest import until
from tests.gui.film_kit import TWO_SHOTS, open_and_render, shots, write


def frames_and_rate(path) -> tuple[int, float]:
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return sum(1 for _ in container.decode(stream)), float(stream.average_rate)


def test_export_makes_a_decodable_mp4_of_the_expected_length(studio, arun, qtbot, tmp_path):
    board = studio.storyboard
    path = write(tmp_path / "cut.afilm.json", TWO_SHOTS)
    open_and_render(arun, board, path)
    dialog = board.export()
    qtbot.addWidget(dialog)
    for trim in dialog.trims.values():
        arun(trim.ready)
    assert set(dialog.trims) == {"s1", "s2"}
    dialog.trims["s2"].set_range(0.5, 2.5)
    arun(until(lambda: shots(path)["s2"].get("trim") == [0.5, 2.5]))
    kind = dialog.findChild(QComboBox, "transition_s2")
    kind.setCurrentIndex(1)  # crossfade, 0.5 s
    arun(until(lambda: shots(path)["s2"].get("transition") == {"type": "crossfade",
                                                               "seconds": 0.5}))
    out = tmp_path / "film.mp4"
    dialog.out.setText(str(out))
    result = arun(dialog.start_export(), timeout=120)
    assert result is not None and out.is_file()
    assert dialog.progress.value() == 1000
    frames, rate = frames_and_rate(out)
    s1_length = frames_and_rate(board.session.library.absolute(
        board.session.library.get(shots(path)["s1"]["take"]).file))[0] / rate
    expected = s1_length + 2.0 - 0.5  # s1 whole, s2 trimmed to 2 s, minus the crossfade
    assert abs(frames / rate - expected) <= 1 / rate + 1e-6
    assert "Saved" in dialog.status.text()

    # Cancel: nothing is written.
    cancelled = tmp_path / "never.mp4"
    dialog.out.setText(str(cancelled))
    job = dialog.start_export()
    dialog.cancel()
    assert arun(job, timeout=120) is None
    assert not cancelled.exists() and "Cancelled" in dialog.status.text()

    # A shot without a take: said before, and Export stays off.
    new_id = arun(board.document.add_shot({"prompt": "dawn", "model": "kling-1"}))
    second = board.export()
    qtbot.addWidget(second)
    assert not second.export_button.isEnabled() and new_id in second.status.text()


def test_a_range_of_a_take_exports_as_gif_and_webp(studio, arun, qtbot, tmp_path):
    board = studio.storyboard
    doc = dict(TWO_SHOTS, shots=TWO_SHOTS["shots"][:1])
    path = write(tmp_path / "gif.afilm.json", doc)
    open_and_render(arun, board, path)
    dialog = board.export()
    qtbot.addWidget(dialog)
    arun(dialog.trims["s1"].ready)
    dialog.trims["s1"].slider.setValue((1.0, 3.0))
    clip_dialog = dialog._animation(dialog.library.get(shots(path)["s1"]["take"]),
                                    dialog.trims["s1"])
    qtbot.addWidget(clip_dialog)
    arun(clip_dialog.range.ready)
    assert clip_dialog.range.slider.value() == (1.0, 3.0)
    gif = tmp_path / "range.gif"
    clip_dialog.out.setText(str(gif))
    assert arun(clip_dialog.start_export(), timeout=60) == 24  # 2 s at 12 fps
    with Image.open(gif) as image:  # identical neighbours merge, their time summed
        assert image.format == "GIF" and 20 <= image.n_frames <= 24
        shown_ms = 0
        for frame in range(image.n_frames):
            image.seek(frame)
            shown_ms += image.info["duration"]
        assert shown_ms == 24 * (round(1000 / 12) // 10 * 10)  # GIF keeps centiseconds
    clip_dialog.kind.setCurrentIndex(1)
    assert clip_dialog.out.text().endswith("range.webp")
    assert arun(clip_dialog.start_export(), timeout=60) == 24
    with Image.open(tmp_path / "range.webp") as image:
        assert image.format == "WEBP" and image.n_frames == 24
