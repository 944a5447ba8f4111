"""Esc for the film's separate windows (Review, Export, Animation): they are plain windows,
not dialogs, so Qt gives them no Esc; a creator expects it to close them as it closes a
dialog. While an export runs, Esc stops it first (as its Cancel does) and leaves the window
open to say so; verdicts and trims are saved as they are made, so closing loses nothing."""

from __future__ import annotations

from PySide6.QtCore import Qt


class EscCloses:
    """Mixin, listed before QWidget: `class ExportDialog(EscCloses, QWidget)`."""

    def keyPressEvent(self, event) -> None:
        if event.key() != Qt.Key.Key_Escape or event.modifiers() != Qt.KeyboardModifier.NoModifier:
            super().keyPressEvent(event)  # type: ignore[misc]
            return
        job = getattr(self, "job", None)
        if job is not None and not job.done():
            cancel = getattr(self, "cancel", None)
            if callable(cancel):
                cancel()
            elif getattr(self, "cancel_event", None) is not None:
                self.cancel_event.set()  # type: ignore[attr-defined]
            return
        self.close()  # type: ignore[attr-defined]
