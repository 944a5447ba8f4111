"""The real window driven like a user would, against the simulator, offscreen."""

from __future__ import annotations

import asyncio
import base64
import io
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtTest import QTest

from airforce_studio.app import key_checker, key_store_for
from airforce_studio.core.journal import ItemState
from airforce_studio.core.session import Session
from airforce_studio.ui.main_window import MainWindow
from tests.helpers import first_frame, png_bytes
from tests.integration.engine_kit import FAST


async def until(predicate, timeout: float = 30.0, step: float = 0.02) -> None:
    """Await a condition while the Qt loop keeps running (never a nested Qt loop)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not predicate():
        if loop.time() > deadline:
            raise AssertionError("condition not reached in time")
        await asyncio.sleep(step)


@pytest.fixture
def studio(sim, key, qloop, arun):
    session = Session.open(sim.api_base, key, config=FAST)
    window = MainWindow(session, demo=False, key_store=key_store_for(sim.api_base),
                        check_key=key_checker(sim.api_base))
    window.show()
    arun(window._load_models())
    arun(session.engine.start())
    yield window
    window.close()
    arun(session.aclose())
    window.deleteLater()  # and really delete it now: a live QMediaPlayer at exit aborts
    arun(asyncio.sleep(0.05))
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def drop_files(widget, *paths: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    widget.dropEvent(event)


def select_model(window, model_id: str) -> None:
    window.editor.model.setCurrentIndex(window.editor.model.findData(model_id))


def test_prompt_has_focus_and_ctrl_enter_generates_then_plays(studio, sim, key, arun, qtbot):
    window = studio

    async def flow():  # Qt input is processed inside the running loop (see QT-NOTES)
        await until(lambda: window.editor.prompt.hasFocus())
        select_model(window, "hailuo-fast")
        qtbot.keyClicks(window.editor.prompt, "A lighthouse in a storm")
        assert window.editor.cost.text().startswith("Cost: $0.50")
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
        await until(lambda: window.library.model.rowCount() == 1)
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
    select_model(window, "kling-1")
    window.editor.mode.setCurrentIndex(window.editor.mode.findData("image"))
    png = tmp_path / "first.png"
    png.write_bytes(png_bytes(640, 360, seed=9))
    drop_files(window.editor.first_frame, png)
    arun(until(lambda: len(window.editor.first_frame.images()) == 1))
    window.editor.prompt.setPlainText("the blocks come alive")
    assert window.editor.submit.isEnabled(), window.editor.problem.text()
    window.editor.submit.click()

    async def archived():
        await until(lambda: window.queue.model.rowCount() == 1
                    and window.queue.model.item_at(0).state == ItemState.ARCHIVED)
        return window.queue.model.item_at(0)

    item = arun(archived())
    sent = base64.b64decode(item.request["input_images"][0]["b64_json"])
    assert sent == png.read_bytes()
    clip = window.session.library.absolute(window.session.library.get(item.task_id).file)
    frame = first_frame(clip).astype(int)
    expected = np.asarray(Image.open(io.BytesIO(sent)).convert("RGB").resize(
        (frame.shape[1], frame.shape[0]), Image.Resampling.BILINEAR)).astype(int)
    assert np.abs(frame - expected).mean() < 6


def test_dropped_text_file_shows_inline_error_and_sends_nothing(studio, sim, key, arun, tmp_path):
    window = studio
    select_model(window, "kling-1")
    window.editor.mode.setCurrentIndex(window.editor.mode.findData("image"))
    good = tmp_path / "good.png"
    good.write_bytes(png_bytes())
    drop_files(window.editor.first_frame, good)
    arun(until(lambda: len(window.editor.first_frame.images()) == 1))
    notes = tmp_path / "notes.txt"
    notes.write_text("not an image")
    drop_files(window.editor.first_frame, notes)
    arun(until(lambda: window.editor.first_frame.error.isVisibleTo(window)))
    assert "not an image" in window.editor.first_frame.error.text()
    assert len(window.editor.first_frame.images()) == 1  # the good image is untouched
    window.editor.first_frame.clear()
    window.editor.prompt.setPlainText("x")
    assert not window.editor.submit.isEnabled()
    assert "exactly 1 image" in window.editor.problem.text()
    window.editor.try_submit()
    arun(asyncio.sleep(0.2))
    assert sim.tasks(key) == [] and window.queue.model.rowCount() == 0


def test_switching_model_restricts_controls_and_updates_cost(studio):
    editor = studio.editor
    select_model(studio, "wan-2.6")
    editor.duration.setValue(10)
    editor.quality.setCurrentIndex(editor.quality.findData("480p"))
    editor.count.setValue(3)
    assert editor.cost.text().startswith("Cost: $12.00")
    assert editor.sound.isVisibleTo(studio)
    select_model(studio, "veo-lite")
    assert (editor.duration.minimum(), editor.duration.maximum()) == (8, 8)
    assert [editor.quality.itemData(i) for i in range(editor.quality.count())] == ["720p"]
    assert [editor.mode.itemData(i) for i in range(editor.mode.count())] == ["text",
                                                                             "reference"]
    assert "duration 10 s → 8 s" in editor.note.text() and "quality 480p → 720p" in \
        editor.note.text()
    assert editor.cost.text().startswith("Cost: $12.00")  # 8 s × 50¢ × 3
    select_model(studio, "kling-1")
    assert not editor.sound.isVisibleTo(studio)
    select_model(studio, "hailuo-fast")
    assert not editor.seed.isVisibleTo(studio) and editor.seed_note.isVisibleTo(studio)
    editor.prompt.setPlainText("")
    assert not editor.submit.isEnabled() and "Write a prompt" in editor.problem.text()


def test_rerun_fills_editor_and_chaining_uses_last_frame(studio, sim, key, arun, tmp_path):
    window = studio
    select_model(window, "wan-2.6")
    window.editor.mode.setCurrentIndex(window.editor.mode.findData("reference"))
    ref = tmp_path / "ref.png"
    ref.write_bytes(png_bytes(200, 100, seed=5))
    drop_files(window.editor.references, ref)
    arun(until(lambda: len(window.editor.references.images()) == 1))
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
    arun(window.rerun(clip))
    arun(until(lambda: len(window.editor.references.images()) == 1))
    editor = window.editor
    assert editor.model.currentData() == "wan-2.6" and editor.mode.currentData() == "reference"
    assert editor.prompt.toPlainText() == "style me" and editor.duration.value() == 7
    assert editor.seed.value() == 1234 and editor.seed_lock.isChecked()
    assert editor.references.images()[0].data == ref.read_bytes()

    arun(window.chain(clip))
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
    window.library.clip_added()
    window.library.search.setText("whale")
    window.library.apply()
    assert window.library.model.rowCount() == 1
    mime = window.library.model.mimeData([window.library.model.index(0)])
    assert mime.urls()[0].toLocalFile().endswith(".mp4")
    box = window.show_shortcuts()
    assert "Ctrl+Enter" in box.text()
    box.close()
