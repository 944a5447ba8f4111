"""Key management, first run, crash dialog, accessibility, remembered layout, paste."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QListView,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from airforce_studio.app import key_checker, key_store_for, run_window
from airforce_studio.core.session import Session
from airforce_studio.ui.crash import install_crash_handler, register_secret
from airforce_studio.ui.first_run import FirstRunDialog
from airforce_studio.ui.key_dialog import KeyDialog
from airforce_studio.ui.main_window import MainWindow
from tests.gui.conftest import until
from tests.integration.engine_kit import FAST


@pytest.fixture
def window(studio):
    return studio


def test_key_dialog_checks_then_saves_to_keyring(sim, key, arun, qloop, isolated_home):
    store = key_store_for(sim.api_base)
    dialog = KeyDialog(store, key_checker(sim.api_base))
    assert "system keyring" in dialog.backend.text()
    dialog.key.setText("sk-air-not-valid")
    assert not arun(dialog.check_and_save())
    assert "did not work" in dialog.status.text() and "check the API key" in dialog.status.text()
    assert store.load().key is None
    dialog.key.setText(key)
    assert arun(dialog.check_and_save())
    assert store.load().key == key and store.load().origin == "keyring"
    assert dialog.key.text() == ""  # not left lying in the widget
    arun(dialog.forget())
    assert store.load().key is None
    for path in Path(isolated_home).rglob("*"):
        assert not path.is_file() or key.encode() not in path.read_bytes()


def test_without_keyring_the_dialog_says_so_and_keeps_key_for_session(sim, key, arun, qloop):
    keyring.set_keyring(FailKeyring())
    store = key_store_for(sim.api_base)
    dialog = KeyDialog(store, key_checker(sim.api_base))
    assert "No system keyring" in dialog.backend.text()
    dialog.key.setText(key)
    assert arun(dialog.check_and_save())
    assert "this session only" in dialog.status.text()
    assert store.load().origin == "session"


def test_first_run_offers_demo_or_a_checked_key(sim, key, arun, qloop):
    dialog = FirstRunDialog(key_store_for(sim.api_base), key_checker(sim.api_base))
    dialog.open()
    dialog.demo.click()
    assert arun(dialog.choice) == ("demo", None)
    dialog = FirstRunDialog(key_store_for(sim.api_base), key_checker(sim.api_base))
    dialog.key.setText(key)
    arun(dialog.check_and_use())
    assert arun(dialog.choice) == ("key", key)


def test_first_run_without_keyring_says_so_in_the_window(sim, key, arun, qloop, qapp):
    """The dialog closes the moment the key is accepted, so its word about the missing
    keyring must reach the window, or the next start's question comes as a surprise."""
    keyring.set_keyring(FailKeyring())
    dialog = FirstRunDialog(key_store_for(sim.api_base), key_checker(sim.api_base))
    dialog.key.setText(key)
    arun(dialog.check_and_use())
    assert arun(dialog.choice) == ("key", key)
    assert dialog.session_note and "next start" in dialog.session_note
    session = Session.open(sim.api_base, key, config=FAST)
    name = f"airforce-test-first-run-{id(session)}"

    async def run_and_close() -> None:
        running = asyncio.ensure_future(run_window(qapp, session, False, sim.api_base, name,
                                                   note=dialog.session_note))
        await until(lambda: any(isinstance(w, MainWindow) and w.isVisible()
                                for w in QApplication.topLevelWidgets()))
        [window] = [w for w in QApplication.topLevelWidgets()
                    if isinstance(w, MainWindow) and w.isVisible()]
        notice = window.status.notices.get("key-storage")
        assert notice is not None and notice.text == dialog.session_note
        window.close()
        await asyncio.wait_for(running, 10)
        window.deleteLater()

    arun(run_and_close())


