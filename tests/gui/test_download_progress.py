"""A downloading row shows a moving "Downloading…" bar, not an empty Progress cell
(earlier testers' report). The engine reports no byte counts, so the bar says the download
is alive; the pulse repaints only those cells and stops when no clip downloads."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from airforce_studio.core.journal import ItemState
from airforce_studio.ui.queue_model import PROGRESS_COLUMN
from airforce_studio.ui.queue_progress import BUSY, chunk_rect
from tests.gui.conftest import until
from tests.gui.test_queue_and_notices import submit


def _cell_image(view, row: int):
    rect = view.visualRect(view.model().index(row, PROGRESS_COLUMN))
    return view.viewport().grab(rect).toImage()


def test_a_downloading_row_shows_a_moving_bar_until_the_clip_is_in(studio, sim, key, arun):
    window = studio
    model, view, pulse = window.queue.model, window.queue.view, window.queue.pulse
    sim.set_knobs(download_bytes_per_second=4_000)  # a slow result host
    submit(window, "a fox downloaded slowly")
    arun(until(lambda: any(i.state == ItemState.DOWNLOADING for i in model.items()),
               timeout=60))
    row = next(r for r, i in enumerate(model.items()) if i.state == ItemState.DOWNLOADING)
    assert model.index(row, PROGRESS_COLUMN).data() == BUSY
    assert pulse.timer.isActive()
    beats = pulse.beats
    first = _cell_image(view, row)
    arun(until(lambda: pulse.beats >= beats + 3 and _cell_image(view, row) != first,
               timeout=10))  # it moves: the cell's pixels change between beats
    sim.set_knobs(download_bytes_per_second=0)
    arun(until(lambda: window.session.library.count() == 1, timeout=120))
    arun(until(lambda: not pulse.timer.isActive()))  # nothing runs once none downloads
    assert model.index(0, PROGRESS_COLUMN).data() == 100


def test_the_chunk_slides_across_the_groove_and_stays_inside_it():
    groove = QRectF(0, 0, 90, 12)
    rects = [chunk_rect(groove, now) for now in (0.2, 0.8, 1.4)]
    lefts = [r.left() for r in rects]
    assert lefts == sorted(lefts) and len(set(lefts)) == 3
    assert all(groove.contains(r) for r in rects)
