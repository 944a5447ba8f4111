"""The real window driven like a user would, against the simulator, offscreen."""

from __future__ import annotations

import asyncio
import hashlib
import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtTest import QTest

from airforce_studio.core.journal import ItemState
from airforce_studio.ui.formatting import money
from tests.gui.conftest import until
from tests.helpers import first_frame, png_bytes


def drop_files(widget, *paths: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)


def select_model(window, model_id: str, mode: str | None = None) -> None:
    editor = window.editor
    editor.model_box.setCurrentIndex(editor.model_box.findData(model_id))
    if mode is not None:
        editor.mode.setCurrentIndex(editor.mode.findData(mode))


def drop_and_wait(arun, zone, path: Path, data: bytes) -> None:
    """Write `data` to `path`, drop it on `zone` and wait until the zone holds it."""
    path.write_bytes(data)
    before = len(zone.images())
    drop_files(zone, path)
    arun(until(lambda: len(zone.images()) == before + 1))


def test_prompt_has_focus_and_ctrl_enter_generates_then_plays(studio, sim, key, arun, qtbot):
    window = studio

    async def flow():  # Qt input is processed inside the running loop (see QT-NOTES)
        await until(lambda: window.editor.prompt.hasFocus())
        select_model(window, "hailuo-fast")
        qtbot.keyClicks(window.editor.prompt, "A lighthouse in a storm")
        assert window.editor.cost.text().startswith("Cost: " + money(50))
        QTest.keyClick(window.editor.prompt, Qt.Key.Key_Return,
                       Qt.KeyboardModifier.ControlModifier)
        await until(lambda: window.queue.model.rowCount() == 1)
        progress_seen = set()

        def item():
            return window.queue.model.item_at(0)

        async def watch():
            while item().state != ItemState.ARCHIVED:
                if item().progress is not None:
                    progress_seen.add(item().progress)
                await asyncio.sleep(0.005)

        await asyncio.wait_for(watch(), 30)
        assert len(progress_seen) >= 2  # the bar moved, live
        await until(lambda: window.library_view.model.rowCount() == 1)
        frame_arrived = asyncio.get_running_loop().create_future()
        sink = window.player.video.videoSink()
        sink.videoFrameChanged.connect(
            lambda frame: frame.isValid() and not frame_arrived.done()
            and frame_arrived.set_result(frame.size()))
        window.queue.view.selectRow(0)
        window.queue.actions_["play"].trigger()
        size = await asyncio.wait_for(frame_arrived, 20)
        await until(lambda: window.player.player.mediaStatus() in (
            QMediaPlayer.MediaStatus.LoadedMedia, QMediaPlayer.MediaStatus.BufferedMedia,
            QMediaPlayer.MediaStatus.BufferingMedia))
        return size

    size = arun(flow())
    assert (size.width(), size.height()) == (320, 180)
    assert window.player.player.duration() == pytest.approx(5000, abs=200)
    [task] = sim.tasks(key)
    assert task["spec"].prompt == "A lighthouse in a storm"


def test_dropped_png_is_sent_as_first_frame(studio, sim, key, arun, tmp_path):
    window = studio
    select_model(window, "kling-1", "image")
    png = tmp_path / "first.png"
    drop_and_wait(arun, window.editor.first_frame, png, png_bytes(640, 360, seed=9))
    window.editor.prompt.setPlainText("the blocks come alive")
    assert window.editor.submit.isEnabled(), window.editor.problem.text()
    window.editor.submit.click()

    async def archived():
        await until(lambda: window.queue.model.rowCount() == 1
                    and window.queue.model.item_at(0).state == ItemState.ARCHIVED)
        return window.queue.model.item_at(0)

    item = arun(archived())
    # The journal row refers to the image by hash; its bytes are what was sent.
    sent = window.engine.read_input_image(item.request["input_images"][0])
    assert sent == png.read_bytes()
    record = window.session.library.get(item.task_id)
    assert record.input_images_sha256 == [hashlib.sha256(sent).hexdigest()]
    clip = window.session.library.absolute(window.session.library.get(item.task_id).file)
    frame = first_frame(clip).astype(int)
    expected = np.asarray(Image.open(io.BytesIO(sent)).convert("RGB").resize(
        (frame.shape[1], frame.shape[0]), Image.Resampling.BILINEAR)).astype(int)
    assert np.abs(frame - expected).mean() < 6


