"""The editor's logic without a widget: model switching, cost, validation, re-run, seed."""

from __future__ import annotations

import pytest

from airforce_studio.api.types import Model
from airforce_studio.core.images import PreparedImage
from airforce_studio.simulator.catalog import VIDEO_MODELS
from airforce_studio.ui.editor_model import EditorModel


@pytest.fixture
def models() -> list[Model]:
    return [Model.from_json({**m, "output_modalities": ["video"]}) for m in VIDEO_MODELS]


@pytest.fixture
def state(models) -> EditorModel:
    state = EditorModel()
    state.set_models(models)
    return state


def changes(state: EditorModel, name: str) -> list:
    seen: list = []
    getattr(state, f"{name}Changed").connect(seen.append)
    return seen


def image(name: str = "a") -> PreparedImage:
    return PreparedImage(name=name, data=b"\x89PNG" + name.encode(), mime="image/png",
                         width=64, height=64, sha256=name * 8, downscaled=False)


def test_no_model_yet_says_so_and_cannot_submit():
    state = EditorModel()
    assert not state.can_submit and state.problem == "No model is available yet."
    state.set_models([])
    assert state.loading == "No video models are available for this key."
    assert state.problem == "No model is available yet." and state.cost == "Cost: —"
    state.loading = ""
    assert state.problem == "Choose a model."


def test_switching_model_keeps_what_fits_and_says_what_changed(state):
    state.model_id = "wan-2.6"
    state.duration, state.quality, state.count = 10, "480p", 3
    state.prompt = "a fox"
    assert state.cost.startswith("Cost: US$12.00") and state.can_submit
    notes = changes(state, "note")
    state.model_id = "veo-lite"
    assert state.duration_range == (8, 8) and state.duration == 8
    assert [v for _label, v in state.quality_options] == ["720p"] and state.quality == "720p"
    assert [v for _label, v in state.mode_options] == ["text", "reference"]
    assert "duration 10 s → 8 s" in state.note and "quality 480p → 720p" in state.note
    assert notes == [state.note]  # one change signal for one model switch
    assert state.cost.startswith("Cost: US$12.00")  # 8 s × 50¢ × 3
    state.mode = "reference"
    state.model_id = "kling-1"
    assert state.sound_supported is False and state.sound is False


def test_problems_disable_submit_and_name_the_field(state):
    state.model_id = "kling-1"
    state.mode = "image"
    state.prompt = "animate"
    assert state.problem.startswith("Add a first-frame image") and not state.can_submit
    state.first_frame = (image(),)
    assert state.problem == "" and state.can_submit
    state.images_busy = True
    assert state.problem == "Preparing the image…"
    state.images_busy = False
    state.prompt = "   "
    assert state.problem == "Write a prompt to generate."


def test_submit_emits_the_request_with_a_shown_seed(state):
    sent = []
    state.submitted.connect(lambda request, count: sent.append((request, count)))
    state.model_id = "wan-2.6"
    state.prompt = "  a lighthouse  "
    assert state.submit()
    [(request, count)] = sent
    assert count == 1 and request.prompt == "a lighthouse" and request.model == "wan-2.6"
    assert request.seed == state.seed and state.seed > 0  # shown in the editor
    state.prompt = ""
    assert not state.submit() and len(sent) == 1


def test_rerun_fills_every_setting_and_images(state):
    request = {"model": "wan-2.6", "prompt": "style me", "mode": "reference",
               "duration_seconds": 7, "aspect_ratio": "9:16", "quality": "1080p",
               "seed": 1234, "sound": True}
    state.model_id = "kling-1"
    state.fill_from(request, [image("r")])
    assert (state.model_id, state.prompt, state.mode, state.duration) == (
        "wan-2.6", "style me", "reference", 7)
    assert (state.aspect, state.quality, state.seed, state.seed_locked, state.sound) == (
        "9:16", "1080p", 1234, True, True)
    assert [i.name for i in state.references] == ["r"] and state.first_frame == ()
    built = state.build_request()
    assert built.seed == 1234 and built.sound is True and len(built.input_images) == 1


def test_chain_switches_to_image_mode_or_explains(state):
    state.model_id = "wan-2.6"
    assert state.use_first_frame(image("last"))
    assert state.mode == "image" and [i.name for i in state.first_frame] == ["last"]
    state.model_id = "veo-lite"
    assert not state.use_first_frame(image("x"))
    assert "cannot animate a first frame" in state.note


def test_switching_model_keeps_the_nearest_supported_value(state):
    state.model_id = "wan-2.6"
    state.quality, state.aspect = "1080p", "9:16"
    state.model_id = "hailuo-fast"  # 480p and 720p: 720p is the nearer to 1080p
    assert state.quality == "720p" and state.aspect == "9:16"
    state.model_id = "veo-lite"  # 16:9 and 4:3: 9:16 is nearer to 4:3 than to 16:9
    assert state.aspect == "4:3" and "quality" not in state.note


def test_rerun_uses_count_one_and_the_note_clears_after_submit(state):
    state.model_id = "wan-2.6"
    state.count = 6
    state.fill_from({"model": "wan-2.6", "prompt": "again", "duration_seconds": 5}, [])
    assert state.count == 1
    state.duration = 10
    state.model_id = "veo-lite"
    assert state.note
    assert state.submit() and state.note == ""


def test_seeds_cover_the_whole_api_range(state, monkeypatch):
    from airforce_studio.ui import editor_model

    drawn = []
    monkeypatch.setattr(editor_model.random, "randint",
                        lambda low, high: drawn.append((low, high)) or high)
    state.model_id = "wan-2.6"
    state.prompt = "x"
    assert state.submit() and drawn == [(0, 2**32 - 1)] and state.seed == 2**32 - 1


def test_presets_apply_only_what_the_model_allows(state):
    state.model_id = "wan-2.6"
    state.quality, state.duration, state.count, state.sound = "1080p", 7, 3, True
    saved = state.settings()
    state.model_id = "kling-1"
    state.count = 1
    state.apply_settings(saved)
    assert (state.model_id, state.quality, state.duration, state.count, state.sound) == (
        "wan-2.6", "1080p", 7, 3, True)
    state.apply_settings({**saved, "model_id": "gone", "seed": -1, "count": "x"})
    assert state.model_id == "wan-2.6" and state.seed != -1
