"""A creator's afternoon on the film screens: every tab has a key (listed under F1), the
render's cost question speaks the window's language, and a shot card's state chip holds
its translated word whole."""

from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QKeySequence, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QStyleOptionViewItem

from airforce_studio.ui import i18n, keymap
from airforce_studio.ui.storyboard_cards import (
    CARD,
    POSTER,
    STATE_COLOURS,
    ShotCardDelegate,
    state_text,
)
from tests.gui.conftest import until
from tests.gui.film_kit import TWO_SHOTS, open_and_render, shots, write


def test_every_tab_has_a_key_in_the_view_menu_and_the_help(studio):
    help_text = keymap.help_html()
    for index in range(studio.tabs.count()):
        keys = f"Ctrl+{index + 1}"
        owners = [a for a in studio.menu_actions.values()
                  if QKeySequence(keys) in a.shortcuts()]
        assert len(owners) == 1, f"tab {studio.tabs.tabText(index)!r} has no {keys}"
        studio.tabs.setCurrentIndex(0 if index else 1)
        owners[0].trigger()
        assert studio.tabs.currentIndex() == index
        assert f"<b>{keys}</b>" in help_text
    view_menu = studio.menuBar().actions()[1].menu()
    names = [a.objectName() for a in view_menu.actions()]
    shows = [n for n in names if n.startswith("action_show")]
    assert shows == ["action_showQueue", "action_showLibrary", "action_showHistory",
                     "action_showStoryboard"]  # together, in the tabs' order


def test_the_render_cost_question_speaks_indonesian(qapp, studio, arun, tmp_path):
    board = studio.storyboard
    path = write(tmp_path / "two.afilm.json", TWO_SHOTS)
    assert arun(board.open_film(path))
    i18n.install(qapp, "id")
    try:
        job = board.confirm_render(stale=False)

        async def read_and_cancel() -> str:
            await until(lambda: board.cost_box is not None and board.cost_box.isVisible())
            text = board.cost_box.text()
            board.cost_box.button(QMessageBox.StandardButton.Cancel).click()
            await asyncio.wait_for(job, 30)
            return text

        text = arun(read_and_cancel())
    finally:
        i18n.uninstall(qapp)
    assert "5 dtk × 1" in text and " s ×" not in text, text


def test_a_translated_state_is_not_cut_off_on_its_card(qapp):
    i18n.install(qapp, "id")
    try:
        word = state_text("rendering")
        card = SimpleNamespace(state="rendering", cents=50)
        shot = SimpleNamespace(id="s1", source=None, prompt="a harbour at dusk")
        delegate = ShotCardDelegate(lambda _id: (card, shot, None))
        image = QImage(CARD + QSize(8, 8), QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        option = QStyleOptionViewItem()
        option.rect = QRect(0, 0, CARD.width(), CARD.height())
        option.font = qapp.font()
        painter = QPainter(image)
        painter.setFont(option.font)
        bold = QFont(painter.font())
        bold.setBold(True)
        index = SimpleNamespace(data=lambda _role: "s1")
        delegate.paint(painter, option, index)
        painter.end()
    finally:
        i18n.uninstall(qapp)
    assert word == "Sedang dirender…"
    width = QFontMetrics(bold).horizontalAdvance(word)
    assert width > 110 - 16  # else the English-sized chip would hold it: the test proves nothing
    left, top = 4 + 8, 4 + 8 + POSTER.height() + 6 + 36 + 4  # as the delegate lays out
    edge = image.pixelColor(left + width + 12, top + 10)  # in the chip, past the word
    assert edge.name() == STATE_COLOURS["rendering"], (edge.name(), width)


def test_the_editors_count_makes_takes_to_review_and_esc_closes_the_review(
        studio, arun, tmp_path):
    board = studio.storyboard
    path = write(tmp_path / "two.afilm.json", TWO_SHOTS)
    assert arun(board.open_film(path))
    studio.editor.prompt.setPlainText("gulls over the pier")
    studio.editor.state.count = 3
    board.add_from_editor()
    arun(until(lambda: len(shots(path)) == 3))
    added = list(shots(path).values())[-1]
    assert added["prompt"] == "gulls over the pier" and added["count"] == 3
    assert board.document.card(added["id"]).cents == 3 * board.document.prices[added["id"]]

    studio.editor.state.count = 1  # back to one: the shot's count goes with it
    board.cards.setCurrentRow(2)
    board.update_from_editor()
    arun(until(lambda: "count" not in shots(path)[added["id"]]))

    board.cards.setCurrentRow(0)
    review = board.review()
    review.show()
    arun(review.loaded)
    assert review.isVisible()
    QTest.keyClick(review.compare, Qt.Key.Key_Escape)
    assert not review.isVisible()


def test_a_trims_range_is_written_in_the_window_language(qapp, arun, tmp_path):
    from airforce_studio.ui.export_trim import TrimStrip

    library = SimpleNamespace(absolute=lambda _file: tmp_path / "missing.mp4")
    i18n.install(qapp, "id")
    try:
        trim = TrimStrip(library, SimpleNamespace(file="missing.mp4"), None)
        arun(trim.ready)  # the take will not decode: the label says so, then the range
        trim._show_range((0.5, 2.25))
        text = trim.range_label.text()
        trim.deleteLater()
    finally:
        i18n.uninstall(qapp)
    assert text == "0,50–2,25 dtk", text


def test_a_new_film_is_exported_in_its_first_shots_frame(studio, arun, tmp_path):
    path = tmp_path / "vertical.afilm.json"
    arun(studio.storyboard.create_film(path, {
        "model": "kling-1", "prompt": "a lighthouse, vertical", "duration_seconds": 5,
        "aspect_ratio": "9:16", "quality": "480p"}))
    assert json.loads(path.read_text())["output"] == {"aspect_ratio": "9:16", "quality": "480p"}
    assert studio.storyboard.document.film.output.size == (480, 854)


def test_esc_closes_the_export_and_animation_windows(studio, arun, tmp_path):
    board = studio.storyboard
    open_and_render(arun, board, write(tmp_path / "cut.afilm.json", TWO_SHOTS))
    dialog = board.export()
    for trim in dialog.trims.values():
        arun(trim.ready)
    animation = dialog._animation(board.session.library.get(shots(
        board.document.path)["s1"]["take"]), dialog.trims["s1"])
    arun(animation.range.ready)
    QTest.keyClick(animation, Qt.Key.Key_Escape)
    assert not animation.isVisible() and dialog.isVisible()
    QTest.keyClick(dialog.out, Qt.Key.Key_Escape)  # from a field inside it, too
    assert not dialog.isVisible()


def test_a_tabs_key_puts_the_keyboard_in_its_list(studio, arun, tmp_path):
    assert arun(studio.storyboard.open_film(write(tmp_path / "two.afilm.json", TWO_SHOTS)))
    studio.activateWindow()
    studio.editor.prompt.setFocus()
    arun(until(lambda: studio.editor.prompt.hasFocus()))
    for binding, view in (("showStoryboard", studio.storyboard.cards),
                          ("showQueue", studio.queue.view), ("showHistory", None)):
        studio.menu_actions[binding].trigger()
        focused = QApplication.focusWidget()
        if view is None:
            assert focused is not None and studio.history.isAncestorOf(focused)
        else:
            assert focused is view, focused
