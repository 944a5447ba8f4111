"""What the window says when the account or a gateway stops a batch: a revoked key (401)
offers the key dialog (opened without exec()) and the queue goes on with a working key,
paying once; a notice quoting a gateway's HTML page shows it as text, never rendered."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from airforce_studio.api.retry import RetryPolicy
from airforce_studio.ui.key_dialog import KeyDialog
from tests.gui.conftest import until
from tests.gui.test_queue_and_notices import modal_boxes, submit
from tests.integration.engine_kit import FAST


def creates(sim, key: str) -> int:
    return sum(1 for r in sim.requests("api") if r["method"] == "POST"
               and r["headers"].get("Authorization") == f"Bearer {key}")


def test_a_revoked_key_offers_the_key_dialog_and_a_new_key_sends_the_rest(
        studio, sim, key, arun):
    window, notices = studio, studio.status.notices
    window.engine.client.set_api_key("sk-revoked")  # the simulator answers 401 to it
    submit(window, "A key revoked mid-batch", count=2)
    arun(until(lambda: notices.get("paused-account") is not None))
    assert "refused the API key" in notices.text.text()
    assert notices.action.text() == "Change API key…"  # not "Resume" with the same key
    assert not modal_boxes()  # a banner, nothing modal while clips wait
    assert window.engine.pause_reasons.get("account")
    notices.action.click()
    dialogs = [d for d in window.findChildren(KeyDialog) if d.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    QTest.keyClicks(dialog.key, key)
    QTest.keyClick(dialog.key, Qt.Key.Key_Return)  # as a user pastes and presses Enter
    assert dialog.isVisible()  # Enter checks the key; it never hits Close
    arun(until(lambda: dialog.saved_key == key))
    dialog.close()  # finished → the engine uses the new key and resumes sending
    arun(until(lambda: window.session.library.count() == 2, timeout=60))
    assert creates(sim, key) == 2  # each clip paid once
    assert notices.get("paused-account").banner is False  # resolved, kept in the list


def test_a_notice_quoting_a_gateway_page_shows_it_as_text_not_as_a_web_page(studio, arun):
    notices = studio.status.notices
    page = "<html><body><h1>503 Service Unavailable</h1><hr>nginx</body></html>"
    studio.engine.hub.notice("warning", text=f"could not check for a duplicate: {page}")
    arun(until(lambda: notices.banner.isVisible()))
    assert notices.text.text().endswith(page)
    assert notices.text.textFormat() == Qt.TextFormat.PlainText  # no 2-inch <h1> banner


def test_a_duplicate_check_lost_to_an_outage_is_listed_not_a_raw_banner(
        open_studio, sim, arun):
    window = open_studio(replace(FAST, duplicate_sweep_delay=1.0))
    window.session.client.retry = RetryPolicy(attempts=2, base_delay=0.02, max_delay=0.1)
    notices = window.status.notices
    sim.set_knobs(drop_create_next=1, list_lag_seconds=2.0)  # a lost answer, a lagging list
    submit(window, "A create answer lost in a lagging list")
    journal = window.session.journal
    arun(until(lambda: any(i.ambiguous_sends and i.task_id for i in journal.items())))
    sim.set_knobs(outage_seconds=600)  # the later look for a duplicate meets a gateway page
    arun(until(lambda: any(w.key.startswith("check-duplicate") for w in notices.entries())))
    sim.set_knobs(outage_seconds=0, list_lag_seconds=0.0)
    check = next(w for w in notices.entries() if w.key.startswith("check-duplicate"))
    assert check.text.startswith("Could not yet check whether clip #")
    assert "<html" not in check.text and not check.banner  # the server banner says the rest
    assert notices.text.text() != check.text
