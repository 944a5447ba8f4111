"""What the window says when the account or a gateway stops a batch: a revoked key (401)
offers the key dialog (opened without exec()) and the queue goes on with a working key,
paying once; a notice quoting a gateway's HTML page shows it as text, never rendered."""

from __future__ import annotations

from PySide6.QtCore import Qt

from airforce_studio.ui.key_dialog import KeyDialog
from tests.gui.conftest import until
from tests.gui.test_queue_and_notices import modal_boxes, submit


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
    dialog.key.setText(key)
    dialog.save.click()
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