def test_dropped_text_file_shows_inline_error_and_sends_nothing(studio, sim, key, arun, tmp_path):
    window = studio
    select_model(window, "kling-1", "image")
    drop_and_wait(arun, window.editor.first_frame, tmp_path / "good.png", png_bytes())
    notes = tmp_path / "notes.txt"
    notes.write_text("not an image")
    drop_files(window.editor.first_frame, notes)
    arun(until(lambda: window.editor.first_frame.error.isVisibleTo(window)))
    assert "not an image" in window.editor.first_frame.error.text()
    assert len(window.editor.first_frame.images()) == 1  # the good image is untouched
    window.editor.first_frame.clear()
    window.editor.prompt.setPlainText("x")
    assert not window.editor.submit.isEnabled()
    assert window.editor.problem.text().startswith("Add a first-frame image")
    window.editor.try_submit()
    arun(asyncio.sleep(0.2))
    assert sim.tasks(key) == [] and window.queue.model.rowCount() == 0


def test_switching_model_restricts_controls_and_updates_cost(studio):
    editor = studio.editor
    select_model(studio, "wan-2.6")
    editor.duration.setValue(10)
    editor.quality.setCurrentIndex(editor.quality.findData("480p"))
    editor.count.setValue(3)
    assert editor.cost.text().startswith("Cost: US$12.00")
    assert editor.sound.isVisibleTo(studio)
    select_model(studio, "veo-lite")
    assert (editor.duration.minimum(), editor.duration.maximum()) == (8, 8)
    assert [editor.quality.itemData(i) for i in range(editor.quality.count())] == ["720p"]
    assert [editor.mode.itemData(i) for i in range(editor.mode.count())] == ["text",
                                                                             "reference"]
    assert "duration 10 s → 8 s" in editor.note.text() and "quality 480p → 720p" in \
        editor.note.text()
    assert editor.cost.text().startswith("Cost: US$12.00")  # 8 s × 50¢ × 3
    select_model(studio, "kling-1")
    assert not editor.sound.isVisibleTo(studio)
    select_model(studio, "hailuo-fast")
    assert not editor.seed.isVisibleTo(studio) and editor.seed_note.isVisibleTo(studio)
    editor.prompt.setPlainText("")
    assert not editor.submit.isEnabled() and "Write a prompt" in editor.problem.text()


def test_rerun_fills_editor_and_chaining_uses_last_frame(studio, sim, key, arun, tmp_path):
    window = studio
    select_model(window, "wan-2.6", "reference")
    ref = tmp_path / "ref.png"
    drop_and_wait(arun, window.editor.references, ref, png_bytes(200, 100, seed=5))
    window.editor.prompt.setPlainText("style me")
    window.editor.duration.setValue(7)
    window.editor.seed_lock.setChecked(True)
    window.editor.seed.setValue(1234)
    window.editor.try_submit()
    arun(until(lambda: window.session.library.count() == 1))
    clip = window.session.library.search()[0]
    window.editor.prompt.setPlainText("something else")
    window.editor.mode.setCurrentIndex(window.editor.mode.findData("text"))
    select_model(window, "kling-1")
    arun(window.clip_actions.rerun(clip.request))
    arun(until(lambda: len(window.editor.references.images()) == 1))
    editor = window.editor
    assert editor.model_box.currentData() == "wan-2.6" and editor.mode.currentData() == "reference"
    assert editor.prompt.toPlainText() == "style me" and editor.duration.value() == 7
    assert editor.seed.value() == 1234 and editor.seed_lock.isChecked()
    assert editor.references.images()[0].data == ref.read_bytes()

    arun(window.clip_actions.chain(clip))
    arun(until(lambda: len(editor.first_frame.images()) == 1))
    assert editor.mode.currentData() == "image"
    chained = np.asarray(Image.open(io.BytesIO(editor.first_frame.images()[0].data))
                         .convert("RGB")).astype(int)
    last = np.asarray(_last_frame(window.session.library.absolute(clip.file))).astype(int)
    assert chained.shape == last.shape and np.abs(chained - last).mean() < 2


def _last_frame(path: Path):
    import av

    with av.open(str(path)) as container:
        frame = None
        for frame in container.decode(video=0):  # noqa: B007 - we want the last one
            pass
        return frame.to_ndarray(format="rgb24")


def test_library_search_filters_and_shortcuts_dialog(studio, arun):
    window = studio
    for prompt in ("a red fox", "a blue whale"):
        select_model(window, "hailuo-fast")
        window.editor.prompt.setPlainText(prompt)
        window.editor.try_submit()
    arun(until(lambda: window.session.library.count() == 2))
    window.library_view.clip_added()
    window.library_view.search.setText("whale")
    window.library_view.apply()
    assert window.library_view.model.rowCount() == 1
    mime = window.library_view.model.mimeData([window.library_view.model.index(0)])
    assert mime.urls()[0].toLocalFile().endswith(".mp4")
    box = window.show_shortcuts()
    assert "Ctrl+Return" in box.text() and "Clear finished" in box.text()
    box.close()
