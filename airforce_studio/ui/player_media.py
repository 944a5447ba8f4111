"""The player's media objects, created after the window's first paint (issue 14): loading
QtMultimedia is the slowest part of a start, and nothing plays before the window shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSizePolicy, QWidget

from .i18n import translate  # lupdate reads translate("Context", "…")

if TYPE_CHECKING:
    from .player import PlayerPanel


def attach(panel: PlayerPanel) -> None:
    """QMediaPlayer + QAudioOutput + QVideoWidget into `panel`, wired to its controls."""
    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
    from PySide6.QtMultimediaWidgets import QVideoWidget

    panel.player = QMediaPlayer(panel)
    panel.audio = QAudioOutput(panel)
    panel.player.setAudioOutput(panel.audio)
    panel.video = QVideoWidget()
    panel.video.setObjectName("video")
    panel.video.setAccessibleName(translate("PlayerPanel", "Video"))
    panel.video.setMinimumSize(320, 180)
    panel.video.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    panel.video.setStyleSheet("background: #000;")
    panel.player.setVideoOutput(panel.video)
    # QVideoWidget's inner surface takes the focus when the window activates, which
    # would steal it from the prompt: hand it back unless the user clicked the video.
    panel.video.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    for watched in [panel.video, *panel.video.findChildren(QWidget)]:
        watched.installEventFilter(panel)
        watched.setMouseTracking(True)
    panel.screen_stack.addWidget(panel.video)
    panel.player.positionChanged.connect(panel._position)
    panel.player.durationChanged.connect(panel._duration)
    panel.player.playbackStateChanged.connect(panel._state)
    panel.player.errorOccurred.connect(
        lambda _e, text: panel.errorOccurred.emit(
            text or translate("PlayerPanel", "this clip cannot be played")))
    panel.seek.sliderMoved.connect(panel.player.setPosition)
    panel.seek.seekRequested.connect(panel.player.setPosition)
    panel.volume.valueChanged.connect(lambda v: panel.audio.setVolume(v / 100))
    panel.audio.setVolume(panel.volume.value() / 100)
    panel.audio.setMuted(panel.mute.isChecked())
    panel._apply_loop(panel.loop.isChecked())