def test_crash_dialog_shows_details_without_the_key(qapp, monkeypatch):
    secret = "sk-air-sim-very-secret"
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    register_secret(secret)
    install_crash_handler()
    try:
        raise RuntimeError(f"boom while using {secret}")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    [box] = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, QMessageBox) and w.objectName() == "crashDialog"]
    assert "boom" in box.text() and secret not in box.text()
    assert "RuntimeError" in box.detailedText() and secret not in box.detailedText()
    box.close()
    box.deleteLater()


def _qt_internal(widget) -> bool:
    """Parts Qt builds inside a named widget (scroll bars, spin box editors, tab bars)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, (QComboBox, QAbstractSpinBox, QLineEdit)):  # e.g. clear button
            return True
        parent = parent.parentWidget()
    return widget.objectName().startswith("qt_") or type(widget).__name__ in (
        "QScrollBar", "QTabBar", "QHeaderView", "QTableCornerButton")


def test_every_interactive_widget_is_named_for_tests_and_screen_readers(window):
    kinds = (QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit, QAbstractSpinBox,
             QAbstractSlider, QListView)
    widgets = [w for w in window.findChildren(QWidget) if isinstance(w, kinds)
               and not _qt_internal(w)]
    assert len(widgets) > 30
    unnamed = [f"{type(w).__name__}({w.objectName()!r}) in {type(w.parentWidget()).__name__}"
               for w in widgets if not w.objectName() or not w.accessibleName()]
    assert not unnamed, unnamed


def test_window_remembers_its_size_and_splitters(sim, key, arun, qloop):
    session = Session.open(sim.api_base, key, config=FAST)
    first = MainWindow(session, demo=False, key_store=key_store_for(sim.api_base),
                       check_key=key_checker(sim.api_base))
    first.show()
    first.resize(790, 520)  # inside the offscreen screen (800×600)
    first.split.setSizes([350, 430])
    sizes = first.split.sizes()
    first.close()
    second = MainWindow(session, demo=True, key_store=key_store_for(sim.api_base),
                        check_key=key_checker(sim.api_base))
    second.show()
    assert (second.width(), second.height()) == (790, 520)
    assert second.split.sizes() == sizes
    assert "Demo" in second.windowTitle()
    # Not only the title (a window manager may not show it): "Spent today" says so too.
    assert "nothing is paid" in second.status.spend.text()
    from airforce_studio.core.paths import Paths

    assert (Paths.config_dir() / "window.ini").is_file()  # this test's own folder, not ~
    second.close()
    arun(session.aclose())


def test_ctrl_shift_v_pastes_a_clipboard_image_into_the_first_frame(window, arun):
    editor = window.editor
    editor.model_box.setCurrentIndex(editor.model_box.findData("kling-1"))
    editor.mode.setCurrentIndex(editor.mode.findData("image"))
    image = QImage(300, 200, QImage.Format.Format_RGB32)
    image.fill(0x3366CC)
    QGuiApplication.clipboard().setImage(image)
    window.menu_actions["pasteImage"].trigger()
    arun(until(lambda: len(editor.first_frame.images()) == 1))
    assert (editor.first_frame.images()[0].width, editor.first_frame.images()[0].height) == (
        300, 200)


def test_settings_dialog_sets_a_budget_cap_that_refuses_submissions(window, arun, sim, key):
    from airforce_studio.core.paths import Paths
    from airforce_studio.core.settings import Settings

    dialog = window.open_settings()
    dialog.budget.setValue(0.60)
    dialog.in_flight.setValue(2)
    dialog.accept()
    saved = Settings.load()
    assert saved.budget_cap_cents == 60 and saved.max_in_flight == 2
    assert window.engine.config.max_in_flight == 2
    assert key not in (Paths.config_dir() / "settings.json").read_text()
    editor = window.editor
    editor.model_box.setCurrentIndex(editor.model_box.findData("hailuo-fast"))
    editor.prompt.setPlainText("over budget")
    editor.count.setValue(2)  # 2 × $0.50 > $0.60
    editor.try_submit()
    arun(until(lambda: "budget cap" in editor.problem.text()))
    assert sim.tasks(key) == [] and window.session.journal.items() == []
