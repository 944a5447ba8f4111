"""The provider's history tab against the simulator: a completed task made elsewhere is
archived from it in one click; delete warns without a nested loop; an unreachable server
is reported, not raised."""

from __future__ import annotations

import socket
import time

import shiboken6
from PySide6.QtWidgets import QMessageBox

from airforce_studio.api.client import ApiClient
from airforce_studio.api.types import TaskRequest, TaskStatus
from airforce_studio.core.history import History
from airforce_studio.core.session import Session
from airforce_studio.ui import i18n
from airforce_studio.ui.history_view import HistoryView
from tests.gui.conftest import until
from tests.integration.engine_kit import FAST


async def made_elsewhere(sim, key: str, prompt: str) -> str:
    """Another computer (another client, same key) makes a clip and lets it finish."""
    async with ApiClient(sim.api_base, key) as client:
        task = await client.create_task(TaskRequest(model="hailuo-fast", prompt=prompt,
                                                    duration_seconds=5))
        await until(lambda: any(t["task_id"] == task.task_id and t["status"] == "completed"
                                for t in sim.tasks(key)))
        return task.task_id


def deleted(sim, key: str, task_id: str) -> bool:
    return next(t for t in sim.tasks(key) if t["task_id"] == task_id)["deleted"]


def row_of(view: HistoryView, task_id: str) -> int:
    return next(i for i, e in enumerate(view.model.entries) if e.task.task_id == task_id)


def test_a_task_made_elsewhere_is_archived_from_the_history(studio, sim, key, arun):
    window = studio
    task_id = arun(made_elsewhere(sim, key, "made on the laptop"))
    history = window.history
    window.tabs.setCurrentWidget(history)
    arun(history.refresh())
    row = row_of(history, task_id)
    entry = history.model.entries[row]
    assert entry.can_download and not entry.in_library
    assert entry.expires_in is not None and entry.expires_in > 3600
    assert history.model.index(row, 6).data() == "Not downloaded"
    assert history.model.index(row, 4).data().startswith("US$")
    history.table.selectRow(row)
    assert history.download_button.isEnabled()
    history.download_button.click()
    arun(until(lambda: task_id in window.session.library, timeout=30))
    clip = window.session.library.get(task_id)
    assert window.session.library.absolute(clip.file).stat().st_size > 1000
    arun(until(lambda: window.library_view.model.rowCount() == 1))  # joined the grid in place
    arun(history.refresh())
    entry = history.model.entries[row_of(history, task_id)]
    assert entry.in_library and not entry.can_download
    assert history.model.index(row_of(history, task_id), 6).data() == "In the library"


def test_status_filter_and_delete_at_provider_warns_first(studio, sim, key, arun):
    history = studio.history
    task_id = arun(made_elsewhere(sim, key, "to be deleted"))
    history.status_filter.setCurrentIndex(history.status_filter.findData(TaskStatus.FAILED))
    arun(history.refresh())
    assert history.model.entries == []
    history.status_filter.setCurrentIndex(history.status_filter.findData(TaskStatus.COMPLETED))
    arun(history.refresh())
    history.table.selectRow(row_of(history, task_id))
    box = history.confirm_delete()
    arun(until(box.isVisible))  # opened by ask(), never exec()
    assert "NO refund" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    arun(until(lambda: not shiboken6.isValid(box)))  # answered, then deleted
    assert not deleted(sim, key, task_id)  # cancelled: untouched
    box = history.confirm_delete()
    arun(until(box.isVisible))
    box.button(QMessageBox.StandardButton.Yes).click()
    arun(until(lambda: deleted(sim, key, task_id)))
    arun(until(lambda: all(e.task.task_id != task_id for e in history.model.entries)))


def test_an_unreachable_server_is_said_and_the_list_kept(sim, key, qloop, arun, qtbot):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}"
    session = Session.open(dead, key, config=FAST)
    try:
        view = HistoryView(History(session.engine))
        qtbot.addWidget(view)
        session.client.retry = type(session.client.retry)(attempts=1)
        arun(view.refresh())
        assert "Cannot reach the server" in view.state.text()
        assert view.refresh_button.isEnabled() and view.model.entries == []
    finally:
        arun(session.aclose())


def test_expiry_follows_the_servers_clock_when_ours_is_hours_off(studio, sim, key, arun):
    """A fresh result is downloadable for 24 h on the server's clock: a server three hours
    behind ours must not show 21 h (or, five ahead, 29 h); the cell follows the entry."""
    history = studio.history
    for offset in (-3 * 3600.0, 5 * 3600.0):
        sim.set_knobs(clock_offset_seconds=offset)
        task_id = arun(made_elsewhere(sim, key, f"clock off by {offset:+.0f} s"))
        arun(history.refresh())
        row = row_of(history, task_id)
        expires_in = history.model.entries[row].expires_in
        assert expires_in is not None and 86400 - 120 < expires_in <= 86400 + 2, offset
        assert history.model.index(row, 5).data().startswith(("23 h", "24 h"))
        made_at = history.model.entries[row].made_at  # "Created" shows our clock's time
        assert made_at is not None and abs(made_at - time.time()) < 60, offset
        assert history.model.index(row, 0).data() == i18n.date_time(made_at)
