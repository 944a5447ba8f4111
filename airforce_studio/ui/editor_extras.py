"""What the editor remembers and suggests: prompt history (Alt+Up/Down and a searchable
list), presets, the prompt's length, the first frame's fit to the chosen aspect, and the
draft kept per profile across restarts (restored once the models are known)."""

from __future__ import annotations

import math
from concurrent.futures import Future
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, QTimer
from PySide6.QtGui import QTextCursor

from . import theme
from .editor_draft import Draft, DraftStore
from .editor_model import PROMPT_SOFT_LIMIT
from .editor_widgets import aspect_value, fit_preview
from .i18n import arg, number
from .image_drop import ROLE_IMAGE
from .prompt_history import PromptHistory, PromptHistoryDialog, Recall
from .tasks import spawn

if TYPE_CHECKING:
    from .editor import EditorPanel

DRAFT_SAVE_MS = 400  # a burst of typing is one save
FIT_TOLERANCE = 0.03  # shapes within 3 % are the same shape
PREVIEW = QSize(120, 90)
DRAFTED = ("promptChanged", "model_idChanged", "modeChanged", "durationChanged",
           "aspectChanged", "qualityChanged", "seedChanged", "seed_lockedChanged",
           "soundChanged", "countChanged", "first_frameChanged", "referencesChanged")


class EditorExtras(QObject):
    def __init__(self, panel: EditorPanel, history: PromptHistory) -> None:
        super().__init__(panel)
        self.panel = panel
        self.state = panel.state
        self.history = history
        self.recall = Recall(history)
        self.store: DraftStore | None = None
        self.pending: Draft | None = None  # a loaded draft waiting for the models
        self.restoring = False
        self.loaded = False  # nothing is saved before the stored draft was read
        self.dialog: PromptHistoryDialog | None = None
        self._save_timer = QTimer(self, singleShot=True, interval=DRAFT_SAVE_MS)
        self._save_timer.timeout.connect(self.save_draft)
        state = self.state
        panel.prompt.historyStep.connect(self.step)
        panel.history_button.clicked.connect(self.open_history)
        panel.preset_bar.current_settings = state.settings
        panel.preset_bar.loadRequested.connect(state.apply_settings)
        state.promptChanged.connect(self.count_prompt)
        state.problemChanged.connect(lambda _text: panel.problem.setStyleSheet(
            theme.hint_style()))
        state.submitted.connect(lambda request, _count: self._sent(request.prompt))
        for name in ("first_frameChanged", "aspectChanged", "modeChanged"):
            getattr(state, name).connect(lambda _value: self.update_fit())
        panel.first_frame.imagesChanged.connect(self.update_fit)
        self.count_prompt(state.prompt)

    # -- prompt ---------------------------------------------------------------------------

    def count_prompt(self, text: str) -> None:
        label, length = self.panel.prompt_count, len(text)
        if length > PROMPT_SOFT_LIMIT:
            label.setText(arg(self.tr("%1 / %2 characters: long prompts are often cut; "
                                      "put what matters first"), number(length),
                              number(PROMPT_SOFT_LIMIT)))
            label.setStyleSheet(theme.warning_style())
        else:
            label.setText(self.tr("%n character(s)", "", length) if length else "")
            label.setStyleSheet(theme.hint_style())

    def step(self, older: bool) -> None:
        text = self.recall.step(self.state.prompt, older)
        if text is None:
            return
        self.state.prompt = text
        self.panel.prompt.moveCursor(QTextCursor.MoveOperation.End)

    def _sent(self, prompt: str) -> None:
        self.history.add(prompt)
        self.recall.reset()

    def open_history(self) -> PromptHistoryDialog:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            return self.dialog
        dialog = PromptHistoryDialog(self.history, self.panel)
        dialog.chosen.connect(self._chosen)
        dialog.destroyed.connect(lambda: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _chosen(self, prompt: str) -> None:
        self.state.prompt = prompt
        self.panel.prompt.setFocus()
        self.panel.prompt.moveCursor(QTextCursor.MoveOperation.End)

    # -- the first frame's shape ----------------------------------------------------------

    def update_fit(self) -> None:
        fit, state = self.panel.fit, self.state
        images = state.first_frame if state.mode == "image" else ()
        target = aspect_value(state.aspect)
        if not images or target is None or not images[0].height:
            fit.hide()
            fit.preview.hide()
            return
        image = images[0]
        shape = image.width / image.height
        if abs(math.log(shape / target)) <= FIT_TOLERANCE:
            fit.hide()
            fit.preview.hide()
            return
        fit.setText(arg(self.tr("The first frame is %1×%2, not %3: the provider fits it to "
                                "the clip, cropping what falls outside the frame (shaded). "
                                "Crop the image yourself to choose the framing, or pick "
                                "another aspect."), image.width, image.height, state.aspect))
        fit.setStyleSheet(theme.warning_style())
        item = self.panel.first_frame.list.item(0)
        if item is not None and item.data(ROLE_IMAGE) is not None:
            source = item.icon().pixmap(PREVIEW)
            fit.preview.setPixmap(fit_preview(source, target, PREVIEW, theme.is_dark()))
            fit.preview.show()
        fit.show()

    # -- the draft ------------------------------------------------------------------------

    def attach_draft(self, store: DraftStore):
        """Keep the draft in `store` from now on; the one saved there is restored (once
        the models are known, so the model and its settings can be checked)."""
        self.store = store
        for name in DRAFTED:
            getattr(self.state, name).connect(lambda _value: self._changed())
        return spawn(self._load(), name="draft-load")

    async def _load(self) -> None:
        assert self.store is not None
        try:
            draft = await self.store.load()
        finally:
            self.loaded = True
        self.pending = draft
        if self.state.models:
            self.models_arrived()

    def models_arrived(self) -> None:
        draft, self.pending = self.pending, None
        if draft is None:
            return
        state = self.state
        self.restoring = True
        try:
            if draft.prompt and not state.prompt:  # never over what was typed meanwhile
                state.prompt = draft.prompt
            state.apply_settings(draft.settings)
            if draft.first_frame and not state.first_frame:
                state.first_frame = draft.first_frame
            if draft.references and not state.references:
                state.references = draft.references
        finally:
            self.restoring = False

    def _changed(self) -> None:
        if self.loaded and not self.restoring and self.pending is None:
            self._save_timer.start()

    def save_draft(self) -> Future | None:
        """Save now (the timer's job, and the window's on closing); None without a store
        or before the stored draft was read (it would be overwritten unread)."""
        self._save_timer.stop()
        if self.store is None or not self.loaded:
            return None
        state = self.state
        draft = Draft(prompt=state.prompt, settings=state.settings(),
                      first_frame=tuple(state.first_frame), references=tuple(state.references))
        return self.store.save(draft)
