"""`airforce-studio film`: shot lists rendered against the simulator, in a real process."""

from __future__ import annotations

import copy
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import av
import numpy as np
import pytest
from PIL import Image

from airforce_studio.core.film.frames import frame_at, last_frame
from tests.helpers import png_bytes

CLI = [sys.executable, "-m", "airforce_studio"]

EXAMPLE = {
    "format": "airforce-film", "version": 1, "title": "Harbour at dusk",
    "x-studio-notes": "kept on rewrite",
    "output": {"aspect_ratio": "16:9", "quality": "480p"},
    "shots": [
        {"id": "s1", "prompt": "a harbour at dusk", "model": "wan-2.6", "duration_seconds": 5,
         "quality": "480p", "sound": True, "x-colour": "blue"},
        {"id": "s2", "prompt": "boats leave", "model": "kling-1", "duration_seconds": 5,
         "from": {"shot": "s1", "frame": "last"}},
        {"id": "s3", "prompt": "lights come on", "model": "kling-1", "duration_seconds": 5,
         "trim": [0.5, 2.5], "transition": {"type": "crossfade", "seconds": 0.5}},
    ],
}


def run_cli(sim, key, *args: str, env: dict[str, str] | None = None):
    environment = dict(os.environ, AIRFORCE_API_BASE=sim.api_base, AIRFORCE_API_KEY=key,
                       PYTHONUNBUFFERED="1", **(env or {}))
    return subprocess.run([*CLI, *args], env=environment, capture_output=True, text=True,
                          timeout=120)


def lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def write_film(path: Path, doc: dict) -> Path:
    path.write_text(json.dumps(doc, indent=2))
    return path


def takes(path: Path) -> dict[str, str]:
    return {s["id"]: s.get("take") for s in json.loads(path.read_text())["shots"]}


def test_the_example_renders_chains_assembles_and_never_pays_twice(sim, key, tmp_path):
    film = write_film(tmp_path / "harbour.afilm.json", EXAMPLE)
    done = run_cli(sim, key, "film", "render", str(film), "--json")
    assert done.returncode == 0, done.stderr
    *clips, summary = lines(done.stdout)
    assert len(clips) == 3 and all(c["status"] == "archived" for c in clips)
    assert "total $5.50" in done.stderr  # the cost, before anything was sent

    # Written back: takes and fingerprints; unknown fields kept.
    doc = json.loads(film.read_text())
    assert doc["x-studio-notes"] == "kept on rewrite" and doc["shots"][0]["x-colour"] == "blue"
    chosen = takes(film)
    assert set(chosen.values()) == {c["task_id"] for c in clips}
    assert all("render" not in s and s["fingerprint"] for s in doc["shots"])

    # s2's create carried s1's last frame.
    specs = {t["task_id"]: t["spec"] for t in sim.tasks(key)}
    sent = specs[chosen["s2"]].first_frame
    assert sent is not None
    s1_file = next(Path(c["file"]) for c in clips if c["task_id"] == chosen["s1"])
    expected = last_frame(s1_file).to_ndarray(format="rgb24").astype(int)
    with Image.open(io.BytesIO(sent)) as image:
        got = np.asarray(image.convert("RGB")).astype(int)
    assert got.shape == expected.shape
    assert np.abs(got - expected).mean() < 6
    with av.open(str(s1_file)) as container:  # and no other frame of s1 matches better
        others = [np.abs(got - f.to_ndarray(format="rgb24").astype(int)).mean()
                  for f in container.decode(video=0)]
    assert others[-1] == min(others) and len(others) == 60

    # The film: sum of trimmed takes minus the crossfade, within one frame; sound kept.
    out = Path(summary["film"])
    assert out == tmp_path / "harbour.mp4" and summary["shots"] == 3
    expected_length = 5 + 5 + (2.5 - 0.5) - 0.5
    assert summary["duration_seconds"] == pytest.approx(expected_length, abs=1 / 12)
    with av.open(str(out)) as container:
        video = container.streams.video[0]
        assert (video.width, video.height) == (854, 480)
        assert container.streams.audio and container.streams.audio[0].rate == 48_000
        assert "airforce-film" in container.metadata.get("comment", "")
        frames = sum(1 for _ in container.decode(video=0))
    assert frames / 12 == pytest.approx(expected_length, abs=1 / 12)
    assert (tmp_path / "harbour.export.json").is_file()

    # Again, unchanged: nothing is created, the film is only assembled again.
    again = run_cli(sim, key, "film", "render", str(film), "--json")
    assert again.returncode == 0, again.stderr
    assert len(sim.tasks(key)) == 3
    assert [line.get("film") for line in lines(again.stdout)] == [str(out)]

    # Edit s1: s1 and s2 (chained from it) are made again; s3 is not.
    doc["shots"][0]["prompt"] = "a harbour at night"
    film.write_text(json.dumps(doc))
    edited = run_cli(sim, key, "film", "render", str(film), "--json", "--no-assemble")
    assert edited.returncode == 0, edited.stderr
    assert len(sim.tasks(key)) == 5
    now = takes(film)
    assert now["s1"] != chosen["s1"] and now["s2"] != chosen["s2"]
    assert now["s3"] == chosen["s3"]


