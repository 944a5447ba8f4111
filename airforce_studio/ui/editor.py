"""The request editor: widgets bound to an `EditorModel`, which holds the state.

Every control is limited to what the chosen model supports; the cost of the next
submission is always visible; anything invalid disables Generate and says what to do.
The widgets only show and edit the model's properties (see `bind_*` below). Prompt
history, presets and the draft kept across restarts are wired in `editor_extras`.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..api.types import MAX_REFERENCE_IMAGES, Model
from . import icons, keymap, theme
from .editor_extras import EditorExtras
from .editor_model import EditorModel
from .editor_widgets import CountSpin, FitWarning, PromptEdit, SeedEdit
from .formatting import money  # noqa: F401 - re-exported for older imports
from .i18n import arg
from .image_drop import ImageDropZone
from .presets import PresetBar, PresetStore
from .prompt_history import PromptHistory

if TYPE_CHECKING:
    from ..core.images import PreparedImage


def _named(widget: QWidget, name: str, accessible: str) -> QWidget:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


def bind_text(state: EditorModel, name: str, edit: QPlainTextEdit) -> None:
    edit.textChanged.connect(lambda: setattr(state, name, edit.toPlainText()))
    getattr(state, f"{name}Changed").connect(
        lambda value: edit.toPlainText() != value and edit.setPlainText(value))


def bind_combo(state: EditorModel, name: str, combo: QComboBox, options: str | None) -> None:
    """`options` names the model property with the (label, value) pairs to offer (None:
    the caller fills the combo)."""

    def fill(items) -> None:
        combo.blockSignals(True)
        combo.clear()
        for label, value in items:
            combo.addItem(label, value)
        combo.setCurrentIndex(combo.findData(getattr(state, name)))
        combo.blockSignals(False)

    def select(value) -> None:
        if combo.currentData() != value:
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(value))
            combo.blockSignals(False)

    getattr(state, f"{name}Changed").connect(select)
    combo.currentIndexChanged.connect(lambda _i: setattr(state, name, combo.currentData()))
    if options is not None:
        getattr(state, f"{options}Changed").connect(fill)
        fill(getattr(state, options))


def bind_spin(state: EditorModel, name: str, spin: QSpinBox | SeedEdit) -> None:
    spin.setValue(getattr(state, name))
    spin.valueChanged.connect(lambda value: setattr(state, name, value))
    getattr(state, f"{name}Changed").connect(
        lambda value: spin.value() != value and spin.setValue(value))


def bind_check(state: EditorModel, name: str, box: QCheckBox) -> None:
    box.setChecked(getattr(state, name))
    box.toggled.connect(lambda on: setattr(state, name, on))
    getattr(state, f"{name}Changed").connect(lambda on: box.isChecked() != on
                                             and box.setChecked(on))


def bind_images(state: EditorModel, name: str, zone: ImageDropZone) -> None:
    def push(images) -> None:
        if [i.sha256 for i in images] != [i.sha256 for i in zone.images()]:
            zone.clear()
            for image in images:
                zone.add_prepared(image)

    zone.imagesChanged.connect(lambda: setattr(state, name, tuple(zone.images())))
    getattr(state, f"{name}Changed").connect(push)


class EditorPanel(QWidget):
    """Emits `submitted(request, count)`; the window hands it to the engine.
    `clipDropped(task_id)`: a library clip dropped on the first frame (use its last frame)."""

    submitted = Signal(object, int)
    clipDropped = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, history: PromptHistory | None = None,
                 presets: PresetStore | None = None) -> None:
        super().__init__(parent)
        self.state = EditorModel(self)
        self.state.submitted.connect(self.submitted)

        self.prompt: QPlainTextEdit = _named(PromptEdit(), "prompt", self.tr("Prompt"))
        self.prompt_count = _named(QLabel(), "promptCount", self.tr("Prompt length"))
        self.history_button = _named(QToolButton(), "promptHistoryButton",
                                     self.tr("Search the prompt history"))
        self.history_button.setToolTip(arg(self.tr("Prompt history (%1); Alt+Up / Alt+Down "
                                                   "in the prompt recall past prompts"),
                                           keymap.shown_keys(keymap.BY_ID["promptHistory"])))
        icons.set_icon(self.history_button, "mdi6.history")
        self.preset_bar = _named(PresetBar(presets or PresetStore()), "presetBar",
                                 self.tr("Presets"))
        self.prompt.setPlaceholderText(
            self.tr("Describe the scene: subject, action, camera, light…"))
        self.model_box = _named(QComboBox(), "model", self.tr("Model"))
        self.mode = _named(QComboBox(), "mode", self.tr("Mode"))
        self.duration = _named(QSpinBox(), "duration", self.tr("Duration in seconds"))
        self.duration.setSuffix(self.tr(" s"))
        self.aspect = _named(QComboBox(), "aspect", self.tr("Aspect ratio"))
        self.quality = _named(QComboBox(), "quality", self.tr("Quality"))
        self.seed = _named(SeedEdit(), "seed", self.tr("Seed"))
        self.seed_lock = _named(QCheckBox(self.tr("Lock")), "seedLock", self.tr("Lock the seed"))
        self.seed_lock.setToolTip(self.tr("Unlocked: a new random seed for every clip. "
                                          "Locked: reuse this seed (reproducible)."))
        self.sound = _named(QCheckBox(self.tr("Native sound")), "sound", self.tr("Generate sound"))
        self.count = _named(CountSpin(), "count", self.tr("Number of variations"))
        self.count.setRange(1, 20)
        self.first_frame = _named(ImageDropZone(self.tr("First frame"), multiple=False,
                                                accepts_clips=True),
                                  "firstFrame", self.tr("First frame image"))
        self.first_frame.clipDropped.connect(self.clipDropped)
        self.fit = FitWarning()
        self.references = _named(ImageDropZone(self.tr("Reference images"), multiple=True,
                                               limit=MAX_REFERENCE_IMAGES), "references",
                                 self.tr("Reference images"))
        self.cost = _named(QLabel(), "cost", self.tr("Cost of the next submission"))
        self.cost.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.cost.setWordWrap(True)  # a narrow editor wraps the breakdown, never scrolls
        self.problem = _named(QLabel(), "problem", self.tr("Why Generate is disabled"))
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(theme.hint_style())  # a hint; engine errors turn it red
        self.note = _named(QLabel(), "modelNote", self.tr("What changed with the model"))
        self.note.setWordWrap(True)
        self.submit = _named(QPushButton(self.tr("Generate")), "generate", self.tr("Generate"))
        self.submit.setToolTip(arg(self.tr("Generate (%1)"),
                                   keymap.shown_keys(keymap.BY_ID["generate"])))
        icons.set_icon(self.submit, "mdi6.movie-open-play-outline")
        self.submit.setDefault(True)
        self.loading = _named(QLabel(), "modelsLoading", self.tr("Models loading"))
        self.loading.setWordWrap(True)
        self.loading.setTextFormat(Qt.TextFormat.RichText)
        self.seed_note = _named(QLabel(self.tr("This model takes no seed")), "seedNote",
                                self.tr("Seed not supported"))
        self.seed_note.setEnabled(False)
        self.seed_note.hide()
        self._lay_out()
        self.extras = EditorExtras(self, history or PromptHistory())
        self._bind()
        for binding, slot in (("generate", self.try_submit),
                              ("browseImage", self.browse_image),
                              ("promptHistory", self.extras.open_history),
                              ("savePreset", self.preset_bar.ask_name)):
            for keys in keymap.BY_ID[binding].keys:
                QShortcut(QKeySequence(keys), self, activated=slot,
                          context=Qt.ShortcutContext.WindowShortcut)

    def _lay_out(self) -> None:
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed, 1)
        seed_row.addWidget(self.seed_lock)
        seed_row.addWidget(self.seed_note)
        form = QFormLayout()
        form.setSpacing(theme.SPACE)
        for label, field in ((self.tr("Preset"), self.preset_bar),
                             (self.tr("Model"), self.model_box), (self.tr("Mode"), self.mode),
                             (self.tr("Duration"), self.duration),
                             (self.tr("Aspect"), self.aspect),
                             (self.tr("Quality"), self.quality), (self.tr("Seed"), seed_row),
                             ("", self.sound), (self.tr("Count"), self.count)):
            form.addRow(label, field)
        body = QWidget()
        body.setObjectName("editorBody")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(theme.GAP, theme.GAP, theme.GAP, theme.SPACE)
        layout.setSpacing(theme.SPACE)
        title_row = QHBoxLayout()
        prompt_label = QLabel("<b>" + self.tr("&Prompt") + "</b>")
        prompt_label.setBuddy(self.prompt)
        title_row.addWidget(prompt_label)
        title_row.addStretch()
        title_row.addWidget(self.prompt_count)
        title_row.addWidget(self.history_button)
        layout.addLayout(title_row)
        self.prompt.setMinimumHeight(72)
        self.prompt.setMaximumHeight(160)
        layout.addWidget(self.prompt)
        layout.addWidget(self.loading)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.first_frame)
        fit_row = QHBoxLayout()
        fit_row.addWidget(self.fit.preview)
        fit_row.addWidget(self.fit, 1)
        layout.addLayout(fit_row)
        layout.addWidget(self.references)
        layout.addStretch()
        # The form scrolls; what says whether and for how much it can be sent does not:
        # Generate, the cost and the reason it is disabled stay in view at 1280×720.
        self.body_scroll = QScrollArea()
        self.body_scroll.setObjectName("editorScroll")
        self.body_scroll.setWidget(body)
        self.body_scroll.setWidgetResizable(True)
        self.body_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.body_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the controls
        self.body_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        footer = QHBoxLayout()
        footer.addWidget(self.cost, 1)
        footer.addWidget(self.submit)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, theme.GAP)
        outer.setSpacing(theme.SPACE)
        outer.addWidget(self.body_scroll, 1)
        bottom = QVBoxLayout()
        bottom.setContentsMargins(theme.GAP, 0, theme.GAP, 0)
        bottom.setSpacing(theme.GRID)
        bottom.addWidget(self.problem)
        bottom.addLayout(footer)
        outer.addLayout(bottom)
        self.setMinimumHeight(240)
        self._tab_order()

    def _tab_order(self) -> None:
        """Keyboard only: the prompt first, then the settings top to bottom, the images,
        and Generate last (the order the eye reads; the history button after the prompt)."""
        chain = [self.prompt, self.history_button, self.preset_bar.combo,
                 self.preset_bar.save, self.preset_bar.delete, self.model_box, self.mode,
                 self.duration, self.aspect, self.quality, self.seed, self.seed_lock,
                 self.sound, self.count]
        for zone in (self.first_frame, self.references):
            chain += [zone, zone.browse_button, zone.clear_button, zone.list]
        chain.append(self.submit)
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _bind(self) -> None:
        state = self.state
        bind_text(state, "prompt", self.prompt)
        state.modelsChanged.connect(self._fill_models)  # before model_id is bound
        bind_combo(state, "model_id", self.model_box, None)
        bind_combo(state, "mode", self.mode, "mode_options")
        bind_combo(state, "aspect", self.aspect, "aspect_options")
        bind_combo(state, "quality", self.quality, "quality_options")
        bind_spin(state, "duration", self.duration)
        bind_spin(state, "seed", self.seed)
        bind_spin(state, "count", self.count)
        bind_check(state, "seed_locked", self.seed_lock)
        bind_check(state, "sound", self.sound)
        bind_images(state, "first_frame", self.first_frame)
        bind_images(state, "references", self.references)
        for zone in (self.first_frame, self.references):
            zone.busyChanged.connect(lambda _busy: setattr(
                state, "images_busy", self.first_frame.is_busy() or self.references.is_busy()))
        self.seed.setEnabled(state.seed_locked)
        state.seed_lockedChanged.connect(self.seed.setEnabled)
        state.duration_rangeChanged.connect(lambda r: self.duration.setRange(*r))
        state.sound_supportedChanged.connect(self._sound_supported)
        state.seed_supportedChanged.connect(self._seed_supported)
        state.modeChanged.connect(self._mode_changed)
        for name, label in (("cost", self.cost), ("problem", self.problem),
                            ("note", self.note)):
            getattr(state, f"{name}Changed").connect(label.setText)
            label.setText(getattr(state, name))
        state.can_submitChanged.connect(self.submit.setEnabled)
        state.modelsChanged.connect(lambda _m: self._enable())
        state.loadingChanged.connect(self._loading)
        self.submit.clicked.connect(self.try_submit)
        self._loading(state.loading)
        self._mode_changed(state.mode)
        self._enable()
        self.submit.setEnabled(state.can_submit)

    # -- reactions to the model ---------------------------------------------------------

    def _fill_models(self, models: dict[str, Model]) -> None:
        self.model_box.blockSignals(True)
        self.model_box.clear()
        for m in models.values():
            self.model_box.addItem(arg(self.tr("%1  ·  %2¢/s"), m.id,
                                       m.caps.price_per_second_cents), m.id)
        self.model_box.setCurrentIndex(self.model_box.findData(self.state.model_id))
        self.model_box.blockSignals(False)

    def _enable(self) -> None:
        on = bool(self.state.models)
        for control in (self.model_box, self.mode, self.duration, self.aspect, self.quality,
                        self.count, self.sound, self.seed_lock):
            control.setEnabled(on)

    def _loading(self, text: str) -> None:
        self.loading.setText(text)
        self.loading.setVisible(bool(text))

    def _sound_supported(self, supported: bool | None) -> None:
        self.sound.setVisible(supported is not False)
        self.sound.setToolTip("" if supported else self.tr(
            "This model does not say whether it makes sound; it may be ignored."))

    def _seed_supported(self, supported: bool) -> None:
        self.seed.setVisible(supported)
        self.seed_lock.setVisible(supported)
        self.seed_note.setVisible(not supported)

    def _mode_changed(self, mode: str) -> None:
        self.first_frame.setVisible(mode == "image")
        self.references.setVisible(mode == "reference")
        self.extras.update_fit()

    # -- what the window calls ----------------------------------------------------------

    def set_loading(self, message: str | None) -> None:
        self.state.loading = message or ""

    def set_models(self, models: list[Model]) -> None:
        self.state.set_models(sorted(models, key=lambda m: m.id))
        self.extras.models_arrived()

    def current_model(self) -> Model | None:
        return self.state.current_model()

    def try_submit(self) -> None:
        self.state.submit()

    def visible_zone(self) -> ImageDropZone | None:
        return {"image": self.first_frame, "reference": self.references}.get(self.state.mode)

    def browse_image(self) -> None:
        """Ctrl+O: a file dialog for the visible drop zone (non-blocking)."""
        zone = self.visible_zone()
        if zone is None:
            self.state.note = self.tr("Text → video takes no image: choose another mode "
                                      "to add one.")
            return
        zone.browse()

    def fill_from(self, request: dict, images: list[PreparedImage]) -> None:
        self.state.fill_from(request, images)
        self.prompt.setFocus()

    def use_first_frame(self, image: PreparedImage) -> None:
        if self.state.use_first_frame(image):
            self.prompt.setFocus()

    def show_problem(self, text: str) -> None:
        """An error the engine found (budget, unknown model): shown until the next edit."""
        self.state.problem = text
        self.problem.setStyleSheet(theme.error_style())
