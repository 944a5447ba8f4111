"""The editor as a creator uses it (issue 11): browse, order, limits, draft, history,
presets, re-run count, nearest value, seed range, theme. Real widgets, real files; the
window tests run against the simulator."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent, QPalette
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog

from airforce_studio.api.types import Model
from airforce_studio.core.paths import Paths
from airforce_studio.core.settings import Settings
from airforce_studio.simulator.catalog import VIDEO_MODELS
from airforce_studio.ui import theme
from airforce_studio.ui.editor import EditorPanel
from airforce_studio.ui.editor_draft import DraftStore
from airforce_studio.ui.library_model import CLIP_MIME
from airforce_studio.ui.presets import PresetStore
from airforce_studio.ui.prompt_history import PromptHistory
from tests.gui.conftest import until
from tests.gui.test_main_window import drop_files, select_model
from tests.helpers import png_bytes

MODELS = [Model.from_json({**m, "output_modalities": ["video"]}) for m in VIDEO_MODELS]


def pngs(folder: Path, *sizes: tuple[int, int]) -> list[Path]:
    paths = []
    for number, (width, height) in enumerate(sizes):
        path = folder / f"ref{number}.png"
        path.write_bytes(png_bytes(width, height, seed=number + 1))
        paths.append(path)
    return paths


def panel(qtbot, tmp_path: Path) -> EditorPanel:
    editor = EditorPanel(history=PromptHistory(tmp_path / "history.json"),
                         presets=PresetStore(tmp_path / "presets.json"))
    qtbot.addWidget(editor)
    editor.set_models(MODELS)
    editor.show()
    return editor


def test_browse_and_a_click_on_the_zone_open_a_file_dialog_that_loads(
        qtbot, qloop, arun, tmp_path):
    editor = panel(qtbot, tmp_path)
    select = editor.model_box.findData("kling-1")
    editor.model_box.setCurrentIndex(select)
    editor.mode.setCurrentIndex(editor.mode.findData("image"))
    zone = editor.first_frame
    [path] = pngs(tmp_path, (64, 36))

    async def flow():
        QTest.mouseClick(zone.hint, Qt.MouseButton.LeftButton)  # a click on the zone
        await until(lambda: zone.file_dialog is not None and zone.file_dialog.isVisible())
        assert not zone.file_dialog.isModal() or zone.file_dialog.windowModality() != \
            Qt.WindowModality.ApplicationModal  # window-modal at most: open(), not exec()
        zone.file_dialog.reject()
        zone.browse_button.click()  # the Browse… button
        dialog = zone.file_dialog
        await until(dialog.isVisible)
        assert isinstance(dialog, QFileDialog)
        dialog.selectFile(str(path))
        dialog.accept()
        await until(lambda: len(zone.images()) == 1)

    arun(flow())
    assert zone.browse_button.text() == "Browse…"
    assert zone.images()[0].name == "ref0.png" and editor.state.first_frame
    assert "Ctrl+Shift+V" in zone.hint.text()  # the hint names the real shortcut


def test_browse_again_after_the_first_dialog_is_gone_opens_a_new_one(
        qtbot, qloop, arun, tmp_path, monkeypatch):
    """A second Browse… once the first dialog was closed and deleted: no 'Internal C++
    object already deleted' traceback, a fresh dialog that loads the image."""
    editor = panel(qtbot, tmp_path)
    editor.model_box.setCurrentIndex(editor.model_box.findData("kling-1"))
    editor.mode.setCurrentIndex(editor.mode.findData("image"))
    zone = editor.first_frame
    [path] = pngs(tmp_path, (64, 36))
    first_directory: list[str] = []
    from airforce_studio.ui import folders

    monkeypatch.setattr(folders, "_last_images", None)  # as at start: no folder picked yet

    async def flow():
        zone.browse_button.click()
        first = zone.file_dialog
        first_directory.append(first.directory().absolutePath())
        await until(first.isVisible)
        first.reject()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # deleteLater runs
        zone.browse_button.click()
        second = zone.file_dialog
        assert second is not None and second is not first
        await until(second.isVisible)
        second.selectFile(str(path))
        second.accept()
        await until(lambda: len(zone.images()) == 1)

    arun(flow())
    assert zone.file_dialog is None

    # It opened in Pictures (or home), never the working folder; the next one opens where
    # the last image came from.
    assert Path(first_directory[0]) == folders.pictures()
    zone.browse_button.click()
    assert Path(zone.file_dialog.directory().absolutePath()) == path.parent
    zone.file_dialog.reject()


