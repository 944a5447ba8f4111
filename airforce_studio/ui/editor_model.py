"""The editor's state without widgets: the request being built, its cost and what is wrong
with it, as property / changed-signal pairs (after krita-ai-diffusion's properties.py).

`EditorPanel` binds its widgets to these properties both ways; re-run and chain set the
model, and the model's logic (what a model change keeps, the cost, validation) is tested
without a single widget.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Signal

from ..api.errors import RequestInvalid
from ..api.types import MAX_REFERENCE_IMAGES, Model, TaskRequest
from ..core.images import PreparedImage
from . import i18n
from .formatting import money
from .i18n import arg

translate = QCoreApplication.translate  # lupdate finds translate("Context", "…")
SEED_MAX = 2**32 - 1  # the API takes 0..2^32−1 (QSpinBox is 32-bit signed: not a spin box)
PROMPT_SOFT_LIMIT = 2000  # past this, a soft warning: models tend to ignore the rest
# Settings a preset or a draft keeps (the prompt and images are a draft's alone).
SETTINGS = ("model_id", "mode", "duration", "aspect", "quality", "sound", "seed",
            "seed_locked", "count")


def _magnitude(value: str) -> float | None:
    """'720p' → 720, '16:9' → 1.78: how far apart two options are; None if not a number."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*(?::\s*(\d+(?:\.\d+)?))?\s*[a-zA-Z]*\s*", value)
    if not match:
        return None
    first = float(match[1])
    return first / float(match[2]) if match[2] and float(match[2]) else first


def nearest(old: str | None, options: tuple[str, ...] | list[str]) -> str | None:
    """The option closest to `old` (720p rather than 480p for a lost 1080p); the first
    when nothing compares."""
    if not options:
        return None
    if old in options:
        return old
    target = _magnitude(old) if old else None
    scored = [(abs(math.log(m / target)), i) for i, o in enumerate(options)
              if target and (m := _magnitude(o))]
    return options[min(scored)[1]] if scored else options[0]

def mode_label(mode: str) -> str:
    return {"text": translate("EditorModel", "Text → video"), "image": translate(
            "EditorModel", "Animate a first frame"),
            "reference": translate("EditorModel", "Style from references")}.get(mode, mode)


class Property:
    """A value on an EditorModel whose change emits `<name>Changed(value)` once."""

    def __init__(self, default: Any, *, derived: bool = False) -> None:
        self.default = default
        self.derived = derived  # computed by the model itself: setting it recomputes nothing

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, obj: EditorModel | None, owner: type) -> Any:
        if obj is None:
            return self
        return obj._values.get(self.name, self.default)

    def __set__(self, obj: EditorModel, value: Any) -> None:
        if obj._values.get(self.name, self.default) == value:
            return
        obj._values[self.name] = value
        getattr(obj, f"{self.name}Changed").emit(value)
        if not self.derived:
            obj._input_changed(self.name)


