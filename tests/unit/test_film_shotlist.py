"""The shot-list format: parsing, errors that name shot and field, write-back, staleness."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from airforce_studio.core.film.fingerprint import image_digests, statuses
from airforce_studio.core.film.imports import from_csv, from_folder
from airforce_studio.core.film.shotlist import Film, Output, ShotListError
from tests.helpers import png_bytes

EXAMPLE = {
    "format": "airforce-film", "version": 1, "title": "Harbour", "x-extra": {"a": 1},
    "output": {"aspect_ratio": "16:9", "quality": "720p"},
    "shots": [
        {"id": "s1", "prompt": "dusk", "model": "kling-1", "duration_seconds": 5,
         "x-note": "mine"},
        {"id": "s2", "prompt": "boats", "model": "kling-1", "duration_seconds": 5,
         "from": {"shot": "s1", "frame": "last"}},
        {"id": "s3", "prompt": "lights", "model": "kling-1", "duration_seconds": 5,
         "trim": [0.5, 2.5], "transition": {"type": "crossfade", "seconds": 0.5}},
    ],
}


def film(tmp_path: Path, doc: dict | None = None) -> Film:
    return Film(copy.deepcopy(doc or EXAMPLE), tmp_path / "f.afilm.json")


def test_the_example_parses(tmp_path):
    f = film(tmp_path)
    assert [s.id for s in f.shots] == ["s1", "s2", "s3"]
    s2, s3 = f.shot("s2"), f.shot("s3")
    assert s2.source.shot == "s1" and s2.source.frame == "last"
    assert s3.trim == (0.5, 2.5) and s3.transition.type == "crossfade"
    assert s3.transition.seconds == 0.5 and f.shot("s1").count == 1


def test_children_come_after_parents_in_chain_order(tmp_path):
    doc = copy.deepcopy(EXAMPLE)
    doc["shots"][0]["from"] = {"shot": "s3", "frame": 1.5}
    f = film(tmp_path, doc)
    assert [s.id for s in f.chain_order()] == ["s3", "s1", "s2"]
    assert f.shot("s1").source.frame == 1.5


def _set(path: str, value):
    def change(doc):
        *parents, last = path.split(".")
        target = doc
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is _DELETE:
            del target[last]
        else:
            target[last] = value
    return change


_DELETE = object()
CASES = [
    ("format", _set("format", "other"), None, "format"),
    ("version", _set("version", "1"), None, "version"),
    ("output", _set("output.quality", "4k"), None, "output.quality"),
    ("no shots", _set("shots", []), None, "shots"),
    ("id", _set("shots.1.id", ""), "#2", "id"),
    ("prompt", _set("shots.0.prompt", "  "), "s1", "prompt"),
    ("model", _set("shots.0.model", _DELETE), "s1", "model"),
    ("mode", _set("shots.0.mode", "video"), "s1", "mode"),
    ("duration", _set("shots.0.duration_seconds", 5.5), "s1", "duration_seconds"),
    ("seed", _set("shots.0.seed", -1), "s1", "seed"),
    ("sound", _set("shots.0.sound", "yes"), "s1", "sound"),
    ("count", _set("shots.0.count", 0), "s1", "count"),
    ("images type", _set("shots.0.images", "a.png"), "s1", "images"),
    ("missing image", _set("shots.0.images", ["nope.png"]), "s1", "images"),
    ("from and images", _set("shots.1.images", ["clip:vid_1"]), "s2", "images"),
    ("from shape", _set("shots.1.from", "s1"), "s2", "from"),
    ("from frame", _set("shots.1.from", {"shot": "s1", "frame": "first"}), "s2", "from.frame"),
    ("from unknown", _set("shots.1.from", {"shot": "s7"}), "s2", "from"),
    ("from itself", _set("shots.1.from", {"shot": "s2"}), "s2", "from"),
    ("trim order", _set("shots.2.trim", [2, 1]), "s3", "trim"),
    ("trim past", _set("shots.2.trim", [0, 5.5]), "s3", "trim"),
    ("trim shape", _set("shots.2.trim", [1]), "s3", "trim"),
    ("transition", _set("shots.2.transition", {"type": "wipe"}), "s3", "transition"),
    ("crossfade 0", _set("shots.2.transition", {"type": "crossfade", "seconds": 0}), "s3",
     "transition.seconds"),
    ("first crossfade", _set("shots.0.transition", {"type": "crossfade", "seconds": 1}), "s1",
     "transition"),
    ("duplicate", _set("shots.2.id", "s2"), "s2", "id"),
    ("take", _set("shots.0.take", 5), "s1", "take"),
]


@pytest.mark.parametrize(("name", "change", "shot", "field"), CASES, ids=[c[0] for c in CASES])
def test_each_error_names_the_shot_and_the_field(tmp_path, name, change, shot, field):
    doc = copy.deepcopy(EXAMPLE)
    change(doc)
    with pytest.raises(ShotListError) as caught:
        film(tmp_path, doc)
    assert caught.value.field == field and caught.value.shot == shot
    assert str(caught.value).startswith("f.afilm.json: ")


def test_a_cycle_of_from_is_refused_and_shown(tmp_path):
    doc = copy.deepcopy(EXAMPLE)
    doc["shots"][0]["from"] = {"shot": "s2"}
    with pytest.raises(ShotListError, match="cycle: s1 → s2 → s1"):
        film(tmp_path, doc)


def test_files_that_are_not_json_or_missing_say_so(tmp_path):
    with pytest.raises(ShotListError, match="does not exist"):
        Film.load(tmp_path / "none.afilm.json")
    (tmp_path / "bad.afilm.json").write_text("{not json")
    with pytest.raises(ShotListError, match="not valid JSON"):
        Film.load(tmp_path / "bad.afilm.json")


def test_write_back_keeps_unknown_fields_and_is_atomic(tmp_path, monkeypatch):
    f = film(tmp_path)
    f.save()
    before = f.path.read_bytes()
    f.update_shot("s1", take="vid_Z")

    def refuse(*args):
        raise OSError("disk full")

    with monkeypatch.context() as patch:  # the rename fails: the old file stays whole
        patch.setattr("airforce_studio.core.files.os.replace", refuse)
        with pytest.raises(OSError):
            f.save()
    assert f.path.read_bytes() == before
    f.update_shot("s1", take="vid_A", takes=["vid_A", "vid_B"], fingerprint="v1:x")
    f.update_shot("s2", render={"fingerprint": "v1:y"})
    f.update_shot("s2", render=None)
    f.save()
    assert sorted(p.name for p in tmp_path.glob("*afilm*")) == ["f.afilm.json"]
    again = Film.load(tmp_path / "f.afilm.json")
    assert again.doc["x-extra"] == {"a": 1} and again.doc["shots"][0]["x-note"] == "mine"
    assert again.shot("s1").take == "vid_A" and again.shot("s1").takes == ("vid_A", "vid_B")
    assert "render" not in again.doc["shots"][1]


@pytest.mark.parametrize(("aspect", "quality", "size"), [
    ("16:9", "720p", (1280, 720)), ("16:9", "480p", (854, 480)), ("9:16", "1080p", (1080, 1920)),
    ("1:1", "720p", (720, 720)), ("4:3", "480p", (640, 480)),
])
def test_output_size_has_the_quality_as_its_short_side(aspect, quality, size):
    assert Output(aspect, quality).size == size


def _rendered(f: Film) -> Film:
    """Every shot given a take with the fingerprint render would store."""
    for shot in f.chain_order():
        status = statuses(f, {})[shot.id]
        f.update_shot(shot.id, take=f"vid_{shot.id}", fingerprint=status.fingerprint)
    return f


def test_editing_a_shot_makes_it_and_its_chain_stale_only(tmp_path):
    f = _rendered(film(tmp_path))
    assert not any(s.needs_take for s in statuses(f, {}).values())
    f.doc["shots"][0]["prompt"] = "night"
    f.update_shot("s3", trim=[1, 2])  # a film edit, not a clip edit
    state = statuses(f, {})
    assert (state["s1"].reason, state["s2"].reason) == ("changed", "upstream changed")
    assert not state["s3"].needs_take
    assert [state[s].state for s in ("s1", "s2", "s3")] == ["stale", "stale", "ready"]


def test_choosing_another_take_upstream_makes_the_chain_stale(tmp_path):
    f = _rendered(film(tmp_path))
    f.update_shot("s1", take="vid_other")
    state = statuses(f, {})
    assert not state["s1"].needs_take and state["s2"].reason == "changed"


def test_a_changed_image_file_makes_its_shot_stale(tmp_path):
    (tmp_path / "a.png").write_bytes(png_bytes(seed=1))
    doc = copy.deepcopy(EXAMPLE)
    doc["shots"][2]["images"] = ["a.png"]
    f = film(tmp_path, doc)
    for shot in f.shots:
        fp = statuses(f, image_digests(f))[shot.id].fingerprint
        f.update_shot(shot.id, take=f"vid_{shot.id}", fingerprint=fp)
    assert not statuses(f, image_digests(f))["s3"].needs_take
    (tmp_path / "a.png").write_bytes(png_bytes(seed=2))
    assert statuses(f, image_digests(f))["s3"].reason == "changed"


def test_a_take_chosen_by_hand_without_fingerprint_is_kept(tmp_path):
    doc = copy.deepcopy(EXAMPLE)
    doc["shots"][0]["take"] = "vid_hand"
    state = statuses(film(tmp_path, doc), {})
    assert not state["s1"].needs_take and state["s2"].reason == "no take"


def test_csv_import_maps_columns_and_names_bad_rows(tmp_path):
    (tmp_path / "i.png").write_bytes(png_bytes())
    (tmp_path / "a.csv").write_text("Prompt,Model,duration,sound,image,count\n"
                                    "fox,wan-2.6,8,yes,i.png,2\n\n")
    f = from_csv(tmp_path / "a.csv", tmp_path / "sub" / "a.afilm.json")
    assert f.doc["shots"] == [{"id": "s1", "prompt": "fox", "model": "wan-2.6",
                               "duration_seconds": 8, "sound": True, "images": ["../i.png"],
                               "count": 2}]
    (tmp_path / "b.csv").write_text("prompt,model,duration\nfox,wan-2.6,eight\n")
    with pytest.raises(ShotListError) as caught:
        from_csv(tmp_path / "b.csv", tmp_path / "b.afilm.json")
    assert (caught.value.shot, caught.value.field) == ("row 2", "duration")
    (tmp_path / "c.csv").write_text("prompt,modell\nfox,wan-2.6\n")
    with pytest.raises(ShotListError, match="unknown: modell"):
        from_csv(tmp_path / "c.csv", tmp_path / "c.afilm.json")
    (tmp_path / "d.csv").write_text("prompt,model,image\nfox,wan-2.6,gone.png\n")
    with pytest.raises(ShotListError) as caught:
        from_csv(tmp_path / "d.csv", tmp_path / "d.afilm.json")
    assert (caught.value.shot, caught.value.field) == ("s1", "images")


def test_folder_import_needs_images(tmp_path):
    with pytest.raises(ShotListError, match="holds no images"):
        from_folder(tmp_path, tmp_path / "x.afilm.json", "wan-2.6", "p")
    (tmp_path / "1.jpg").write_bytes(png_bytes())
    f = from_folder(tmp_path, tmp_path / "x.afilm.json", "wan-2.6", "p")
    assert json.loads(f.to_bytes())["shots"][0]["images"] == ["1.jpg"]