def test_references_keep_drop_order_reorder_by_drag_and_name_the_one_left_out(
        qtbot, qloop, arun, tmp_path):
    editor = panel(qtbot, tmp_path)
    editor.model_box.setCurrentIndex(editor.model_box.findData("wan-2.6"))
    editor.mode.setCurrentIndex(editor.mode.findData("reference"))
    zone = editor.references
    # The first is the largest, so it is prepared last: the order must not follow that.
    paths = pngs(tmp_path, (2400, 1600), (64, 48), (80, 60), (96, 72), (32, 32))
    drop_files(zone, *paths)
    arun(until(lambda: len(zone.images()) == 4 and not zone.is_busy()))
    assert [i.name for i in editor.state.references] == [p.name for p in paths[:4]]
    assert "ref4.png" in zone.error.text() and zone.error.isVisibleTo(editor)  # the last
    assert [zone.list.item(i).toolTip().split("\n")[0] for i in range(4)] == [
        p.name for p in paths[:4]]  # file name on hover
    zone.list.model().moveRow(zone.list.rootIndex(), 3, zone.list.rootIndex(), 0)
    assert [i.name for i in editor.state.references] == ["ref3.png", "ref0.png", "ref1.png",
                                                         "ref2.png"]
    zone.list.setCurrentRow(0)
    zone.list.item(0).setSelected(True)
    zone.remove_selected_or_all()
    assert not zone.error.isVisibleTo(editor)  # back within the limit: the message goes


def test_a_library_clip_dropped_on_the_first_frame_asks_for_its_last_frame(qtbot, tmp_path):
    editor = panel(qtbot, tmp_path)
    seen = []
    editor.clipDropped.connect(seen.append)
    mime = QMimeData()
    mime.setData(CLIP_MIME, b"vid_00042")
    editor.first_frame.dropEvent(QDropEvent(QPointF(5, 5), Qt.DropAction.CopyAction, mime,
                                            Qt.MouseButton.LeftButton,
                                            Qt.KeyboardModifier.NoModifier))
    assert seen == ["vid_00042"]


def test_the_draft_comes_back_after_a_restart(qtbot, qloop, arun, tmp_path):
    store = DraftStore(tmp_path / "profile" / "draft")
    first = panel(qtbot, tmp_path)
    arun(first.extras.attach_draft(store))
    state = first.state
    state.model_id = "kling-1"
    state.mode = "image"
    state.prompt, state.quality, state.duration = "a paper boat at dawn", "1080p", 7
    drop_files(first.first_frame, *pngs(tmp_path, (64, 36)))
    arun(until(lambda: len(state.first_frame) == 1))
    arun(asyncio.wrap_future(first.extras.save_draft()))
    saved = json.loads((store.folder / "draft.json").read_text("utf-8"))
    assert saved["first_frame"][0]["sha256"] == state.first_frame[0].sha256
    assert (store.images / state.first_frame[0].sha256).is_file()  # kept by hash

    second = EditorPanel(history=PromptHistory(tmp_path / "h2.json"),
                         presets=PresetStore(tmp_path / "p2.json"))
    qtbot.addWidget(second)
    arun(second.extras.attach_draft(DraftStore(store.folder)))  # before the models came
    assert second.state.prompt == ""
    second.set_models(MODELS)
    arun(until(lambda: len(second.state.first_frame) == 1))
    restored = second.state
    assert (restored.prompt, restored.model_id, restored.mode, restored.quality,
            restored.duration) == ("a paper boat at dawn", "kling-1", "image", "1080p", 7)
    assert restored.first_frame[0].sha256 == state.first_frame[0].sha256
    assert restored.can_submit


