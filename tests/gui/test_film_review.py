"""Review against the simulator: one transport for 2 takes, frame-accurate steps, the A/B
wipe, verdicts on keys written to the film file, and "Clean up rejected"."""

from __future__ import annotations

import copy

import av
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QImage, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from airforce_studio.ui import keymap
from airforce_studio.ui.compare_frames import decode_take, fit_width
from airforce_studio.ui.compare_view import CompareView
from airforce_studio.ui.film_review import ReviewWindow
from tests.gui.conftest import until
from tests.gui.film_kit import TWO_SHOTS, open_and_render, shots, write


def pixels(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB888)
    raw = np.frombuffer(image.constBits(), np.uint8, image.sizeInBytes())
    rows = raw.reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 3].reshape(image.height(), image.width(), 3).astype(int)


def decoded(path, width: int) -> list[np.ndarray]:
    with av.open(str(path)) as container:
        return [f.to_ndarray(format="rgb24", width=width,
                             height=max(2, round(f.height * width / f.width / 2) * 2)).astype(int)
                for f in container.decode(video=0)]


def rendered_two_takes(studio, arun, tmp_path):
    board = studio.storyboard
    doc = copy.deepcopy(TWO_SHOTS)
    doc["shots"] = [dict(doc["shots"][0], count=2)]
    path = write(tmp_path / "takes.afilm.json", doc)
    open_and_render(arun, board, path)
    assert len(board.document.film.shot("s1").takes) == 2
    return board, path


def test_compare_steps_every_view_to_frame_k(studio, arun, qtbot, tmp_path):
    board, _path = rendered_two_takes(studio, arun, tmp_path)
    board.cards.setCurrentRow(0)
    review = board.review()
    qtbot.addWidget(review)
    arun(review.loaded)
    compare = review.compare
    assert compare.shown_frames() == [0, 0]
    files = [review.library.absolute(c.file) for c in review.clips]
    width = compare.takes[0].frames[0].shape[1]
    truth = [decoded(f, width) for f in files]
    compare.setFocus()
    for k in range(1, 8):
        QTest.keyClick(compare, Qt.Key.Key_Right)
        assert compare.shown_frames() == [k, k]
    for pane, frames in zip(compare.panes, truth, strict=True):
        shown = pixels(pane.image)
        diffs = [np.abs(shown - f).mean() for f in frames]
        assert diffs.index(min(diffs)) == 7 and min(diffs) < 2
    QTest.keyClick(compare, Qt.Key.Key_Left)
    assert compare.shown_frames() == [6, 6]

    # Play advances every view together; the A/B wipe draws B right of the line.
    compare.seek(0)
    compare.toggle()
    arun(until(lambda: compare.frame >= 5))
    compare.pause()
    assert len(set(compare.shown_frames())) == 1
    # Every key of the view comes from the window's one keyboard map (shown under F1).
    table = {QKeySequence(k).toString() for b in keymap.KEYMAP for k in b.keys
             if b.scope == "compare"}
    assert {s.key().toString() for s in review.findChildren(QShortcut)} == table
    assert "Keep the selected take" in keymap.help_html()
    QTest.keyClick(compare, Qt.Key.Key_W)
    assert compare.wipe_on and compare.panes[0].other is compare.takes[1]
    assert not compare.panes[1].isVisible()


def test_verdicts_on_keys_write_the_film_and_clean_up_frees_space(studio, arun, qtbot, tmp_path):
    board, path = rendered_two_takes(studio, arun, tmp_path)
    first, second = shots(path)["s1"]["takes"]
    assert shots(path)["s1"]["take"] == first
    board.cards.setCurrentRow(0)
    review = board.review()
    qtbot.addWidget(review)
    arun(review.loaded)
    compare = review.compare
    assert [c.task_id for c in review.clips] == [first, second]
    compare.setFocus()

    QTest.keyClick(compare, Qt.Key.Key_2)  # select B
    QTest.keyClick(compare, Qt.Key.Key_P)  # keep it
    arun(until(lambda: shots(path)["s1"]["take"] == second))
    QTest.keyClick(compare, Qt.Key.Key_1)
    QTest.keyClick(compare, Qt.Key.Key_X)  # reject A
    arun(until(lambda: shots(path)["s1"].get("rejected") == [first]))
    assert [p.verdict for p in compare.panes] == ["reject", "keep"]
    QTest.keyClick(compare, Qt.Key.Key_S)  # star A: the library's favourite
    arun(until(lambda: review.library.get(first).favourite))

    library = review.library
    mp4 = library.absolute(library.get(first).file)
    size = mp4.stat().st_size
    job = review.cleanup.click()
    del job

    async def answer() -> None:
        await until(lambda: getattr(review, "cleanup_box", None) is not None
                    and review.cleanup_box.isVisible())
        assert "1 rejected take" in review.cleanup_box.text()
        assert "iB" in review.cleanup_box.text() or "bytes" in review.cleanup_box.text()
        review.cleanup_box.button(QMessageBox.StandardButton.Yes).click()
        await until(lambda: first not in library)

    arun(answer())
    assert not mp4.exists() and size > 0
    assert second in library and library.absolute(library.get(second).file).exists()
    assert "Freed" in review.status.text()


def test_review_of_any_clips(studio, arun, qtbot, tmp_path):
    board, _path = rendered_two_takes(studio, arun, tmp_path)
    grid = studio.library_view.grid
    arun(until(lambda: grid.model().rowCount() == 2))
    grid.selectAll()
    studio.findChild(QAction, "actionCompareClips").trigger()
    review = next(w for w in studio.findChildren(ReviewWindow) if w.shot_id is None)
    qtbot.addWidget(review)
    arun(review.loaded)
    assert {c.task_id for c in review.clips} == set(board.document.film.shot("s1").takes)
    # Each view is named as a creator tells takes apart (model, seed), not by a task id.
    for letter, pane, clip in zip("AB", review.compare.panes, review.clips, strict=True):
        assert pane.label.startswith(f"{letter} · {clip.model} · seed {clip.seed}")
        assert clip.task_id not in pane.label
    review.compare.step(3)
    assert review.compare.shown_frames() == [3, 3]
    review.compare.verdict.emit(0, "keep")
    arun(until(lambda: review.compare.panes[0].verdict == "keep"))

    # Three views step together too; a memory budget narrows the frames, never the count.
    files = [review.library.absolute(c.file) for c in review.clips]
    three = CompareView()
    qtbot.addWidget(three)
    arun(three.load([*files, files[0]], ["A", "B", "C"]))
    three.step(4)
    assert three.shown_frames() == [4, 4, 4]
    budget = 16 * 1024 * 1024
    small = fit_width(files, 640, budget=budget)
    assert 240 <= small < 640
    takes = [decode_take(f, small) for f in files]
    assert sum(t.frames[0].nbytes * t.count for t in takes) <= budget
    assert [t.count for t in takes] == [t.count for t in review.compare.takes]
