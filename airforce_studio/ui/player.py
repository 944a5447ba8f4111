"""The inline player: QMediaPlayer + QVideoWidget + QAudioOutput with the usual controls.

Space toggles play/pause while the player has focus (never while typing a prompt),
F toggles full screen, Escape leaves it; L toggles looping, M mutes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)


def clock(ms: int) -> str:
    seconds = max(0, ms) // 1000
    return f"{seconds // 60}:{seconds % 60:02d}"


class PlayerPanel(QWidget):
    errorOccurred = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.player = QMediaPlayer(self)
        self.audio = QAudioOutput(self)
        self.player.setAudioOutput(self.audio)
        self.video = QVideoWidget()
        self.video.setObjectName("video")
        self.video.setAccessibleName("Video")
        self.video.setMinimumSize(320, 180)
        self.video.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.video.setStyleSheet("background: #000;")
        self.player.setVideoOutput(self.video)
        # QVideoWidget's inner surface takes the focus when the window activates, which
        # would steal it from the prompt: hand it back unless the user clicked the video.
        self.focus_elsewhere: Callable[[], None] | None = None
        self.video.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for child in self.video.findChildren(QWidget):
            child.installEventFilter(self)

        self.title = QLabel("Nothing playing — double-click a clip in the library or queue")
        self.title.setObjectName("playerTitle")
        self.title.setWordWrap(True)
        style = self.style()
        self.play_button = self._button("playPause", "Play or pause (Space)",
                                        style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay))
        self.play_button.clicked.connect(self.toggle)
        self.seek = QSlider(Qt.Orientation.Horizontal)
        self.seek.setObjectName("seek")
        self.seek.setAccessibleName("Position")
        self.seek.sliderMoved.connect(self.player.setPosition)
        self.time = QLabel("0:00 / 0:00")
        self.time.setObjectName("time")
        self.mute = self._button("mute", "Mute (M)",
                                 style.standardIcon(QStyle.StandardPixmap.SP_MediaVolume))
        self.mute.setCheckable(True)
        self.mute.toggled.connect(self.audio.setMuted)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setObjectName("volume")
        self.volume.setAccessibleName("Volume")
        self.volume.setRange(0, 100)
        self.volume.setValue(80)
        self.volume.setMaximumWidth(90)
        self.volume.valueChanged.connect(lambda v: self.audio.setVolume(v / 100))
        self.audio.setVolume(0.8)
        self.loop = QCheckBox("Loop")
        self.loop.setObjectName("loop")
        self.loop.setAccessibleName("Loop playback (L)")
        self.loop.setChecked(True)
        self.loop.toggled.connect(self._apply_loop)
        self.full = self._button("fullScreen", "Full screen (F)",
                                 style.standardIcon(QStyle.StandardPixmap.SP_TitleBarMaxButton))
        self.full.clicked.connect(self.toggle_full_screen)

        controls = QHBoxLayout()
        for widget in (self.play_button, self.seek, self.time, self.mute, self.volume,
                       self.loop, self.full):
            controls.addWidget(widget, 1 if widget is self.seek else 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.video, 1)
        layout.addWidget(self.title)
        layout.addLayout(controls)

        self.player.positionChanged.connect(self._position)
        self.player.durationChanged.connect(self._duration)
        self.player.playbackStateChanged.connect(self._state)
        self.player.errorOccurred.connect(
            lambda _e, text: self.errorOccurred.emit(text or "this clip cannot be played"))
        for keys, slot in (("Space", self.toggle), ("F", self.toggle_full_screen),
                           ("M", self.mute.toggle), ("L", self.loop.toggle)):
            QShortcut(QKeySequence(keys), self, activated=slot,
                      context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._apply_loop(True)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusIn:
            if event.reason() == Qt.FocusReason.MouseFocusReason:
                self.setFocus(Qt.FocusReason.MouseFocusReason)
            elif self.focus_elsewhere is not None:
                self.focus_elsewhere()
        return super().eventFilter(watched, event)

    def _button(self, name: str, accessible: str, icon) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.setToolTip(accessible)
        button.setIcon(icon)
        return button

    def load(self, path: Path, title: str = "", *, autoplay: bool = True) -> None:
        self.player.setSource(QUrl.fromLocalFile(str(path)))
        self.title.setText(title or path.name)
        self.title.setToolTip(str(path))
        if autoplay:
            self.player.play()

    def toggle(self) -> None:
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        elif not self.player.source().isEmpty():
            self.player.play()

    def toggle_full_screen(self) -> None:
        self.video.setFullScreen(not self.video.isFullScreen())

    def _apply_loop(self, on: bool) -> None:
        self.player.setLoops(QMediaPlayer.Loops.Infinite if on else 1)

    def _position(self, ms: int) -> None:
        if not self.seek.isSliderDown():
            self.seek.setValue(ms)
        self.time.setText(f"{clock(ms)} / {clock(self.player.duration())}")

    def _duration(self, ms: int) -> None:
        self.seek.setRange(0, ms)
        self.time.setText(f"{clock(self.player.position())} / {clock(ms)}")

    def _state(self, state) -> None:
        icon = (QStyle.StandardPixmap.SP_MediaPause
                if state == QMediaPlayer.PlaybackState.PlayingState
                else QStyle.StandardPixmap.SP_MediaPlay)
        self.play_button.setIcon(self.style().standardIcon(icon))

    def stop(self) -> None:
        self.player.stop()
        self.player.setSource(QUrl())
