"""After a full session — key set through the GUI, clips made, a failure, logs written —
the key is in no file, never reached the result host, and is in no error text."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import platformdirs
from PySide6.QtWidgets import QApplication, QMessageBox

from airforce_studio import APP_NAME
from airforce_studio.api import ApiClient
from airforce_studio.api.errors import ApiError
from airforce_studio.app import key_checker, key_store_for, setup_logging
from airforce_studio.core.journal import ItemState
from airforce_studio.core.session import Session
from airforce_studio.ui.crash import install_crash_handler
from airforce_studio.ui.key_dialog import KeyDialog
from airforce_studio.ui.main_window import MainWindow
from tests.gui.conftest import until
from tests.helpers import png_bytes
from tests.integration.engine_kit import FAST


def app_dirs() -> list[Path]:
    return [Path(f(APP_NAME, appauthor=False)) for f in (
        platformdirs.user_data_dir, platformdirs.user_config_dir, platformdirs.user_cache_dir,
        platformdirs.user_log_dir, platformdirs.user_state_dir)]


def test_full_session_leaves_the_key_nowhere(sim, key, arun, qloop, isolated_home, tmp_path,
                                             monkeypatch):
    setup_logging()
    logging.getLogger().setLevel(logging.DEBUG)  # the most talkative logs we can make
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_crash_handler()
    store = key_store_for(sim.api_base)
    dialog = KeyDialog(store, key_checker(sim.api_base))
    dialog.key.setText(key)
    assert arun(dialog.check_and_save())

    session = Session.open(sim.api_base, store.load().key, config=FAST)
    window = MainWindow(session, demo=False, key_store=store,
                        check_key=key_checker(sim.api_base))
    window.show()
    arun(window._load_models())
    arun(session.engine.start())
    editor = window.editor
    editor.model_box.setCurrentIndex(editor.model_box.findData("kling-1"))
    editor.mode.setCurrentIndex(editor.mode.findData("image"))
    image = tmp_path / "frame.png"
    image.write_bytes(png_bytes())
    editor.first_frame.load_file(image)
    arun(until(lambda: len(editor.first_frame.images()) == 1))
    editor.prompt.setPlainText("audit clip")
    editor.try_submit()
    arun(until(lambda: session.library.count() == 1))
    sim.set_knobs(fail_fraction=1.0)
    editor.mode.setCurrentIndex(editor.mode.findData("text"))
    editor.try_submit()
    arun(until(lambda: any(i.state == ItemState.FAILED for i in session.journal.items())))

    # An error raised while the key is in play: its text and the crash dialog hide it.
    async def bad_call():
        async with ApiClient(sim.api_base, key + "-revoked") as client:
            await client.list_models()

    try:
        arun(bad_call())
    except ApiError as error:
        assert key not in str(error)
    try:
        raise RuntimeError(f"unexpected, with {key} inside")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox)
             and w.objectName() == "crashDialog"]
    assert boxes and all(key not in b.text() + b.detailedText() for b in boxes)
    for box in boxes:
        box.close()
    window.close()
    arun(session.aclose())
    logging.shutdown()

    files = [p for folder in app_dirs() for p in folder.rglob("*") if p.is_file()]
    assert any(p.suffix == ".log" for p in files) and any(p.suffix == ".mp4" for p in files)
    leaking = [p for p in files if key.encode() in p.read_bytes()]
    assert not leaking, leaking
    everything = [p for p in Path(isolated_home).rglob("*") if p.is_file()]
    assert not [p for p in everything if key.encode() in p.read_bytes()]
    cdn = sim.requests("cdn")
    assert cdn and not [r for r in cdn if "Authorization" in r["headers"]]
    assert all(key not in str(r) for r in cdn)
