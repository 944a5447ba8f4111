"""The player on a real clip: click-seek, keys, full screen that can be left, idle controls,
mute icon, title and the poster shown while nothing plays."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtMultimedia import QMediaPlayer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from airforce_studio.core.library import ClipRecord
from airforce_studio.simulator.render import FPS, ClipSpec, render_clip
from airforce_studio.ui.player import PLAYER_SHORTCUTS, PlayerPanel, clip_title
from tests.gui.conftest import until


@pytest.fixture(scope="module")
def clip_file(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("player")
    render_clip(ClipSpec("a moving square", 3, 4), folder / "clip.mp4", folder / "clip.jpg")
    return folder / "clip.mp4"


@pytest.fixture
def panel(qloop, arun, qtbot):
    widget = PlayerPanel()
    qtbot.addWidget(widget)
    widget.resize(640, 420)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.leave_full_screen()
    widget.stop()


def loaded(panel, arun, clip_file, *, autoplay=False) -> None:
    panel.load(clip_file, "clip", autoplay=autoplay)
    arun(until(lambda: panel.player.duration() > 0 and panel.seek.maximum() > 0))


def key(panel, key, text=""):
    QTest.keyClick(panel.stage.focusWidget() or panel.stage, key)


def test_clicking_the_seek_bar_seeks_there(panel, arun, clip_file):
    loaded(panel, arun, clip_file)
    duration = panel.player.duration()
    groove = panel.seek.rect()
    QTest.mouseClick(panel.seek, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(int(groove.width() * 0.75), groove.center().y()))
    arun(until(lambda: abs(panel.player.position() - duration * 0.75) < duration * 0.1))
    QTest.mouseClick(panel.seek, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(int(groove.width() * 0.2), groove.center().y()))
    arun(until(lambda: abs(panel.player.position() - duration * 0.2) < duration * 0.1))


def test_keys_step_frames_and_jkl(panel, arun, clip_file):
    loaded(panel, arun, clip_file)
    panel.stage.setFocus()
    panel.activateWindow()
    arun(until(lambda: panel.stage.hasFocus()))
    panel.player.setPosition(2000)
    arun(until(lambda: abs(panel.player.position() - 2000) < 5))
    QTest.keyClick(panel.stage, Qt.Key.Key_Period)
    arun(until(lambda: panel.player.position() > 2000))
    assert panel.player.position() - 2000 == pytest.approx(1000 / FPS, abs=2)  # the clip's own rate
    QTest.keyClick(panel.stage, Qt.Key.Key_Comma)
    QTest.keyClick(panel.stage, Qt.Key.Key_Comma)
    arun(until(lambda: panel.player.position() < 2000))
    QTest.keyClick(panel.stage, Qt.Key.Key_L)
    arun(until(lambda: panel.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState))
    QTest.keyClick(panel.stage, Qt.Key.Key_L)
    assert panel.player.playbackRate() == 2.0
    QTest.keyClick(panel.stage, Qt.Key.Key_K)
    arun(until(lambda: panel.player.playbackState() != QMediaPlayer.PlaybackState.PlayingState))
    assert panel.player.playbackRate() == 1.0
    QTest.keyClick(panel.stage, Qt.Key.Key_J)
    arun(until(lambda: panel.player.position() < 100))  # back 5 s, not below the start
    looping = panel.loop.isChecked()
    QTest.keyClick(panel.stage, Qt.Key.Key_O)
    assert panel.loop.isChecked() is not looping
    assert {k for _a, k, _d in PLAYER_SHORTCUTS} >= {"J", "K", "L", ",", ".", "F", "Esc", "O"}


def test_full_screen_is_left_with_escape_f_and_double_click(panel, arun, clip_file):
    loaded(panel, arun, clip_file)
    for leave in ("escape", "f", "double-click"):
        panel.toggle_full_screen()
        arun(until(lambda: panel.is_full_screen() and panel.stage.isVisible()))
        assert panel.controls.isVisible()  # controls show in full screen
        panel.stage.activateWindow()
        panel.stage.setFocus()
        arun(until(lambda: panel.stage.hasFocus()))
        if leave == "escape":
            QTest.keyClick(panel.stage, Qt.Key.Key_Escape)
        elif leave == "f":
            QTest.keyClick(panel.stage, Qt.Key.Key_F)
        else:
            target = panel.video
            pos = QPointF(target.width() / 2, target.height() / 2)
            QApplication.sendEvent(target, QMouseEvent(
                QMouseEvent.Type.MouseButtonDblClick, pos, target.mapToGlobal(pos),
                Qt.MouseButton.LeftButton, Qt.MouseButton.LeftButton,
                Qt.KeyboardModifier.NoModifier))
        arun(until(lambda: not panel.is_full_screen()))
        assert panel.stage.parent() is panel and panel.stage.isVisible()
        assert panel.layout().indexOf(panel.stage) == 0


def test_controls_hide_when_idle_and_return_on_mouse_move(panel, arun, clip_file):
    loaded(panel, arun, clip_file, autoplay=True)
    panel.enter_full_screen()
    arun(until(lambda: panel.is_full_screen()))
    QTest.mouseMove(panel.video, QPoint(5, 5))  # away from the controls
    panel._hide_idle_controls()  # what the idle timer does
    assert not panel.controls.isVisible()
    pos = QPointF(30, 30)
    QApplication.sendEvent(panel.video, QMouseEvent(
        QMouseEvent.Type.MouseMove, pos, panel.video.mapToGlobal(pos), Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
    assert panel.controls.isVisible() and panel.idle.isActive()
    panel.leave_full_screen()
    assert panel.controls.isVisible()


def test_mute_icon_shows_the_state(panel):
    unmuted = panel.mute.icon().cacheKey()
    panel.mute.click()
    assert panel.audio.isMuted()
    assert panel.mute.icon().cacheKey() != unmuted and "Unmute" in panel.mute.toolTip()
    panel.mute.click()
    assert not panel.audio.isMuted() and "Unmute" not in panel.mute.toolTip()


def test_title_and_the_poster_while_nothing_plays(panel, arun, clip_file, tmp_path):
    assert panel.screen_stack.currentWidget() is panel.placeholder
    assert "Double-click a clip" in panel.placeholder.text()
    poster = tmp_path / "poster.jpg"
    Image.new("RGB", (320, 180), (200, 40, 40)).save(poster)
    clip = ClipRecord(task_id="vid_1", file="x.mp4", thumbnail="x.jpg", prompt="red fox",
                      model="wan-2.6", created=1, archived_at=2.0, seed=42, variation=3)
    panel.preview(clip, poster)
    arun(until(lambda: panel.placeholder.pixmap() is not None
               and not panel.placeholder.pixmap().isNull()))
    image = panel.placeholder.pixmap().toImage()
    assert image.pixelColor(image.width() // 2, image.height() // 2).red() > 150
    assert clip_title(clip) == "wan-2.6 · seed 42 · variation #3 — red fox"
    assert clip_title(replace(clip, seed=None)) == "wan-2.6 · variation #3 — red fox"
    panel.preview(None, None)
    assert "Double-click a clip" in panel.placeholder.text()
    panel.load_clip(clip_file, clip)
    assert panel.screen_stack.currentWidget() is panel.video
    assert panel.title.text().startswith("wan-2.6 · seed 42 · variation #3")
