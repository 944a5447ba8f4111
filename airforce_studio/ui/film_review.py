"""Review: a shot's takes (or any clips) in the compare view, with verdicts that stick.

Keep makes the take the shot's `take` (saved in the film file at once); reject marks it in
the shot's `rejected` list; ★ is the library's favourite. "Clean up rejected" deletes the
local copies of rejected takes, after saying how much space that frees.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..core.library import ClipRecord, Library
from .compare_view import CompareView
from .esc_closes import EscCloses
from .film_document import FilmDocument
from .film_tasks import alive
from .i18n import arg, data_size
from .player_keys import take_name
from .tasks import ask, spawn

MAX_VIEWS = 4


class ReviewWindow(EscCloses, QWidget):
    """A separate window (non-modal): the storyboard stays usable while takes are judged."""

    def __init__(self, library: Library, clips: list[ClipRecord], document: FilmDocument | None,
                 shot_id: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("reviewWindow")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.library, self.clips = library, clips[:MAX_VIEWS]
        self.document, self.shot_id = document, shot_id
        title = arg(self.tr("Review takes of %1"), shot_id) if shot_id else self.tr(
            "Compare clips")
        self.setWindowTitle(title)
        self.compare = CompareView()
        self.compare.verdict.connect(lambda index, kind: spawn(self.judge(index, kind)))
        self.status = QLabel(self.tr("Select a view (click or 1–4); P keeps, X rejects, S stars. "
                                     "← → step every view one frame; Shift+Space plays them all."))
        self.status.setObjectName("reviewStatus")
        self.status.setWordWrap(True)
        self.cleanup = QPushButton(self.tr("Clean up rejected…"))
        self.cleanup.setObjectName("cleanUpRejected")
        self.cleanup.clicked.connect(lambda: spawn(self.clean_up()))
        self.cleanup.setEnabled(document is not None)
        row = QHBoxLayout()
        row.addWidget(self.status, 1)
        row.addWidget(self.cleanup)
        layout = QVBoxLayout(self)
        layout.addWidget(self.compare, 1)
        layout.addLayout(row)
        self.resize(1100, 720)
        self.loaded = spawn(self._load())

    @classmethod
    def for_shot(cls, document: FilmDocument, shot_id: str,
                 parent: QWidget | None = None) -> ReviewWindow:
        shot = document.film.shot(shot_id)
        library = document.session.library
        ids = ([shot.take] if shot.take else []) + [t for t in shot.takes if t != shot.take]
        clips = [library.get(t) for t in ids if t in library]
        return cls(library, clips, document, shot_id, parent)

    @classmethod
    def for_clips(cls, library: Library, clips: list[ClipRecord],
                  parent: QWidget | None = None) -> ReviewWindow:
        return cls(library, clips, None, None, parent)

    async def _load(self) -> None:
        if not alive(self):  # closed (Esc) before the loop ran this
            return
        if len(self.clips) < 1:
            self.status.setText(self.tr("No takes to compare: render the shot first (set "
                                        "count above 1 for several takes)."))
            return
        labels = [chr(ord("A") + i) + f" · {take_name(c)}" for i, c in enumerate(self.clips)]
        try:
            await self.compare.load([self.library.absolute(c.file) for c in self.clips], labels)
        except Exception as error:  # a take that will not decode: say which, lose nothing
            if alive(self):
                self.status.setText(arg(self.tr("A take could not be decoded: %1"), str(error)))
            return
        if not alive(self):
            return
        self._show_verdicts()
        self.compare.setFocus()

    def _show_verdicts(self) -> None:
        rejected = set(self.document.rejected(self.shot_id)) if self.document else set()
        chosen = self.document.film.shot(self.shot_id).take if self.document else None
        for index, clip in enumerate(self.clips):
            verdict = "keep" if clip.task_id == chosen else (
                "reject" if clip.task_id in rejected else "")
            self.compare.set_verdict(index, verdict, clip.favourite)

    async def judge(self, index: int, kind: str) -> None:
        if not 0 <= index < len(self.clips):
            return
        clip = self.clips[index]
        if kind == "star":
            record = replace(clip, favourite=not clip.favourite)
            await asyncio.to_thread(self.library.write_sidecar, record)  # fsync: off the loop
            self.library.index(record)
            self.clips[index] = record
        elif self.document is not None and self.shot_id is not None:
            if kind == "keep":
                await self.document.keep(self.shot_id, clip.task_id)
                self.status.setText(arg(self.tr("%1 is now the take of shot %2."),
                                        clip.task_id, self.shot_id))
            else:
                await self.document.reject(self.shot_id, clip.task_id)
        else:  # plain clips: keep/reject are only marks on screen
            self.compare.set_verdict(index, kind)
            return
        self._show_verdicts()

    def rejected_clips(self) -> list[ClipRecord]:
        if self.document is None or self.shot_id is None:
            return []
        chosen = self.document.film.shot(self.shot_id).take
        return [self.library.get(t) for t in self.document.rejected(self.shot_id)
                if t != chosen and t in self.library]

    async def clean_up(self, confirm: bool = True) -> int:
        """Delete the local copies of rejected takes; returns the bytes freed."""
        clips = self.rejected_clips()
        if not clips:
            self.status.setText(self.tr("No rejected take has a local copy."))
            return 0
        sizes = await asyncio.to_thread(
            lambda: sum(_size(self.library.absolute(c.file)) for c in clips))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Clean up rejected takes"),
                          arg(self.tr("Delete the local copies of %1 rejected take(s)? This "
                                      "frees %2. The provider's copies are untouched."),
                              len(clips), data_size(sizes)),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                          self)
        box.setObjectName("cleanUpConfirm")
        self.cleanup_box = box
        answer = await ask(box) if confirm else QMessageBox.StandardButton.Yes
        self.cleanup_box = None  # deleted by ask()
        if answer != QMessageBox.StandardButton.Yes:
            return 0
        for clip in clips:
            self.library.delete(clip.task_id)
        self.status.setText(arg(self.tr("Freed %1."), data_size(sizes)))
        return sizes


def _size(path) -> int:
    total = 0
    for suffix in (".mp4", ".jpg", ".json", ".strip.jpg"):
        candidate = path.with_suffix(suffix)
        if candidate.exists():
            total += candidate.stat().st_size
    return total