def test_prompt_history_recalls_with_alt_arrows_and_searches(qtbot, qloop, arun, tmp_path):
    editor = panel(qtbot, tmp_path)
    editor.model_box.setCurrentIndex(editor.model_box.findData("wan-2.6"))
    for prompt in ("a red kite", "a blue whale", "a red fox"):
        editor.state.prompt = prompt
        assert editor.state.submit()
    editor.state.prompt = "half typed"
    alt = Qt.KeyboardModifier.AltModifier
    QTest.keyClick(editor.prompt, Qt.Key.Key_Up, alt)
    assert editor.prompt.toPlainText() == "a red fox"
    QTest.keyClick(editor.prompt, Qt.Key.Key_Up, alt)
    assert editor.prompt.toPlainText() == "a blue whale"
    QTest.keyClick(editor.prompt, Qt.Key.Key_Down, alt)
    QTest.keyClick(editor.prompt, Qt.Key.Key_Down, alt)
    assert editor.prompt.toPlainText() == "half typed"  # back to what was being typed
    dialog = editor.extras.open_history()
    assert dialog.isVisible() and dialog.list.count() == 3
    QTest.keyClicks(dialog.search, "red kite")
    assert dialog.list.count() == 1
    QTest.keyClick(dialog.search, Qt.Key.Key_Return)
    assert editor.state.prompt == "a red kite" and not dialog.isVisible()
    arun(editor.extras.history.saver.flush())
    assert PromptHistory(tmp_path / "history.json").prompts[:3] == [
        "a red fox", "a blue whale", "a red kite"]  # kept for the next start


def test_presets_save_and_load_settings(qtbot, qloop, arun, tmp_path):
    editor = panel(qtbot, tmp_path)
    state = editor.state
    state.model_id, state.quality, state.duration, state.count = "wan-2.6", "1080p", 9, 2
    dialog = editor.preset_bar.ask_name()
    assert dialog.isVisible()
    dialog.setTextValue("Final 1080p")
    dialog.accept()
    state.model_id, state.count = "hailuo-fast", 1
    bar = editor.preset_bar
    index = bar.combo.findData("Final 1080p")
    bar.combo.setCurrentIndex(index)
    bar.combo.activated.emit(index)
    assert (state.model_id, state.quality, state.duration, state.count) == (
        "wan-2.6", "1080p", 9, 2)
    arun(bar.store.saver.flush())
    assert PresetStore(tmp_path / "presets.json").presets["Final 1080p"]["quality"] == "1080p"
    bar.delete_current()
    assert bar.combo.findData("Final 1080p") < 0


def test_the_seed_box_takes_the_whole_api_range(qtbot, tmp_path):
    editor = panel(qtbot, tmp_path)
    editor.model_box.setCurrentIndex(editor.model_box.findData("wan-2.6"))
    editor.seed_lock.setChecked(True)
    editor.seed.clear()
    QTest.keyClicks(editor.seed, "4294967295")
    assert editor.state.seed == 2**32 - 1
    editor.state.prompt = "x"
    assert editor.state.build_request().seed == 2**32 - 1
    editor.seed.clear()
    QTest.keyClicks(editor.seed, "9999999999")  # past the top: the top
    assert editor.state.seed == 2**32 - 1 and editor.seed.text() == "4294967295"
    QTest.keyClicks(editor.seed, "-")
    assert editor.seed.text() == "4294967295"  # no negative seeds
    # "%n variation(s)": the English catalogue gives "1 variation" / "3 variations" once
    # the translations helper has added its forms; the number is right either way.
    assert editor.count.text().startswith("1 variation") and "×" not in editor.count.text()
    editor.count.setValue(3)
    assert editor.count.text().startswith("3 variation") and editor.state.count == 3


def test_long_prompts_get_a_soft_warning(qtbot, tmp_path):
    editor = panel(qtbot, tmp_path)
    editor.state.prompt = "x" * 120
    assert "120" in editor.prompt_count.text()
    editor.state.prompt = "x" * 2001
    assert "2,001" in editor.prompt_count.text() and "2,000" in editor.prompt_count.text()
    assert theme.WARNING in editor.prompt_count.styleSheet()


