"""The Storyboard tab against the simulator: cards, render with the cost first, reorder,
chain from a picked frame, double-click into the editor, recent films, paused and failed."""

from __future__ import annotations

import asyncio
import copy
import io

import av
import numpy as np
from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from airforce_studio.core.film.frames import frame_at, last_frame
from airforce_studio.ui.film_document import recent_films
from tests.gui.conftest import until
from tests.gui.film_kit import TWO_SHOTS, open_and_render, shots, write


def test_a_storyboard_renders_its_shots_after_showing_the_cost(studio, arun, sim, key, tmp_path):
    board = studio.storyboard
    path = write(tmp_path / "two.afilm.json", TWO_SHOTS)
    assert arun(board.open_film(path))
    assert board.cards.count() == 2
    assert [board.card_state(s) for s in ("s1", "s2")] == ["needs-take", "needs-take"]
    assert board.document.card("s1").cents > 0
    assert board.buttons["render"].isEnabled() and not board.buttons["stale"].isEnabled()

    job = board.confirm_render(stale=False)

    async def answer() -> None:
        await until(lambda: getattr(board, "cost_box", None) is not None
                    and board.cost_box.isVisible())
        text = board.cost_box.text()
        assert "s1" in text and "s2" in text and "Shots to make: 2" in text
        assert not sim.tasks(key)  # nothing sent before the answer
        board.cost_box.button(QMessageBox.StandardButton.Ok).click()
        await asyncio.wait_for(job, 90)

    arun(answer(), timeout=100)
    assert [board.card_state(s) for s in ("s1", "s2")] == ["ready", "ready"]
    saved = shots(path)
    assert saved["s1"]["take"] and saved["s2"]["take"]
    arun(until(lambda: saved["s1"]["take"] in board._posters))
    assert path in recent_films()

    # Editing s1 makes it and the shot chained from it stale; the button says the cost.
    arun(board.document.update("s1", prompt="a harbour at night"))
    assert [board.card_state(s) for s in ("s1", "s2")] == ["stale", "stale"]
    assert board.buttons["stale"].isEnabled() and "$" in board.buttons["stale"].text()
    assert shots(path)["s1"]["prompt"] == "a harbour at night"  # saved at once
    sent = len(sim.tasks(key))
    stale_job = board.confirm_render(stale=True)

    async def decline() -> None:
        await until(lambda: board.cost_box is not None and board.cost_box.isVisible())
        assert board.cost_box.windowTitle() == "Regenerate stale shots"
        assert "s1" in board.cost_box.text() and "s2" in board.cost_box.text()
        board.cost_box.button(QMessageBox.StandardButton.Cancel).click()
        await asyncio.wait_for(stale_job, 30)

    arun(decline())
    assert len(sim.tasks(key)) == sent  # declined: nothing sent
    assert board.buttons["stale"].isEnabled()

    # Double-click opens the shot in the editor.
    item = board.cards.item(1)
    board.cards.itemDoubleClicked.emit(item)
    arun(until(lambda: studio.editor.prompt.toPlainText() == "boats leave"))
    # … and the editor's settings go back into the selected shot.
    studio.editor.prompt.setPlainText("boats leave at dawn")
    board.cards.setCurrentRow(1)
    board.buttons["update"].trigger()
    arun(until(lambda: shots(path)["s2"]["prompt"] == "boats leave at dawn"))
    assert shots(path)["s2"]["from"] == {"shot": "s1", "frame": "last"}  # the chain stays


def test_cards_reorder_and_the_file_follows(studio, arun, sim, key, tmp_path):
    board = studio.storyboard
    doc = copy.deepcopy(TWO_SHOTS)
    doc["shots"][1].pop("from")
    doc["shots"].append({"id": "s3", "prompt": "lights", "model": "kling-1",
                         "transition": {"type": "crossfade", "seconds": 0.5}})
    path = write(tmp_path / "order.afilm.json", doc)
    assert arun(board.open_film(path))
    # A render the pre-flight refuses names the shot and field, sends nothing, blocks nothing.
    assert arun(board.document.update("s3", model="no-such-model"))
    arun(board.render(stale=False, confirm=False))
    assert "'s3'" in board.status.text() and "'model'" in board.status.text()
    assert not sim.tasks(key)
    model = board.cards.model()
    assert model.moveRow(model.index(0, 0).parent(), 2, model.index(0, 0).parent(), 0)
    arun(until(lambda: list(shots(path)) == ["s3", "s1", "s2"]))
    assert "transition" not in shots(path)["s3"]  # the first shot fades from nothing
    assert [board.cards.item(i).data(Qt.ItemDataRole.UserRole + 1) for i in range(3)] == \
        ["s3", "s1", "s2"]
    # A change the file would refuse is refused with a message; file and cards unchanged.
    before = path.read_text()
    assert not arun(board.document.update("s3", duration_seconds=0))
    assert "duration_seconds" in board.status.text() and path.read_text() == before
    for shot_id in ("s3", "s1"):
        arun(board.document.remove_shot(shot_id))
    arun(board.document.remove_shot("s2"))  # the last shot stays: a film has one at least
    assert list(shots(path)) == ["s2"] and "shots" in board.status.text()
    menu = studio.findChild(type(studio.menuBar().actions()[0].menu()), "menuRecentFilms")
    menu.aboutToShow.emit()
    assert menu.actions()[0].text() == "order.afilm.json"


