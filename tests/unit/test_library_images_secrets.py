"""Library index and files, input images, and the key store."""

from __future__ import annotations

import io
import os
from pathlib import Path

import keyring
import pytest
from PIL import Image

from airforce_studio.core import secrets
from airforce_studio.core.images import (
    MAX_SIDE,
    ImageRejected,
    prepare_bytes,
    prepare_file,
)
from airforce_studio.core.library import ClipRecord, Library, safe_name
from tests.helpers import png_bytes


@pytest.mark.parametrize("hostile", ["../../x", "/etc/passwd", "..", "a/b\\c", "", "é" * 10,
                                     "CON", "x" * 500])
def test_safe_names_never_leave_the_folder(tmp_path, hostile):
    library = Library(tmp_path / "clips", tmp_path / "index.sqlite")
    mp4, jpg, sidecar = library.paths_for(hostile, 1_715_000_000)
    for path in (mp4, jpg, sidecar):
        assert path.resolve().is_relative_to((tmp_path / "clips").resolve())
        assert path.parent == tmp_path / "clips" / "2024" / "05"
    assert safe_name(hostile) != safe_name(hostile + "y")
    assert safe_name("vid_01HXY") == "vid_01HXY"


def make_clip(library: Library, task_id: str, prompt: str, model: str, created: int):
    mp4, _, _ = library.paths_for(task_id, created)
    mp4.parent.mkdir(parents=True, exist_ok=True)
    mp4.write_bytes(b"not really a video")
    record = ClipRecord(task_id=task_id, file=library.relative(mp4), thumbnail=None,
                        prompt=prompt, model=model, created=created, archived_at=created + 60)
    library.add(record)
    return record


def test_search_filter_favourite_delete_and_rebuild(tmp_path):
    library = Library(tmp_path / "clips", tmp_path / "index.sqlite")
    make_clip(library, "a", "A red fox at dawn", "wan-2.6", 1_700_000_000)
    make_clip(library, "b", "a blue whale, 100% calm", "kling-1", 1_710_000_000)
    make_clip(library, "c", "fox_cub playing", "kling-1", 1_720_000_000)
    assert [c.task_id for c in library.search("fox")] == ["c", "a"]
    assert [c.task_id for c in library.search("FOX red")] == ["a"]
    assert [c.task_id for c in library.search("100%")] == ["b"]
    assert [c.task_id for c in library.search("_")] == ["c"]  # LIKE wildcards are literal
    assert [c.task_id for c in library.search(model="kling-1", sort="oldest")] == ["b", "c"]
    assert [c.task_id for c in library.search(since=1_705_000_000, until=1_715_000_000)] == ["b"]
    library.set_favourite("b", True)
    assert [c.task_id for c in library.search(favourites_only=True)] == ["b"]
    library.delete("a")
    assert "a" not in library and not list((tmp_path / "clips").rglob("*2023*"))
    library.db.execute("DELETE FROM clips")
    assert library.rebuild() == 2
    assert library.get("b").favourite  # kept in the sidecar, so it survives a rebuild
    assert library.models() == ["kling-1"]


def test_damaged_sidecar_is_skipped_by_rebuild(tmp_path):
    library = Library(tmp_path / "clips", tmp_path / "index.sqlite")
    record = make_clip(library, "ok", "fine", "m", 1_700_000_000)
    broken = library.absolute(record.file).with_name("broken.json")
    broken.write_text("{ not json")
    assert library.rebuild() == 1


def png(width: int, height: int, mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (width, height), "red").save(out, "PNG")
    return out.getvalue()


def test_images_are_validated_with_clear_messages(tmp_path):
    (tmp_path / "empty.png").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("just text")
    (tmp_path / "cut.png").write_bytes(png_bytes(200, 200)[:150])
    (tmp_path / "folder.png").mkdir()
    cases = {"empty.png": "is empty", "notes.txt": "is not an image",
             "cut.png": "damaged or truncated", "missing.png": "does not exist",
             "folder.png": "is a folder"}
    for name, message in cases.items():
        with pytest.raises(ImageRejected, match=message):
            prepare_file(tmp_path / name)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_image(tmp_path):
    path = tmp_path / "secret.png"
    path.write_bytes(png_bytes())
    path.chmod(0)
    with pytest.raises(ImageRejected, match="permission"):
        prepare_file(path)


def test_small_png_is_sent_untouched_and_huge_image_is_downscaled():
    small = png_bytes(64, 48)
    prepared = prepare_bytes(small, "small.png")
    assert prepared.data == small and not prepared.downscaled and prepared.mime == "image/png"
    huge = prepare_bytes(png(6000, 4000), "huge.png")
    assert huge.downscaled and (huge.width, huge.height) == (MAX_SIDE, 1365)
    assert huge.mime == "image/jpeg"
    alpha = prepare_bytes(png(3000, 1000, "RGBA"), "alpha.png")
    assert alpha.mime == "image/png" and alpha.width == MAX_SIDE
    assert prepared.as_input().b64_json


def test_key_store_uses_env_then_keyring_and_never_a_file(monkeypatch, isolated_home):
    store = secrets.KeyStore("https://api.airforce:443")
    assert store.load().origin == "none"
    assert store.save("sk-air-abc") == "keyring"
    assert store.load() == secrets.KeySource("sk-air-abc", "keyring")
    monkeypatch.setenv("AIRFORCE_API_KEY", "sk-air-env")
    assert store.load() == secrets.KeySource("sk-air-env", "environment")
    monkeypatch.delenv("AIRFORCE_API_KEY")
    assert store.delete() and store.load().origin == "none"
    for path in Path(isolated_home).rglob("*"):
        assert not path.is_file() or b"sk-air-abc" not in path.read_bytes()


def test_without_a_keyring_the_key_lives_for_the_session_only(isolated_home):
    from keyring.backends.fail import Keyring as FailKeyring

    keyring.set_keyring(FailKeyring())
    store = secrets.KeyStore("https://api.airforce:443")
    assert not secrets.keyring_available()
    assert store.save("sk-air-session") == "session"
    assert store.load() == secrets.KeySource("sk-air-session", "session")
    assert not [p for p in Path(isolated_home).rglob("*") if p.is_file()]


@pytest.mark.keyring
@pytest.mark.skipif(not os.environ.get("AIRFORCE_REAL_KEYRING"),
                    reason="needs the Secret Service session that .ci/test starts")
def test_real_secret_service_round_trip():
    keyring.set_keyring(keyring.core.load_keyring("keyring.backends.SecretService.Keyring"))
    store = secrets.KeyStore("https://real-keyring-test:443")
    assert "SecretService" in secrets.backend_name()
    assert store.save("sk-air-real-keyring") == "keyring"
    assert keyring.get_password(secrets.SERVICE, store.account) == "sk-air-real-keyring"
    assert store.load().origin == "keyring"
    assert store.delete()


def test_log_records_mentioning_a_key_are_redacted(tmp_path):
    import logging

    secrets.remember_secret("sk-air-redact-me")
    handler = logging.FileHandler(tmp_path / "app.log")
    handler.addFilter(secrets.RedactingFilter())
    log = logging.getLogger("test.redaction")
    log.addHandler(handler)
    log.setLevel(logging.DEBUG)
    log.debug("calling save(%r)", "sk-air-redact-me")
    try:
        raise ValueError("boom sk-air-redact-me")
    except ValueError:
        log.exception("failed")
    handler.close()
    text = (tmp_path / "app.log").read_text()
    assert "sk-air-redact-me" not in text
    assert text.count(secrets.HIDDEN) >= 2 and "ValueError: boom" in text