class EditorModel(QObject):
    # What the user sets.
    promptChanged = Signal(object)
    model_idChanged = Signal(object)
    modeChanged = Signal(object)
    durationChanged = Signal(object)
    aspectChanged = Signal(object)
    qualityChanged = Signal(object)
    seedChanged = Signal(object)
    seed_lockedChanged = Signal(object)
    soundChanged = Signal(object)
    countChanged = Signal(object)
    first_frameChanged = Signal(object)
    referencesChanged = Signal(object)
    images_busyChanged = Signal(object)
    loadingChanged = Signal(object)
    # What the chosen model allows, and what follows from it all.
    modelsChanged = Signal(object)
    mode_optionsChanged = Signal(object)
    aspect_optionsChanged = Signal(object)
    quality_optionsChanged = Signal(object)
    duration_rangeChanged = Signal(object)
    sound_supportedChanged = Signal(object)
    seed_supportedChanged = Signal(object)
    noteChanged = Signal(object)
    costChanged = Signal(object)
    problemChanged = Signal(object)
    can_submitChanged = Signal(object)
    submitted = Signal(object, int)  # TaskRequest, count

    prompt = Property("")
    model_id = Property(None)
    mode = Property("text")
    duration = Property(5)
    aspect = Property(None)
    quality = Property(None)
    seed = Property(0)
    seed_locked = Property(False)
    sound = Property(False)
    count = Property(1)
    first_frame = Property(())  # tuple[PreparedImage, ...]
    references = Property(())
    images_busy = Property(False)
    loading = Property("")
    models = Property({}, derived=True)  # id → Model
    mode_options = Property((), derived=True)  # ((label, mode), …)
    aspect_options = Property((), derived=True)
    quality_options = Property((), derived=True)
    duration_range = Property((1, 60), derived=True)
    sound_supported = Property(None, derived=True)  # True, False or None (unknown)
    seed_supported = Property(True, derived=True)
    note = Property("", derived=True)
    cost = Property("", derived=True)
    problem = Property("", derived=True)
    can_submit = Property(False, derived=True)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._values: dict[str, Any] = {"loading": translate("EditorModel", "Loading models…")}
        self._quiet = 0
        self._recompute()

    # -- models -------------------------------------------------------------------------

    def set_models(self, models: list[Model]) -> None:
        self.models = {m.id: m for m in models}
        self.loading = "" if models else translate(
                "EditorModel", "No video models are available for this key.")
        keep = self.model_id if self.model_id in self.models else None
        self._quiet += 1
        try:
            self.model_id = keep or (models[0].id if models else None)
            self._apply_model(self.current_model(), note=False)
        finally:
            self._quiet -= 1
        self._recompute()

    def current_model(self) -> Model | None:
        return self.models.get(self.model_id)

    def _apply_model(self, model: Model | None, *, note: bool = True) -> None:
        """Limit every setting to what `model` offers; say what had to change."""
        if model is None:
            return
        caps, changes = model.caps, []
        self.mode_options = tuple((mode_label(m), m) for m in caps.modes)
        if self.mode not in caps.modes:
            changes.append(arg(translate(
                    "EditorModel", "mode %1 is not offered"), mode_label(self.mode)))
            self.mode = caps.modes[0] if caps.modes else "text"
        before = self.duration  # a bound spin box clamps as soon as the range changes
        clamped = min(max(before, caps.min_duration_s), caps.max_duration_s)
        self.duration_range = (caps.min_duration_s, caps.max_duration_s)
        self.duration = clamped
        if clamped != before:
            changes.append(arg(translate(
                    "EditorModel", "duration %1 s → %2 s"), str(before), str(clamped)))
        for name, options in (("aspect", caps.aspect_ratios), ("quality", caps.qualities)):
            setattr(self, f"{name}_options", tuple((o, o) for o in options))
            old = getattr(self, name)
            if old not in options:
                new = nearest(old, options)
                if old is not None:
                    label = translate("EditorModel", "aspect") if name == "aspect" else translate(
                            "EditorModel", "quality")
                    changes.append(f"{label} {old} → {new}")
                setattr(self, name, new)
        self.sound_supported = model.supports_sound
        if model.supports_sound is False:
            self.sound = False
        self.seed_supported = model.supports_seed is not False
        if note:
            self.note = (arg(translate(
                    "EditorModel", "Changed for %1: "), model.id) + "; ".join(changes)
                         if changes else "")

    # -- the request --------------------------------------------------------------------

    def images(self) -> tuple[PreparedImage, ...]:
        return {"image": self.first_frame, "reference": self.references}.get(self.mode, ())

    def build_request(self) -> TaskRequest | None:
        model = self.current_model()
        if model is None:
            return None
        seeded = model.supports_seed is not False
        return TaskRequest(
            model=model.id, prompt=self.prompt.strip(), mode=self.mode or "text",
            duration_seconds=self.duration, aspect_ratio=self.aspect, quality=self.quality,
            input_images=tuple(image.as_input() for image in self.images()),
            seed=self.seed if seeded and self.seed_locked else None,
            sound=True if self.sound and model.supports_sound is not False else None)

    def check(self, request: TaskRequest | None) -> str:
        """Why Generate is disabled, or "" when the request can be sent."""
        model = self.current_model()
        if model is None or request is None:
            if self.loading:
                return translate("EditorModel", "No model is available yet.")
            return translate("EditorModel", "Choose a model.")
        if self.images_busy:
            return translate("EditorModel", "Preparing the image…")
        if not request.prompt:
            return translate("EditorModel", "Write a prompt to generate.")
        try:
            request.validate(model)
        except RequestInvalid as error:
            return self._advice(error)
        return ""

    def _advice(self, error: RequestInvalid) -> str:
        """What to do about an invalid request, in the user's words (not the API's)."""
        if error.field == "input_images":
            if self.mode == "image":
                return translate("EditorModel", "Add a first-frame image: drop, paste or "
                                 "browse for one.")
            if self.mode == "reference" and not self.references:
                return translate("EditorModel", "Add at least one reference image.")
            if self.mode == "reference":
                return translate("EditorModel", "Remove reference images: at most %n can be "
                                 "sent.", None, MAX_REFERENCE_IMAGES)
        p = error.params  # the API's check says what it found; the words are ours
        if error.code == "duration-range":
            return arg(translate("EditorModel", "Choose a duration from %1 to %2 s."),
                       p["low"], p["high"])
        if error.code == "not-allowed":
            names = {"aspect_ratio": translate("EditorModel", "Choose another aspect ratio"),
                     "quality": translate("EditorModel", "Choose another quality"),
                     "mode": translate("EditorModel", "Choose another mode")}
            what = names.get(error.field, translate("EditorModel", "Choose another value"))
            return arg(translate("EditorModel", "%1: this model offers %2."), what,
                       ", ".join(map(str, p["allowed"])))
        if error.code == "unsupported" and error.field == "sound":
            return translate("EditorModel", "This model makes no sound: turn sound off.")
        if error.code == "unsupported" and error.field == "seed":
            return translate("EditorModel", "This model takes no seed: use a random seed.")
        return arg(translate("EditorModel", "Check the settings: %1"), error.reason)

    def _input_changed(self, name: str) -> None:
        if self._quiet:
            return
        if name == "model_id":
            self._quiet += 1
            try:
                self._apply_model(self.current_model())
            finally:
                self._quiet -= 1
        self._recompute()

    def _recompute(self) -> None:
        model = self.current_model()
        self.problem = self.check(self.build_request())
        self.can_submit = not self.problem
        if model is None:
            self.cost = translate("EditorModel", "Cost: —")
            return
        seconds, count = self.duration, self.count
        price = model.caps.price_per_second_cents
        self.cost = (arg(translate(
                "EditorModel", "Cost: %1"), money(seconds * price * count))
                     + f"  ({i18n.duration(seconds)} × {price}¢"
                     + (f" × {count})" if count > 1 else ")"))

    def submit(self) -> bool:
        """Emit `submitted` when the request is valid; a fresh seed is shown, not hidden."""
        request = self.build_request()
        if request is None or self.check(request):
            self._recompute()
            return False
        if request.seed is None and self.seed_supported:
            self.seed = random.randint(0, SEED_MAX)  # shown: a good clip can be reproduced
            if self.count == 1:
                request = replace(request, seed=self.seed)
        self.submitted.emit(request, self.count)
        self.note = ""  # "what changed" was about this submission: it is done
        return True

    # -- presets and drafts -------------------------------------------------------------

    def settings(self) -> dict[str, Any]:
        """The settings a preset keeps (plain JSON values)."""
        return {name: getattr(self, name) for name in SETTINGS}

    def apply_settings(self, values: dict[str, Any]) -> None:
        """A preset's or a draft's settings, each kept only where the model allows it."""
        note = self.note  # the model switch's "Changed for…" would name settings replaced here
        if values.get("model_id") in self.models:
            self.model_id = values["model_id"]
        modes = [mode for _label, mode in self.mode_options]
        if values.get("mode") in modes:
            self.mode = values["mode"]
        if isinstance(values.get("duration"), int):
            low, high = self.duration_range
            self.duration = min(max(values["duration"], low), high)
        for name in ("aspect", "quality"):
            options = [v for _label, v in getattr(self, f"{name}_options")]
            if values.get(name) is not None and options:
                setattr(self, name, nearest(str(values[name]), options))
        if isinstance(values.get("seed"), int) and 0 <= values["seed"] <= SEED_MAX:
            self.seed = values["seed"]
        for name in ("seed_locked", "sound"):
            if isinstance(values.get(name), bool):
                setattr(self, name, values[name] and (name != "sound"
                                                      or self.sound_supported is not False))
        if isinstance(values.get("count"), int):
            self.count = min(max(values["count"], 1), 20)
        self.note = note

    # -- filling from a clip ------------------------------------------------------------

    def fill_from(self, request: dict, images: list[PreparedImage]) -> None:
        """Re-run: a past request's settings (and images) become the editor's."""
        if request.get("model") in self.models:
            self.model_id = request["model"]
        self.prompt = str(request.get("prompt", ""))
        if request.get("mode", "text") in dict((v, k) for k, v in self.mode_options):
            self.mode = request.get("mode", "text")
        if request.get("duration_seconds"):
            low, high = self.duration_range
            self.duration = min(max(int(request["duration_seconds"]), low), high)
        for name, key in (("aspect", "aspect_ratio"), ("quality", "quality")):
            if request.get(key) in [v for _label, v in getattr(self, f"{name}_options")]:
                setattr(self, name, request[key])
        if request.get("seed") is not None:
            self.seed = int(request["seed"])
            self.seed_locked = True
        self.sound = bool(request.get("sound"))
        self.count = 1  # a re-run is one clip: the editor's count once made six ($24)
        self.first_frame = tuple(images) if request.get("mode") == "image" else ()
        self.references = () if request.get("mode") == "image" else tuple(images)

    def use_first_frame(self, image: PreparedImage) -> bool:
        """Chain shots: `image` becomes the first frame of the next clip."""
        if "image" not in [mode for _label, mode in self.mode_options]:
            self.note = translate(
                    "EditorModel", "This model cannot animate a first frame; pick one that can.")
            return False
        self.mode = "image"
        self.first_frame = (image,)
        return True