def test_chaining_from_a_picked_frame_sends_that_frame(studio, arun, sim, key, tmp_path):
    board = studio.storyboard
    doc = copy.deepcopy(TWO_SHOTS)
    doc["shots"] = doc["shots"][:1]
    path = write(tmp_path / "chain.afilm.json", doc)
    open_and_render(arun, board, path)
    picker = board.chain_from("s1")
    arun(picker.ready)
    assert len(picker.times) == 10
    picker.choose(3)
    picked = picker.times[3]
    picker.accept()
    arun(until(lambda: len(shots(path)) == 2))
    new = board.document.film.shots[1]
    assert new.source is not None and new.source.frame == picked
    assert shots(path)[new.id]["from"] == {"shot": "s1", "frame": picked}
    assert board.card_state(new.id) == "needs-take"

    arun(board.render(stale=False, confirm=False), timeout=90)
    assert board.card_state(new.id) == "ready"
    s1 = board.session.library.get(board.document.film.shot("s1").take)
    s1_file = board.session.library.absolute(s1.file)
    specs = {t["task_id"]: t["spec"] for t in sim.tasks(key)}
    sent = specs[board.document.film.shot(new.id).take].first_frame
    with Image.open(io.BytesIO(sent)) as image:
        got = np.asarray(image.convert("RGB")).astype(int)
    wanted = frame_at(s1_file, picked).to_ndarray(format="rgb24").astype(int)
    last = last_frame(s1_file).to_ndarray(format="rgb24").astype(int)
    assert np.abs(got - wanted).mean() < 6
    assert np.abs(got - last).mean() > np.abs(got - wanted).mean()
    with av.open(str(s1_file)) as container:  # exactly the 4th filmstrip frame, no other
        diffs = [np.abs(got - f.to_ndarray(format="rgb24").astype(int)).mean()
                 for f in container.decode(video=0)]
    assert diffs.index(min(diffs)) == (3 * len(diffs)) // 10


def test_a_failed_render_and_a_paused_render_show_their_state(studio, arun, sim, key, tmp_path):
    board = studio.storyboard
    path = write(tmp_path / "fail.afilm.json", TWO_SHOTS)
    assert arun(board.open_film(path))
    sim.set_knobs(fail_fraction=1.0)
    arun(board.render(stale=False, confirm=False), timeout=90)
    assert board.card_state("s1") == "failed"
    assert board.card_state("s2") == "failed"  # it had no frame to start from
    assert "s1" in board.status.text()
    sim.set_knobs(fail_fraction=0.0)

    sim.call(lambda: setattr(sim.state.account(key), "balance_cents", 0))
    job = board.confirm_render(stale=False)

    async def paused() -> None:
        await until(lambda: getattr(board, "cost_box", None) is not None
                    and board.cost_box.isVisible())
        board.cost_box.button(QMessageBox.StandardButton.Ok).click()
        await until(lambda: board.card_state("s1") == "paused", timeout=30)

    arun(paused())
    assert not job.done()  # the window's render waits for the queue to be resumed
    job.cancel()


def test_new_film_starts_from_the_editors_settings(studio, arun, tmp_path):
    """File → New film…: the editor's prompt and model become the first shot (the new file
    was refused: 'every shot needs a non-empty text id')."""
    board = studio.storyboard
    studio.editor.state.prompt = "a paper boat in the gutter"
    request = board.current_request()
    assert request is not None and "id" not in request
    path = tmp_path / "trip.afilm.json"
    arun(board.create_film(path, request))
    assert board.document is not None and board.cards.count() == 1
    saved = shots(path)
    assert list(saved) == ["s1"] and saved["s1"]["prompt"] == "a paper boat in the gutter"
    assert "needs a non-empty" not in board.status.text()


def test_on_a_narrow_window_every_film_action_stays_reachable(studio, arun, tmp_path):
    """At the default window width Review takes…, Export… and Remove shot did not fit the
    bar and were cut off: its » menu was empty. Each is now a button or in that menu."""
    from PySide6.QtWidgets import QApplication, QToolBar, QToolButton

    board = studio.storyboard
    studio.editor.state.prompt = "a paper boat in the gutter"
    arun(board.create_film(tmp_path / "narrow.afilm.json", board.current_request()))
    studio.tabs.setCurrentWidget(board)
    board.resize(520, 300)
    QApplication.processEvents()
    bar = board.findChild(QToolBar, "filmToolbar")
    entries = bar.actions()
    assert len(entries) == 9
    hidden = [a for a in entries if not bar.widgetForAction(a).isVisible()]
    assert hidden  # the bar is too narrow for all nine
    extension = bar.findChild(QToolButton, "qt_toolbar_ext_button")
    in_menu = [a for a in extension.menu().actions() if a.text()]
    assert all(a in in_menu for a in hidden)
    assert not board.buttons["stale"].text().count("$")  # nothing stale: no "(US$0.00)"
    assert bar.widgetForAction(board.buttons["export"]).text() == "Export…"
