"""What the banner says when a server answers garbage, and what it falls back to once a
server-trouble notice resolves (earlier testers' reports)."""

from __future__ import annotations

import time

from tests.gui.conftest import until
from tests.gui.test_queue_and_notices import modal_boxes, submit


def test_a_server_answering_garbage_is_not_called_silent(studio, sim, key, arun):
    window, notices = studio, studio.status.notices
    sim.set_knobs(garbage_next=1000, garbage_kind="truncated")  # HTTP 200, broken JSON
    submit(window, "an answer nobody can read")
    arun(until(lambda: notices.get("server") is not None))
    text = notices.get("server").text
    assert "The server's answers cannot be read (" in text and "not JSON" in text
    assert "not answering" not in text
    assert notices.banner.isVisible() and notices.action.text() == "Retry now"
    sim.set_knobs(garbage_next=0)
    notices.action.click()
    arun(until(lambda: window.session.library.count() == 1, timeout=60))
    assert not modal_boxes()


def test_a_resolved_server_notice_leaves_no_old_news_in_the_banner(studio, arun):
    window, notices = studio, studio.status.notices
    hub = window.engine.hub
    hub.notice("paid-twice", item_id=4, duplicate_item_id=5, task_ids=("a", "b"))
    arun(until(lambda: notices.get("paid-twice-4") is not None))
    assert notices.banner.isVisible() and "paid twice" in notices.text.text()
    hub.notice("server-trouble", request_kind="create", status=502, body="html",
               host="api.example", error="HTTP 502", next_try_at=time.time() + 30, failures=3)
    arun(until(lambda: "not answering" in notices.text.text()))
    hub.notice("server-ok", request_kind="create")
    arun(until(lambda: notices.get("server").banner is False))
    assert not notices.banner.isVisible()  # not the "paid twice" one again
    assert len(notices.entries()) == 2 and notices.badge.text() == "Notices (2)"
    hub.notice("needs-attention", item_id=6, step="download", error="disk said no")
    arun(until(lambda: notices.banner.isVisible()))  # new news still shows
    assert "needs attention" in notices.text.text()


def test_a_resolved_notice_gives_the_banner_back_to_a_condition_still_open(studio, arun):
    window, notices = studio, studio.status.notices
    hub = window.engine.hub
    hub.notice("local-trouble", what="disk-full", path="/data", waiting=2, at_provider=3)
    arun(until(lambda: notices.get("local") is not None))
    hub.notice("server-trouble", request_kind="create", status=503, host="api.example",
               error="HTTP 503", next_try_at=time.time() + 30, failures=3)
    arun(until(lambda: "not answering" in notices.text.text()))
    hub.notice("server-ok", request_kind="create")
    arun(until(lambda: "The disk is full" in notices.text.text()))  # still to act on
    text = notices.text.text()
    assert "2 clip(s) wait in the local queue." in text
    assert "3 clip(s) already sent are kept at the provider" in text
    assert notices.action.text() == "Resume sending"


def test_the_new_wordings_read_in_english_and_indonesian(qapp):
    from airforce_studio.core.events import EngineNotice
    from airforce_studio.ui import i18n
    from airforce_studio.ui.notice_text import server_trouble_text, word

    disk = EngineNotice("local-trouble", {"what": "disk-full", "path": "/d", "waiting": 1,
                                          "at_provider": 3})
    i18n.install(qapp, "en")
    try:
        text = word(disk, lambda _id: None).text
        assert "1 clip waits in the local queue." in text
        assert "3 clips already sent are kept at the provider" in text
    finally:
        i18n.uninstall(qapp)
    i18n.install(qapp, "id")
    try:
        garbage = server_trouble_text({"status": 200, "body": "not-json"})
        assert garbage.startswith("Jawaban server tidak bisa dibaca (HTTP 200, bukan JSON).")
        assert "3 klip yang sudah terkirim disimpan di penyedia" in word(disk, lambda _: None).text
    finally:
        i18n.uninstall(qapp)
