"""The inline player: QMediaPlayer + QVideoWidget + QAudioOutput, with the keys editors
expect (J/K/L, `,`/`.` frame steps), click-to-seek, and a full screen that is easy to
leave (Escape, F, double-click) and keeps its controls, which hide while idle.

When nothing plays, the stage shows the selected clip's poster or a hint, not black.
The video and its controls live in one "stage" widget: full screen turns that stage into
a window of its own, so the same shortcuts and buttons work there.

QtMultimedia loads in `attach_media()`, not at import: the main window paints first and
creates the media objects right after (issue 14, start-up). `PlayerPanel()` on its own
attaches them at once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QEvent, QObject, QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSlider,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from . import icons, player_media  # icons: studio's, in the palette's colours
from .player_keys import PLAYER_SHORTCUTS, clip_title, clock
from .seek_slider import SeekSlider
from .thumbnails import make_thumb_from_file, to_qimage

if TYPE_CHECKING:  # QtMultimedia loads after the first paint (attach_media)
    import asyncio

    from PySide6.QtMultimedia import QAudioOutput, QMediaPlayer
    from PySide6.QtMultimediaWidgets import QVideoWidget

    from ..core.library import ClipRecord

__all__ = ["PLAYER_SHORTCUTS", "PlayerPanel", "clip_title", "clock"]

JUMP_MS = 5000
IDLE_MS = 2500
DEFAULT_FRAME_MS = 1000 / 24
EMPTY_HINT = QT_TRANSLATE_NOOP("PlayerPanel", "Nothing playing.\nDouble-click a clip in the "
    "library or the queue to play it here.\nSpace plays, F goes full screen.")


class PlayerPanel(QWidget):
    errorOccurred = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, media: bool = True) -> None:
        super().__init__(parent)
        self.player: QMediaPlayer | None = None  # attach_media()
        self.audio: QAudioOutput | None = None
        self.video: QVideoWidget | None = None
        self.stage = QWidget(self)
        self.stage.setObjectName("playerStage")
        self.stage.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.stage.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setFocusProxy(self.stage)
        self.focus_elsewhere: Callable[[], None] | None = None
        self.placeholder = QLabel(self.tr(EMPTY_HINT))
        self.placeholder.setObjectName("playerPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setMinimumSize(320, 180)
        self.placeholder.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.placeholder.setStyleSheet("background: #16181c; color: #aab0bb;")
        self.screen_stack = QStackedWidget()
        self.screen_stack.addWidget(self.placeholder)
        self._poster: QPixmap | None = None
        self._poster_job: asyncio.Task | None = None

        self.title = QLabel(self.tr("Nothing playing — double-click a clip in the library "
                                    "or queue"))
        self.title.setObjectName("playerTitle")
        self.title.setWordWrap(True)
        self.controls = QWidget()
        self.controls.setObjectName("playerControls")
        self._build_controls()
        stage_layout = QVBoxLayout(self.stage)
        stage_layout.setContentsMargins(0, 0, 0, 0)
        stage_layout.setSpacing(0)
        stage_layout.addWidget(self.screen_stack, 1)
        stage_layout.addWidget(self.controls)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stage, 1)
        layout.addWidget(self.title)

        self.idle = QTimer(self, singleShot=True, interval=IDLE_MS,
                           timeout=self._hide_idle_controls)
        self.actions_by_id: dict[str, QShortcut] = {}
        slots = {
            "player.toggle": self.toggle, "player.back": lambda: self.jump(-JUMP_MS),
            "player.pause": self.pause, "player.forward": self.forward,
            "player.previous_frame": lambda: self.step_frames(-1),
            "player.next_frame": lambda: self.step_frames(1),
            "player.full_screen": self.toggle_full_screen,
            "player.leave_full_screen": self.leave_full_screen,
            "player.mute": self.mute.toggle, "player.loop": self.loop.toggle,
        }
        for action_id, keys, _description in PLAYER_SHORTCUTS:
            shortcut = QShortcut(QKeySequence(keys), self.stage, activated=slots[action_id],
                                 context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.actions_by_id[action_id] = shortcut
        if media:
            self.attach_media()

    def attach_media(self) -> None:
        """Create the QMediaPlayer, its audio output and the video widget (once)."""
        if self.player is None:
            player_media.attach(self)

    def _build_controls(self) -> None:
        self.play_button = self._button("playPause", self.tr("Play or pause (Space)"),
                                        "mdi6.play")
        self.play_button.clicked.connect(self.toggle)
        self.seek = SeekSlider(Qt.Orientation.Horizontal)
        self.seek.setObjectName("seek")
        self.seek.setAccessibleName(self.tr("Position"))
        self.time = QLabel("0:00 / 0:00")
        self.time.setObjectName("time")
        self.mute = self._button("mute", self.tr("Mute (M)"), "mdi6.volume-high")
        self.mute.setCheckable(True)
        self.mute.toggled.connect(self._apply_mute)
        self.volume = QSlider(Qt.Orientation.Horizontal)
        self.volume.setObjectName("volume")
        self.volume.setAccessibleName(self.tr("Volume"))
        self.volume.setRange(0, 100)
        self.volume.setValue(80)
        self.volume.setMaximumWidth(90)
        self.loop = QCheckBox(self.tr("Loop"))
        self.loop.setObjectName("loop")
        self.loop.setAccessibleName(self.tr("Loop playback (O)"))
        self.loop.setToolTip(self.tr("Loop playback (O)"))
        self.loop.setChecked(True)
        self.loop.toggled.connect(self._apply_loop)
        self.full = self._button("fullScreen", self.tr("Full screen (F; Esc leaves)"),
                                 "mdi6.fullscreen")
        self.full.clicked.connect(self.toggle_full_screen)
        row = QHBoxLayout(self.controls)
        row.setContentsMargins(4, 2, 4, 2)
        for widget in (self.play_button, self.seek, self.time, self.mute, self.volume,
                       self.loop, self.full):
            row.addWidget(widget, 1 if widget is self.seek else 0)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.FocusIn:
            if event.reason() == Qt.FocusReason.MouseFocusReason or self.is_full_screen():
                self.stage.setFocus(Qt.FocusReason.MouseFocusReason)
            elif self.focus_elsewhere is not None:
                self.focus_elsewhere()
        elif kind == QEvent.Type.MouseButtonDblClick:
            self.toggle_full_screen()
            return True
        elif kind == QEvent.Type.MouseMove:
            self.wake_controls()
        return super().eventFilter(watched, event)

    def _button(self, name: str, accessible: str, icon: str) -> QToolButton:
        button = QToolButton()
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        button.setToolTip(accessible)
        icons.set_icon(button, icon)  # palette-coloured: visible in both themes
        return button

    # -- what plays ------------------------------------------------------------------------

    def load(self, path: Path, title: str = "", *, autoplay: bool = True) -> None:
        self.attach_media()
        self.player.setSource(QUrl.fromLocalFile(str(path)))
        self.player.setPlaybackRate(1.0)
        self.screen_stack.setCurrentWidget(self.video)
        self.title.setText(title or path.name)
        self.title.setToolTip(str(path))
        if autoplay:
            self.player.play()

    def load_clip(self, path: Path, clip: ClipRecord, *, autoplay: bool = True) -> None:
        self.load(path, clip_title(clip), autoplay=autoplay)

    def preview(self, clip: ClipRecord | None, poster: Path | None) -> None:
        """While nothing plays, show the selected clip's poster (or the hint)."""
        if self.player is not None and not self.player.source().isEmpty():
            return
        if self._poster_job is not None:
            self._poster_job.cancel()
        if clip is None or poster is None:
            self._show_placeholder(None)
            return
        self.title.setText(clip_title(clip))
        import asyncio  # lazily: this module loads before the first paint, asyncio after

        self._poster_job = asyncio.ensure_future(self._load_poster(poster))

    async def _load_poster(self, poster: Path) -> None:
        import asyncio

        try:
            thumb = await asyncio.to_thread(make_thumb_from_file, str(poster), 960, 540)
        except (OSError, ValueError):
            self._show_placeholder(None)
            return
        self._show_placeholder(QPixmap.fromImage(to_qimage(thumb)))

    def _show_placeholder(self, poster: QPixmap | None) -> None:
        self._poster = poster
        self.screen_stack.setCurrentWidget(self.placeholder)
        if poster is None:
            self.placeholder.setPixmap(QPixmap())
            self.placeholder.setText(self.tr(EMPTY_HINT))
        else:
            self._fit_poster()

    def _fit_poster(self) -> None:
        if self._poster is not None:
            self.placeholder.setPixmap(self._poster.scaled(
                self.placeholder.size(), Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_poster()

    def stop(self) -> None:
        if self.player is None:
            return
        self.player.stop()
        self.player.setSource(QUrl())
        self._show_placeholder(None)

    # -- transport -------------------------------------------------------------------------

    def toggle(self) -> None:
        if self.player is None:
            return
        from PySide6.QtMultimedia import QMediaPlayer

        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.pause()
        elif not self.player.source().isEmpty():
            self.player.play()

    def pause(self) -> None:
        if self.player is None:
            return
        self.player.pause()
        self.player.setPlaybackRate(1.0)

    def forward(self) -> None:
        """L: play; pressed again while playing, 2× then 4×."""
        if self.player is None:
            return
        from PySide6.QtMultimedia import QMediaPlayer

        if self.player.source().isEmpty():
            return
        if self.player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self.player.setPlaybackRate(min(4.0, self.player.playbackRate() * 2))
        else:
            self.player.setPlaybackRate(1.0)
            self.player.play()

    def jump(self, delta_ms: int) -> None:
        if self.player is None:
            return
        duration = self.player.duration()
        target = max(0, self.player.position() + delta_ms)
        self.player.setPosition(min(target, duration) if duration > 0 else target)

    def frame_ms(self) -> float:
        from PySide6.QtMultimedia import QMediaMetaData

        rate = self.player.metaData().value(QMediaMetaData.Key.VideoFrameRate)
        with contextlib.suppress(TypeError, ValueError):
            if rate and float(rate) > 0:
                return 1000 / float(rate)
        return DEFAULT_FRAME_MS

    def step_frames(self, frames: int) -> None:
        """`,` and `.`: pause and move one frame (rounded to whole milliseconds)."""
        if self.player is None:
            return
        if self.player.source().isEmpty():
            return
        self.player.pause()
        self.jump(round(frames * self.frame_ms()))

    # -- full screen ----------------------------------------------------------------------

    def is_full_screen(self) -> bool:
        return self.stage.isWindow()

    def toggle_full_screen(self) -> None:
        if self.is_full_screen():
            self.leave_full_screen()
        else:
            self.enter_full_screen()

    def enter_full_screen(self) -> None:
        if self.is_full_screen():
            return
        self.stage.setParent(None)
        self.stage.setWindowFlag(Qt.WindowType.Window, True)
        self.stage.setWindowTitle(self.title.text())
        screen = self.screen() or QApplication.primaryScreen()
        self.stage.setGeometry(screen.geometry())  # also right where no window manager helps
        self.stage.showFullScreen()
        self.stage.activateWindow()
        self.stage.setFocus(Qt.FocusReason.OtherFocusReason)
        self.wake_controls()

    def leave_full_screen(self) -> None:
        if not self.is_full_screen():
            return
        self.idle.stop()
        self.stage.showNormal()
        self.stage.setWindowFlag(Qt.WindowType.Window, False)
        self.stage.setParent(self)
        self.layout().insertWidget(0, self.stage, 1)
        self.stage.show()
        self.controls.show()
        self.stage.unsetCursor()
        self.stage.setFocus(Qt.FocusReason.OtherFocusReason)

    def wake_controls(self) -> None:
        """In full screen the controls show on any mouse move and hide again when idle."""
        if not self.is_full_screen():
            return
        self.controls.show()
        self.stage.unsetCursor()
        self.idle.start()

    def _hide_idle_controls(self) -> None:
        if not self.is_full_screen():
            return
        local = self.controls.mapFromGlobal(self.cursor().pos())
        if self.controls.rect().contains(QPoint(local)):
            self.idle.start()  # the mouse rests on the controls: keep them
            return
        self.controls.hide()
        self.stage.setCursor(Qt.CursorShape.BlankCursor)

    # -- state → widgets ------------------------------------------------------------------

    def _apply_loop(self, on: bool) -> None:
        if self.player is None:
            return  # attach_media() applies the box's state
        from PySide6.QtMultimedia import QMediaPlayer

        self.player.setLoops(QMediaPlayer.Loops.Infinite if on else 1)

    def _apply_mute(self, muted: bool) -> None:
        if self.audio is not None:
            self.audio.setMuted(muted)
        icons.set_icon(self.mute, "mdi6.volume-off" if muted else "mdi6.volume-high")
        text = self.tr("Unmute (M)") if muted else self.tr("Mute (M)")
        self.mute.setToolTip(text)
        self.mute.setAccessibleName(text)

    def _position(self, ms: int) -> None:
        if not self.seek.isSliderDown():
            self.seek.setValue(ms)
        self.time.setText(f"{clock(ms)} / {clock(self.player.duration())}")

    def _duration(self, ms: int) -> None:
        self.seek.setRange(0, ms)
        self.time.setText(f"{clock(self.player.position())} / {clock(ms)}")

    def _state(self, state) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        playing = state == QMediaPlayer.PlaybackState.PlayingState
        icons.set_icon(self.play_button, "mdi6.pause" if playing else "mdi6.play")
        if self.is_full_screen():
            self.wake_controls()