BAD = {
    "unknown format": (lambda d: d.update(format="premiere-xml"), None, "format"),
    "newer version": (lambda d: d.update(version=2), None, "version"),
    "from names no shot": (lambda d: d["shots"][1]["from"].update(shot="s9"), "s2", "from"),
    "cycle of from": (lambda d: d["shots"][0].update(**{"from": {"shot": "s2"}}), "s1", "from"),
    "trim past duration": (lambda d: d["shots"][2].update(trim=[1, 7]), "s3", "trim"),
    "missing image": (lambda d: d["shots"][2].update(images=["gone.png"]), "s3", "images"),
    "unknown model": (lambda d: d["shots"][2].update(model="kling-9"), "s3", "model"),
    "quality the model lacks": (lambda d: d["shots"][1].update(quality="480p"), "s2",
                                "quality"),
    "duplicate id": (lambda d: d["shots"][2].update(id="s1"), "s1", "id"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_a_bad_file_exits_2_naming_shot_and_field_with_nothing_sent(sim, key, tmp_path, case):
    change, shot, field = BAD[case]
    doc = copy.deepcopy(EXAMPLE)
    change(doc)
    film = write_film(tmp_path / "bad.afilm.json", doc)
    before = film.read_bytes()
    done = run_cli(sim, key, "film", "render", str(film))
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr
    assert f"field {field!r}" in done.stderr
    if shot:
        assert f"shot {shot!r}" in done.stderr
    assert sim.tasks(key) == []
    assert film.read_bytes() == before  # a bad file is never rewritten


def test_above_the_cost_guard_nothing_is_sent_without_yes(sim, key, tmp_path):
    doc = copy.deepcopy(EXAMPLE)
    for shot in doc["shots"]:
        shot.update(model="wan-2.6", duration_seconds=10, count=2)
        shot.pop("quality", None)
    film = write_film(tmp_path / "long.afilm.json", doc)
    done = run_cli(sim, key, "film", "render", str(film))
    assert done.returncode == 2
    assert "$24.00" in done.stderr and "--yes" in done.stderr
    assert sim.tasks(key) == []


def test_a_five_row_csv_gives_five_clips(sim, key, tmp_path):
    (tmp_path / "frames").mkdir()
    (tmp_path / "frames" / "dock.png").write_bytes(png_bytes(320, 180))
    (tmp_path / "shots.csv").write_text(
        "prompt,model,duration,aspect,quality,seed,sound,image,count\n"
        "gulls,wan-2.6,5,16:9,480p,1,,,\n"
        "waves,hailuo-fast,5,,480p,,no,,\n"
        "a dock at night,hailuo-fast,5,16:9,,,,frames/dock.png,\n"
        "rain,wan-2.6,5,,480p,,yes,,\n"
        "fog,hailuo-fast,6,1:1,,,,,\n")
    film = tmp_path / "out" / "batch.afilm.json"
    made = run_cli(sim, key, "film", "import", str(tmp_path / "shots.csv"), "--out", str(film),
                   "--json")
    assert made.returncode == 0, made.stderr
    assert lines(made.stdout) == [{"film": str(film.resolve()), "shots": 5}]
    doc = json.loads(film.read_text())
    assert doc["shots"][2]["images"] == ["../frames/dock.png"]
    done = run_cli(sim, key, "film", "render", str(film), "--json", "--no-assemble")
    assert done.returncode == 0, done.stderr
    clips = lines(done.stdout)
    assert len(clips) == 5 and all(c["status"] == "archived" for c in clips)
    assert len(sim.tasks(key)) == 5
    again = run_cli(sim, key, "film", "import", str(tmp_path / "shots.csv"), "--out", str(film))
    assert again.returncode == 2 and "already exists" in again.stderr  # nothing overwritten


def test_a_folder_of_images_gives_one_image_shot_each(sim, key, tmp_path):
    for name in ("b.png", "a.png", "notes.txt"):
        (tmp_path / name).write_bytes(png_bytes(64, 36) if name.endswith("png") else b"x")
    film = tmp_path / "stills.afilm.json"
    done = run_cli(sim, key, "film", "import", str(tmp_path), "--out", str(film),
                   "--model", "hailuo-fast", "--prompt", "slow push in")
    assert done.returncode == 0, done.stderr
    shots = json.loads(film.read_text())["shots"]
    assert [(s["images"], s["mode"]) for s in shots] == [(["a.png"], "image"),
                                                         (["b.png"], "image")]


@pytest.mark.parametrize(("point", "resume_first"), [
    ("after-create", False), ("film-after-submit", False), ("film-after-submit", True)])
def test_a_killed_render_resumes_without_paying_twice(sim, key, tmp_path, point,
                                                      resume_first):
    doc = copy.deepcopy(EXAMPLE)
    doc["shots"] = doc["shots"][:2]
    film = write_film(tmp_path / "killed.afilm.json", doc)
    killed = run_cli(sim, key, "film", "render", str(film), "--no-assemble",
                     env={"AIRFORCE_CRASH_AT": point})
    assert killed.returncode == -9
    paid = len(sim.tasks(key)) if point == "after-create" else 0
    assert paid in (0, 1)
    if resume_first:  # `resume` finishes the clip the film had queued; render attaches
        finished = run_cli(sim, key, "resume", "--json")
        assert finished.returncode == 0, finished.stderr
        assert len(lines(finished.stdout)) == 1 and len(sim.tasks(key)) == 1
    resumed = run_cli(sim, key, "film", "render", str(film), "--json")
    assert resumed.returncode == 0, resumed.stderr
    assert len(sim.tasks(key)) == 2  # one task per shot, whatever the kill left behind
    assert all(takes(film).values())


def test_out_of_credit_stops_with_3_and_a_re_run_finishes_without_paying_twice(sim, key,
                                                                              tmp_path):
    film = write_film(tmp_path / "credit.afilm.json", EXAMPLE)
    sim.call(lambda: setattr(sim.state.account(key), "balance_cents", 300))
    stopped = run_cli(sim, key, "film", "render", str(film))
    assert stopped.returncode == 3, stopped.stderr
    assert "run the same command again" in stopped.stderr
    paid = len(sim.tasks(key))
    assert paid == 1
    sim.call(lambda: setattr(sim.state.account(key), "balance_cents", 50_000))
    again = run_cli(sim, key, "film", "render", str(film), "--json")
    assert again.returncode == 0, again.stderr
    assert len(sim.tasks(key)) == 3 and all(takes(film).values())


def test_a_failed_shot_exits_1_and_its_chain_waits_for_the_next_render(sim, key, tmp_path):
    doc = copy.deepcopy(EXAMPLE)
    doc["shots"] = doc["shots"][:2]
    film = write_film(tmp_path / "fails.afilm.json", doc)
    sim.set_knobs(fail_fraction=1.0)
    failed = run_cli(sim, key, "film", "render", str(film))
    assert failed.returncode == 1, failed.stderr
    assert "shot s1 has no take" in failed.stderr and "shot s2 has no take" in failed.stderr
    assert len(sim.tasks(key)) == 1  # s2 never sent: it had no frame to start from
    assert not (tmp_path / "fails.mp4").exists()
    assert all("render" not in s and "take" not in s
               for s in json.loads(film.read_text())["shots"])  # refunded: free to re-send
    sim.set_knobs(fail_fraction=0.0)
    again = run_cli(sim, key, "film", "render", str(film))
    assert again.returncode == 0, again.stderr
    assert len(sim.tasks(key)) == 3 and (tmp_path / "fails.mp4").is_file()


def test_a_clip_image_sends_that_frame_of_a_library_clip(sim, key, tmp_path):
    made = run_cli(sim, key, "generate", "a lighthouse", "--model", "hailuo-fast", "--json")
    assert made.returncode == 0, made.stderr
    clip = lines(made.stdout)[0]
    doc = copy.deepcopy(EXAMPLE)
    doc["shots"] = [{"id": "s1", "prompt": "the beam turns", "model": "hailuo-fast",
                     "images": [f"clip:{clip['task_id']}@1.0"]}]
    film = write_film(tmp_path / "clip.afilm.json", doc)
    done = run_cli(sim, key, "film", "render", str(film), "--json", "--no-assemble")
    assert done.returncode == 0, done.stderr
    take = takes(film)["s1"]
    sent = next(t["spec"] for t in sim.tasks(key) if t["task_id"] == take).first_frame
    with Image.open(io.BytesIO(sent)) as image:
        got = np.asarray(image.convert("RGB")).astype(int)
    expected = frame_at(Path(clip["file"]), 1.0).to_ndarray(format="rgb24").astype(int)
    assert np.abs(got - expected).mean() < 6


def test_an_out_path_that_cannot_be_written_exits_4_in_one_line_and_keeps_the_takes(
        sim, key, tmp_path):
    """--out below a regular file (or in /proc): not a full disk, not a read-only folder,
    so it was re-raised as a traceback, after the takes were paid for."""
    (tmp_path / "shots.csv").write_text("prompt,model,duration\nwaves,hailuo-fast,5\n")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    bad = run_cli(sim, key, "film", "import", str(tmp_path / "shots.csv"),
                  "--out", str(blocker / "f.afilm.json"))
    assert bad.returncode == 4 and "cannot write" in bad.stderr
    assert "Traceback" not in bad.stderr
    film = tmp_path / "f.afilm.json"
    assert run_cli(sim, key, "film", "import", str(tmp_path / "shots.csv"),
                   "--out", str(film)).returncode == 0
    done = run_cli(sim, key, "film", "render", str(film), "--out", str(blocker / "f.mp4"))
    assert done.returncode == 4 and "cannot write" in done.stderr and "kept" in done.stderr
    assert "Traceback" not in done.stderr and all(takes(film).values())
    again = run_cli(sim, key, "film", "render", str(film), "--out", str(tmp_path / "f.mp4"))
    assert again.returncode == 0, again.stderr
    assert (tmp_path / "f.mp4").stat().st_size > 0 and len(sim.tasks(key)) == 1  # paid once
