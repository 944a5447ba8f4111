"""The request editor: every control limited to what the chosen model supports.

The cost of the next submission is always visible; anything invalid disables Generate
and says why. Switching model keeps what still fits and says what had to change.
"""

from __future__ import annotations

import random
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..api.errors import RequestInvalid
from ..api.types import MAX_REFERENCE_IMAGES, Model, TaskRequest
from ..core.images import PreparedImage
from .image_drop import ImageDropZone

MODE_LABELS = {"text": "Text → video", "image": "Animate a first frame",
               "reference": "Style from references"}


def money(cents: int) -> str:
    return f"${cents / 100:,.2f}"


def _named(widget: QWidget, name: str, accessible: str) -> QWidget:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


class EditorPanel(QWidget):
    """Emits `submitted(request, count)`; the window hands it to the engine."""

    submitted = Signal(object, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.models: dict[str, Model] = {}

        self.prompt = _named(QPlainTextEdit(), "prompt", "Prompt")
        self.prompt.setPlaceholderText("Describe the scene: subject, action, camera, light…")
        self.model = _named(QComboBox(), "model", "Model")
        self.mode = _named(QComboBox(), "mode", "Mode")
        self.duration = _named(QSpinBox(), "duration", "Duration in seconds")
        self.duration.setSuffix(" s")
        self.aspect = _named(QComboBox(), "aspect", "Aspect ratio")
        self.quality = _named(QComboBox(), "quality", "Quality")
        self.seed = _named(QSpinBox(), "seed", "Seed")
        self.seed.setRange(0, 2**31 - 2)
        self.seed_lock = _named(QCheckBox("Lock"), "seedLock", "Lock the seed")
        self.seed_lock.setToolTip("Unlocked: a new random seed for every clip. "
                                  "Locked: reuse this seed (reproducible).")
        self.sound = _named(QCheckBox("Native sound"), "sound", "Generate sound")
        self.count = _named(QSpinBox(), "count", "Number of variations")
        self.count.setRange(1, 20)
        self.count.setSuffix(" × variations")
        self.first_frame = _named(ImageDropZone("First frame", multiple=False), "firstFrame",
                                  "First frame image")
        self.references = _named(ImageDropZone("Reference images", multiple=True,
                                               limit=MAX_REFERENCE_IMAGES), "references",
                                 "Reference images")
        self.cost = _named(QLabel(), "cost", "Cost of the next submission")
        self.cost.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.problem = _named(QLabel(), "problem", "Why Generate is disabled")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #e5484d;")
        self.note = _named(QLabel(), "modelNote", "What changed with the model")
        self.note.setWordWrap(True)
        self.submit = _named(QPushButton("Generate"), "generate", "Generate")
        self.submit.setToolTip("Generate (Ctrl+Enter)")
        self.submit.setDefault(True)
        self.loading = _named(QLabel("Loading models…"), "modelsLoading", "Models loading")
        self.loading.setWordWrap(True)
        self.loading.setTextFormat(Qt.TextFormat.RichText)

        self.seed_note = _named(QLabel("This model takes no seed"), "seedNote",
                                "Seed not supported")
        self.seed_note.setEnabled(False)
        self.seed_note.hide()
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed, 1)
        seed_row.addWidget(self.seed_lock)
        seed_row.addWidget(self.seed_note)
        form = QFormLayout()
        form.addRow("Model", self.model)
        form.addRow("Mode", self.mode)
        form.addRow("Duration", self.duration)
        form.addRow("Aspect", self.aspect)
        form.addRow("Quality", self.quality)
        form.addRow("Seed", seed_row)
        form.addRow("", self.sound)
        form.addRow("Count", self.count)
        footer = QHBoxLayout()
        footer.addWidget(self.cost, 1)
        footer.addWidget(self.submit)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Prompt</b>"))
        self.prompt.setMinimumHeight(90)
        self.prompt.setMaximumHeight(220)
        layout.addWidget(self.prompt)
        layout.addWidget(self.loading)
        layout.addLayout(form)
        layout.addWidget(self.note)
        layout.addWidget(self.first_frame)
        layout.addWidget(self.references)
        layout.addStretch()
        layout.addWidget(self.problem)
        layout.addLayout(footer)

        for signal in (self.prompt.textChanged, self.duration.valueChanged,
                       self.aspect.currentIndexChanged, self.quality.currentIndexChanged,
                       self.sound.toggled, self.count.valueChanged, self.seed_lock.toggled,
                       self.first_frame.imagesChanged, self.references.imagesChanged,
                       self.first_frame.busyChanged, self.references.busyChanged):
            signal.connect(self.refresh)
        self.model.currentIndexChanged.connect(self._model_changed)
        self.mode.currentIndexChanged.connect(self._mode_changed)
        self.seed_lock.toggled.connect(self.seed.setEnabled)
        self.submit.clicked.connect(self.try_submit)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.try_submit,
                      context=Qt.ShortcutContext.WindowShortcut)
        self.seed.setEnabled(False)
        self.setEnabled(True)
        self.refresh()

    # -- models ---------------------------------------------------------------------------

    def set_loading(self, message: str | None) -> None:
        self.loading.setText(message or "")
        self.loading.setVisible(bool(message))
        self.refresh()

    def set_models(self, models: list[Model]) -> None:
        current = self.model.currentData()
        self.models = {m.id: m for m in models}
        self.model.blockSignals(True)
        self.model.clear()
        for m in models:
            self.model.addItem(f"{m.id}  ·  {m.caps.price_per_second_cents}¢/s", m.id)
        index = self.model.findData(current) if current else 0
        self.model.setCurrentIndex(max(0, index))
        self.model.blockSignals(False)
        self.set_loading(None if models else "No video models are available for this key.")
        self._model_changed()

    def current_model(self) -> Model | None:
        return self.models.get(self.model.currentData())

    def _model_changed(self) -> None:
        model = self.current_model()
        if model is None:
            self.refresh()
            return
        caps = model.caps
        changes = []
        old_mode = self.mode.currentData()
        self._fill(self.mode, [(MODE_LABELS.get(m, m), m) for m in caps.modes], "mode", changes)
        old = self.duration.value()
        self.duration.setRange(caps.min_duration_s, caps.max_duration_s)
        if old and old != self.duration.value():
            changes.append(f"duration {old} s → {self.duration.value()} s")
        self._fill(self.aspect, [(a, a) for a in caps.aspect_ratios], "aspect", changes)
        self._fill(self.quality, [(q, q) for q in caps.qualities], "quality", changes)
        self.sound.setVisible(model.supports_sound is not False)
        if model.supports_sound is False:
            self.sound.setChecked(False)
        self.sound.setToolTip("" if model.supports_sound else
                              "This model does not say whether it makes sound; it may be ignored.")
        seedless = model.supports_seed is False
        self.seed.setVisible(not seedless)
        self.seed_lock.setVisible(not seedless)
        self.seed_note.setVisible(seedless)
        if old_mode and old_mode not in caps.modes:
            changes.append(f"mode {MODE_LABELS.get(old_mode, old_mode)} is not offered")
        self.note.setText(f"Changed for {model.id}: " + "; ".join(changes) if changes else "")
        self._mode_changed()

    def _fill(self, combo: QComboBox, items: list[tuple[str, str]], what: str,
              changes: list[str]) -> None:
        old = combo.currentData()
        combo.blockSignals(True)
        combo.clear()
        for label, value in items:
            combo.addItem(label, value)
        index = combo.findData(old)
        combo.setCurrentIndex(max(0, index))
        combo.blockSignals(False)
        if old is not None and index < 0 and what != "mode":
            changes.append(f"{what} {old} → {combo.currentData()}")

    def _mode_changed(self) -> None:
        mode = self.mode.currentData()
        self.first_frame.setVisible(mode == "image")
        self.references.setVisible(mode == "reference")
        self.refresh()

    # -- the request ----------------------------------------------------------------------

    def images(self) -> list[PreparedImage]:
        mode = self.mode.currentData()
        if mode == "image":
            return self.first_frame.images()
        if mode == "reference":
            return self.references.images()
        return []

    def build_request(self) -> TaskRequest | None:
        model = self.current_model()
        if model is None:
            return None
        seeded = model.supports_seed is not False
        return TaskRequest(
            model=model.id,
            prompt=self.prompt.toPlainText().strip(),
            mode=self.mode.currentData() or "text",
            duration_seconds=self.duration.value(),
            aspect_ratio=self.aspect.currentData(),
            quality=self.quality.currentData(),
            input_images=tuple(image.as_input() for image in self.images()),
            seed=self.seed.value() if seeded and self.seed_lock.isChecked() else None,
            sound=True if self.sound.isChecked() and model.supports_sound is not False else None,
        )

    def problem_with(self, request: TaskRequest | None) -> str | None:
        model = self.current_model()
        if model is None or request is None:
            return "No model is available yet." if self.loading.text() else "Choose a model."
        if self.first_frame.is_busy() or self.references.is_busy():
            return "Preparing the image…"
        if not request.prompt:
            return "Write a prompt to generate."
        try:
            request.validate(model)
        except RequestInvalid as exc:
            return _friendly(exc)
        return None

    def refresh(self) -> None:
        model = self.current_model()
        for control in (self.model, self.mode, self.duration, self.aspect, self.quality,
                        self.count, self.sound, self.seed_lock):
            control.setEnabled(model is not None)
        request = self.build_request()
        problem = self.problem_with(request)
        self.problem.setText(problem or "")
        self.submit.setEnabled(problem is None)
        if model is None:
            self.cost.setText("Cost: —")
            return
        seconds, count = self.duration.value(), self.count.value()
        price = model.caps.price_per_second_cents
        self.cost.setText(f"Cost: {money(seconds * price * count)}  "
                          f"({seconds} s × {price}¢" + (f" × {count})" if count > 1 else ")"))

    def try_submit(self) -> None:
        request = self.build_request()
        if self.problem_with(request) is not None or request is None:
            self.refresh()
            return
        if request.seed is None and self.current_model().supports_seed is not False:
            seed = random.randint(1, 2**31 - 2)  # shown, so a good clip can be reproduced
            self.seed.setValue(seed)
            request = replace(request, seed=seed) if self.count.value() == 1 else request
        self.submitted.emit(request, self.count.value())

    # -- filling from a clip --------------------------------------------------------------

    def fill_from(self, request: dict, images: list[PreparedImage]) -> None:
        """Re-run: put a past request's settings (and images) back into the editor."""
        index = self.model.findData(request.get("model"))
        if index >= 0:
            self.model.setCurrentIndex(index)
        self.prompt.setPlainText(request.get("prompt", ""))
        mode_index = self.mode.findData(request.get("mode", "text"))
        self.mode.setCurrentIndex(max(0, mode_index))
        if request.get("duration_seconds"):
            self.duration.setValue(int(request["duration_seconds"]))
        for combo, key in ((self.aspect, "aspect_ratio"), (self.quality, "quality")):
            found = combo.findData(request.get(key))
            if found >= 0:
                combo.setCurrentIndex(found)
        if request.get("seed") is not None:
            self.seed.setValue(int(request["seed"]))
            self.seed_lock.setChecked(True)
        self.sound.setChecked(bool(request.get("sound")))
        self.first_frame.clear()
        self.references.clear()
        zone = self.first_frame if request.get("mode") == "image" else self.references
        for image in images:
            zone.add_prepared(image)
        self.prompt.setFocus()

    def use_first_frame(self, image: PreparedImage) -> None:
        """Chain shots: the given frame becomes the first frame of the next clip."""
        index = self.mode.findData("image")
        if index < 0:
            self.note.setText("This model cannot animate a first frame; pick one that can.")
            return
        self.mode.setCurrentIndex(index)
        self.first_frame.add_prepared(image)
        self.prompt.setFocus()


def _friendly(error: RequestInvalid) -> str:
    names = {"input_images": "Images", "duration_seconds": "Duration",
             "aspect_ratio": "Aspect ratio"}
    return f"{names.get(error.field, error.field.capitalize())}: {error.reason}"