def test_a_mismatched_first_frame_is_warned_with_a_preview(qtbot, qloop, arun, tmp_path):
    editor = panel(qtbot, tmp_path)
    editor.model_box.setCurrentIndex(editor.model_box.findData("kling-1"))
    editor.mode.setCurrentIndex(editor.mode.findData("image"))
    editor.aspect.setCurrentIndex(editor.aspect.findData("16:9"))
    drop_files(editor.first_frame, *pngs(tmp_path, (64, 64)))
    arun(until(lambda: editor.fit.isVisibleTo(editor)))
    assert "64×64" in editor.fit.text() and editor.fit.preview.pixmap().width() > 0
    editor.aspect.setCurrentIndex(editor.aspect.findData("1:1"))
    assert not editor.fit.isVisibleTo(editor)


def test_window_rerun_count_nearest_value_and_no_key_dialog_in_demo(studio, arun):
    editor = studio.editor
    select_model(studio, "wan-2.6")
    editor.quality.setCurrentIndex(editor.quality.findData("1080p"))
    select_model(studio, "hailuo-fast")
    assert editor.quality.currentData() == "720p"  # not 480p
    editor.count.setValue(6)
    editor.fill_from({"model": "wan-2.6", "prompt": "again", "duration_seconds": 5}, [])
    assert editor.count.value() == 1
    assert studio.menu_actions["apiKey"].isEnabled()  # a real profile offers the key dialog


def test_theme_switch_in_settings_repaints_and_is_saved(studio, arun):
    app = QApplication.instance()
    before = app.palette()
    drawn = studio.player.play_button.icon().cacheKey()
    try:
        dialog = studio.open_settings()
        dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
        dialog.accept()
        assert app.palette().color(QPalette.ColorRole.Window).lightness() < 80
        assert studio.player.play_button.icon().cacheKey() != drawn  # redrawn, light on dark
        # Widgets with their own style sheet follow too: the cost was black on dark, the
        # first-frame zone's buttons stayed light.
        text = QPalette.ColorRole.WindowText
        assert studio.editor.cost.palette().color(text).lightness() > 180
        zone_button = studio.editor.first_frame.browse_button
        assert zone_button.palette().color(QPalette.ColorRole.Button).lightness() < 80
        assert studio.editor.first_frame.hint.palette().color(text).lightness() > 120
        assert Settings.load().theme == "dark"
        assert (Paths.config_dir() / "settings.json").is_file()
        dialog = studio.open_settings()
        assert dialog.theme.currentData() == "dark"
        dialog.theme.setCurrentIndex(dialog.theme.findData("light"))
        dialog.accept()
        assert app.palette().color(QPalette.ColorRole.Window).lightness() > 180
    finally:
        theme.apply_theme(app, "system")
        app.setPalette(before)


def test_remove_key_is_disabled_without_a_key(sim, qloop, arun):
    from airforce_studio.app import key_checker, key_store_for
    from airforce_studio.ui.key_dialog import KeyDialog

    store = key_store_for(sim.api_base)

    async def open_dialog():
        dialog = KeyDialog(store, key_checker(sim.api_base))
        await until(lambda: not dialog._jobs)
        return dialog

    dialog = arun(open_dialog())
    assert not dialog.remove.isEnabled()
    store.save("sk-air-some-saved-key")
    dialog = arun(open_dialog())
    assert dialog.remove.isEnabled()
    arun(dialog.forget())
    assert not dialog.remove.isEnabled()
    arun(asyncio.sleep(0))


