"""The library grid with real files: count and empty states, in-place inserts that keep
the scroll position and selection, details, hover scrub from a real filmstrip."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QDesktopServices, QMouseEvent
from PySide6.QtWidgets import QApplication

from airforce_studio.core.library import ClipRecord, Library
from airforce_studio.simulator.render import ClipSpec, render_clip
from airforce_studio.ui.formatting import money
from airforce_studio.ui.library_cards import badges
from airforce_studio.ui.library_view import LibraryView
from tests.gui.conftest import until


@pytest.fixture
def library(tmp_path: Path):
    lib = Library(tmp_path / "clips", tmp_path / "index.sqlite")
    yield lib
    lib.close()


def add_clip(library: Library, n: int, prompt: str, *, created: int | None = None,
             video: bool = False, seed: int | None = None) -> ClipRecord:
    created = created if created is not None else 1_700_000_000 + n * 60
    task_id = f"vid_{n:05d}"
    mp4, jpg, _ = library.paths_for(task_id, created)
    mp4.parent.mkdir(parents=True, exist_ok=True)
    if video:
        render_clip(ClipSpec(prompt, n + 1, 2), mp4, jpg)
    else:
        mp4.write_bytes(b"\0")
        Image.new("RGB", (192, 108), (n * 7 % 256, 90, 160)).save(jpg, "JPEG")
    record = ClipRecord(task_id=task_id, file=library.relative(mp4),
                        thumbnail=library.relative(jpg), prompt=prompt, model="wan-2.6",
                        created=created, archived_at=time.time(), duration_seconds=5,
                        cost_cents=250, seed=seed if seed is not None else n,
                        request={"prompt": prompt, "model": "wan-2.6", "seed": seed or n,
                                 "aspect_ratio": "16:9", "quality": "720p"})
    library.add(record)
    return record


@pytest.fixture
def view(library, qloop, arun, qtbot):
    widget = LibraryView(library)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    yield widget
    widget.shutdown()


def test_count_follows_the_filter_and_empty_states_say_why(view, library, qtbot):
    assert view.stack.currentWidget() is view.empty
    assert "No clips yet" in view.empty_text.text()
    assert not view.clear_filters.isVisibleTo(view)
    for n, prompt in enumerate(("red fox", "fox cub in snow", "koi pond")):
        add_clip(library, n, prompt)
        view.clip_added(f"vid_{n:05d}")
    assert view.stack.currentWidget() is view.grid
    assert view.count.text().startswith("3 clip")
    view.search.setText("fox")
    view.apply()
    assert view.count.text().startswith("2 of 3 clip")
    assert view.model.rowCount() == 2
    view.search.setText("zebra")
    view.apply()
    assert view.stack.currentWidget() is view.empty
    assert "zebra" in view.empty_text.text() and view.clear_filters.isVisibleTo(view)
    assert view.count.text().startswith("0 of 3 clip")
    qtbot.mouseClick(view.clear_filters, Qt.MouseButton.LeftButton)
    assert view.search.text() == "" and view.model.rowCount() == 3
    assert view.stack.currentWidget() is view.grid


def test_new_clips_join_in_place_keeping_scroll_and_selection(view, library, arun):
    for n in range(120):
        add_clip(library, n, f"clip number {n}")
    view.clip_added()
    arun(until(lambda: view.grid.verticalScrollBar().maximum() > 0))
    target = view.model.index(60)
    view.grid.scrollTo(target, view.grid.ScrollHint.PositionAtTop)
    view.grid.setCurrentIndex(target)
    selected = view.model.row_clip(60).task_id
    top = view.grid.indexAt(QPoint(8, 8)).data(Qt.ItemDataRole.UserRole + 1).task_id
    assert view.grid.verticalScrollBar().value() > 0
    add_clip(library, 500, "the newest clip", created=1_800_000_000)  # sorts first
    view.clip_added("vid_00500")
    assert view.model.rowCount() == 121 and view.count.text().startswith("121 clip")
    assert view.model.row_clip(0).task_id == "vid_00500"
    assert visible(view, top) and visible(view, selected)  # the view did not jump away
    assert view.grid.verticalScrollBar().value() > 0
    current = view.grid.currentIndex()
    assert view.model.row_clip(current.row()).task_id == selected
    assert [view.model.clip(i.row()).task_id for i in
            view.grid.selectionModel().selectedIndexes()] == [selected]
    add_clip(library, 501, "an old clip", created=1_000)  # sorts last, off screen
    view.clip_added("vid_00501")
    assert view.model.row_clip(121).task_id == "vid_00501"
    assert visible(view, top) and visible(view, selected)


def visible(view, task_id: str) -> bool:
    row = next(r for r in range(view.model.rowCount())
               if view.model.row_clip(r).task_id == task_id)
    return view.grid.viewport().rect().contains(view.grid.visualRect(view.model.index(row)))


def test_filtered_out_clip_only_changes_the_total(view, library):
    add_clip(library, 1, "fox")
    view.clip_added("vid_00001")
    view.search.setText("fox")
    view.apply()
    add_clip(library, 2, "whale")
    view.clip_added("vid_00002")
    assert view.model.rowCount() == 1 and view.count.text().startswith("1 of 2 clip")


def test_cards_carry_badges_and_details_show_every_setting(view, library, arun):
    for n in range(3):
        add_clip(library, n, "same idea", seed=100 + n)
    view.clip_added()
    row = view.model.row_clip(0)
    assert row.variation == 3
    corners = badges(row)
    assert corners["bottom-left"] == "wan-2.6" and corners["bottom-right"].startswith("5")
    assert "16:9" in corners["top-right"] and "#3" in corners["top-right"]
    library.set_favourite(row.task_id, True)
    view.model.refresh_clip(row.task_id)
    assert badges(view.model.row_clip(0))["top-left"] == "★"
    seen = []
    view.clipSelected.connect(seen.append)
    view.grid.setCurrentIndex(view.model.index(0))
    text = view.details.label.text()
    for expected in ("seed", "102", "720p", "16:9", money(250), "vid_00002", "#3"):
        assert expected.lower() in text.lower()
    assert seen[-1].task_id == "vid_00002"
    # posters arrive from workers and land on the right rows
    arun(until(lambda: view.model._tiles.get("vid_00000") is not None))


def test_hover_scrubs_through_a_filmstrip_made_lazily(view, library, arun):
    record = add_clip(library, 1, "moving square", video=True)
    view.clip_added()
    strip = library.filmstrip_path(record.file)
    assert not strip.exists()
    rect = view.grid.visualRect(view.model.index(0))
    for fraction in (0.05, 0.95):
        pos = QPointF(rect.left() + rect.width() * fraction, rect.center().y())
        QApplication.sendEvent(view.grid.viewport(), QMouseEvent(
            QMouseEvent.Type.MouseMove, pos, pos, Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
        view.grid.viewport().repaint()
        if fraction < 0.5:
            assert view.delegate.hover == (0, 0)
    assert view.delegate.hover == (0, 9)
    arun(until(lambda: view.model._strips.get(record.task_id) is not None))
    assert strip.exists() and Image.open(strip).size == (1600, 90)
    view.grid.viewport().repaint()  # paints a frame of the strip without error


def test_reveal_says_so_when_nothing_opens(view, library, monkeypatch):
    record = add_clip(library, 1, "fox")
    view.clip_added()
    # No file manager can be made to fail on demand: the fault is simulated here.
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda _url: False))
    assert view.reveal(record) is False
    assert view.notice.isVisibleTo(view)
    assert str(library.absolute(record.file).parent) in view.notice.text()


def test_a_common_word_shows_its_first_page_then_the_full_count(view, library, arun):
    for n in range(260):  # index only (no sidecars): more matches than one page
        library.index(ClipRecord(task_id=f"bulk{n:04d}", file=f"2024/01/bulk{n:04d}.mp4",
                                 thumbnail=None, prompt=f"lighthouse {n}", model="m",
                                 created=1_700_000_000 + n, archived_at=1.0))
    library.index(ClipRecord(task_id="other", file="2024/01/other.mp4", thumbnail=None,
                             prompt="koi", model="m", created=1, archived_at=1.0))
    view.search.setText("ighthous")
    view.apply()
    assert view.model.query.dense and view.model.counting
    assert view.model.rowCount() == 200 and view.count.text().startswith("200+ of 261 clip")
    arun(until(lambda: not view.model.counting))
    assert view.model.rowCount() == 260 and view.count.text().startswith("260 of 261 clip")
    assert view.model.row_clip(259).task_id == "bulk0000"  # the last, oldest match


def test_deleting_a_local_copy_asks_without_a_nested_loop(view, library, arun):
    import shiboken6
    from PySide6.QtWidgets import QMessageBox

    keep = add_clip(library, 1, "keep me")
    view.clip_added(keep.task_id)
    box = view.delete_local(keep)
    arun(until(box.isVisible))  # opened by ask(): the loop runs on meanwhile
    box.button(QMessageBox.StandardButton.Cancel).click()
    arun(until(lambda: not shiboken6.isValid(box)))  # answered, then deleted
    assert keep.task_id in library
    box = view.delete_local(keep)
    arun(until(box.isVisible))
    box.button(QMessageBox.StandardButton.Yes).click()
    arun(until(lambda: keep.task_id not in library))
    assert view.model.total == 0


def test_a_card_drags_its_clip_id_for_the_first_frame_zone(view, library):
    from airforce_studio.ui.library_model import CLIP_MIME

    clip = add_clip(library, 2, "drag me")
    view.clip_added(clip.task_id)
    mime = view.model.mimeData([view.model.index(0)])
    assert bytes(mime.data(CLIP_MIME).data()).decode() == clip.task_id and mime.hasUrls()


def test_the_menu_key_opens_the_current_cards_menu(view, library):
    from PySide6.QtGui import QContextMenuEvent

    clip = add_clip(library, 3, "keyboard only")
    view.clip_added(clip.task_id)
    view.grid.setCurrentIndex(view.model.index(0))
    event = QContextMenuEvent(QContextMenuEvent.Reason.Keyboard, QPoint(1, 1),
                              view.grid.viewport().mapToGlobal(QPoint(1, 1)))
    QApplication.sendEvent(view.grid.viewport(), event)
    menu = view.context_menu
    assert menu is not None and menu.isVisible()
    assert [a.text() for a in menu.actions()][:1] == ["Play"]
    menu.close()


def test_details_give_dates_on_one_short_line(qtbot):
    """'Thursday, November 26, 2026 6:24:01 AM Coordinated Universal Time' took three
    wrapped lines of the narrow details pane; the short form says the same in one."""
    from PySide6.QtCore import QDateTime, QLocale

    from airforce_studio.ui import i18n
    from airforce_studio.ui.library_details import ClipDetails

    created = 1764130000
    clip = ClipRecord("vid_74CD89CB8D26C58D", "a.mp4", None, "a fox", "kling-1", created,
                      created + 20.0, duration_seconds=5, cost_cents=175, seed=1)
    details = ClipDetails()
    qtbot.addWidget(details)
    details.show_clip(clip)
    text = details.label.text()
    weekday = QLocale().dayName(QDateTime.fromSecsSinceEpoch(created).date().dayOfWeek())
    assert weekday not in text
    assert i18n.date_time(created) in text and i18n.date_time(created + 20.0) in text


def test_an_animation_is_saved_where_the_creator_looks_and_can_be_moved(
        library, qloop, arun, qtbot, tmp_path, monkeypatch):
    """It used to default to the library's own folder, hidden under the app's data."""
    from PySide6.QtWidgets import QFileDialog

    from airforce_studio.ui.export_clip import ClipExportDialog

    home = tmp_path / "home"
    (home / "Pictures").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    clip = add_clip(library, 1, "a fox", video=True)
    dialog = ClipExportDialog(library, clip)
    qtbot.addWidget(dialog)
    dialog.show()
    out = Path(dialog.out.text())
    assert out.parent == home / "Pictures" and out.name == "vid_00001.gif"
    assert library.clips_dir not in out.parents
    chooser = dialog.browse()
    assert isinstance(chooser, QFileDialog)
    assert chooser.windowModality() != Qt.WindowModality.ApplicationModal  # open(), not exec()
    target = tmp_path / "mine" / "fox.png"
    chooser.fileSelected.emit(str(target))  # what the dialog emits on Save
    chooser.reject()
    assert dialog.out.text() == str(target.with_suffix(".gif"))
    arun(dialog.range.ready)
