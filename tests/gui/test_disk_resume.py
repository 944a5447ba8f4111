"""The data folder fills up while clips download (a real tiny tmpfs): the window says so
once and offers Resume; after space is freed, Resume finishes every clip in this session,
the ones that were in flight included, each paid once."""

from __future__ import annotations

from airforce_studio.core.journal import ItemState
from tests.gui.conftest import until
from tests.gui.test_queue_and_notices import modal_boxes, submit
from tests.integration.test_disk_full import tiny_disk  # noqa: F401 (a fixture)


def test_resume_after_a_full_disk_finishes_the_clips_that_were_in_flight(
        tiny_disk, open_studio, sim, key, arun):  # noqa: F811
    window = open_studio()
    notices, journal = window.status.notices, window.session.journal
    submit(window, "A fox on a disk that fills up", count=10)
    arun(until(lambda: window.engine.local_error is not None, timeout=120))
    arun(until(lambda: notices.get("local") is not None))
    assert notices.action.text() == "Resume sending" and not modal_boxes()
    assert any(i.task_id and not i.state.is_final for i in journal.items())  # in flight
    live = [i for i in journal.items() if not i.state.is_final]
    queued = sum(1 for i in live if i.state == ItemState.QUEUED)
    sent = len(live) - queued
    text = notices.get("local").text  # says apart what waits here and what is sent
    assert f"{sent} clip(s) already sent are kept at the provider" in text
    assert (f"{queued} clip(s) wait in the local queue" in text) == bool(queued)
    tiny_disk()  # the user frees space
    notices.action.click()
    arun(until(lambda: all(i.state == ItemState.ARCHIVED for i in journal.items()),
               timeout=120))
    assert len(sim.tasks(key)) == 10  # every clip paid exactly once
    assert window.session.library.count() == 10