def test_tab_walks_the_editor_in_reading_order(qtbot, qloop, arun, tmp_path):
    editor = panel(qtbot, tmp_path)
    editor.model_box.setCurrentIndex(editor.model_box.findData("wan-2.6"))
    editor.mode.setCurrentIndex(editor.mode.findData("reference"))
    editor.seed_lock.setChecked(True)
    editor.activateWindow()
    editor.prompt.setFocus()
    seen = []

    async def walk():
        await until(editor.prompt.hasFocus)
        for _ in range(16):
            QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
            await asyncio.sleep(0)
            seen.append(QApplication.focusWidget().objectName())

    arun(walk())
    expected = ["promptHistoryButton", "presets", "presetSave", "model", "mode", "duration",
                "aspect", "quality", "seed", "seedLock", "sound", "count", "references",
                "referencesBrowse"]
    assert seen[:len(expected)] == expected, seen
    assert "editorScroll" not in seen


def test_a_focused_drop_zone_shows_a_focus_ring(qtbot, qloop, arun, tmp_path):
    editor = panel(qtbot, tmp_path)
    editor.model_box.setCurrentIndex(editor.model_box.findData("wan-2.6"))
    editor.mode.setCurrentIndex(editor.mode.findData("reference"))
    zone = editor.references
    editor.activateWindow()

    def border() -> str:
        return zone.grab().toImage().pixelColor(zone.width() // 2, 0).name()

    editor.prompt.setFocus()
    arun(until(editor.prompt.hasFocus))
    unfocused = border()
    zone.setFocus(Qt.FocusReason.TabFocusReason)
    arun(until(zone.hasFocus))
    highlight = zone.palette().color(QPalette.ColorRole.Highlight).name()
    assert border() == highlight != unfocused


def test_a_network_error_is_not_blamed_on_the_key(qloop, arun):
    import socket

    from airforce_studio.app import key_checker, key_store_for
    from airforce_studio.ui.key_dialog import KeyDialog

    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}"
    dialog = KeyDialog(key_store_for(dead), key_checker(dead))
    dialog.key.setText("sk-air-a-perfectly-good-key")
    assert not arun(dialog.check_and_save())
    text = dialog.status.text()
    assert "Could not reach the provider" in text and "did not work" not in text
    assert dialog.save.isEnabled()  # try again once the network is back
    from airforce_studio.core import secrets

    # Not used, not saved: not registered as a secret (only a used key is hidden in logs).
    assert secrets.redact("sk-air-a-perfectly-good-key") == "sk-air-a-perfectly-good-key"


def test_the_window_restores_the_draft_after_a_restart(sim, key, qloop, arun, tmp_path):
    from airforce_studio.core.session import Session
    from tests.gui.conftest import close_window, new_window
    from tests.integration.engine_kit import FAST

    def start():
        session = Session.open(sim.api_base, key, config=FAST)
        window = new_window(session, sim)
        arun(window._load_models())
        return window, session

    window, session = start()
    arun(until(lambda: window.editor.extras.loaded))
    select_model(window, "kling-1", "image")
    window.editor.prompt.setPlainText("the draft survives")
    drop_files(window.editor.first_frame, *pngs(tmp_path, (64, 36)))
    arun(until(lambda: len(window.editor.state.first_frame) == 1))
    close_window(window, session, arun)  # closing saves the last keystrokes too

    window, session = start()
    try:
        editor = window.editor
        arun(until(lambda: len(editor.state.first_frame) == 1))
        assert editor.prompt.toPlainText() == "the draft survives"
        assert (editor.model_box.currentData(), editor.mode.currentData()) == ("kling-1",
                                                                                "image")
        assert editor.submit.isEnabled()
    finally:
        close_window(window, session, arun)


def test_restoring_a_draft_or_preset_says_nothing_changed(qtbot, tmp_path):
    """After a restart the draft's model and quality come back: no 'Changed for kling-1:
    quality 480p → 720p' about a default the creator never chose."""
    editor = panel(qtbot, tmp_path)
    state = editor.state
    state.model_id = "hailuo-fast"
    state.quality = "480p"
    state.note = ""
    state.apply_settings({"model_id": "kling-1", "quality": "720p", "mode": "text"})
    assert (state.model_id, state.quality, state.note) == ("kling-1", "720p", "")
    state.model_id = "hailuo-fast"
    state.quality = "480p"
    state.model_id = "kling-1"  # a switch by hand still says what it changed
    assert "kling-1" in state.note and "480p" in state.note
