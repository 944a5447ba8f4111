"""The queue in real order (drag, move, pause, clear) and the non-modal notices."""

from __future__ import annotations

import asyncio
import time
from dataclasses import replace

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QMenu, QMessageBox

from airforce_studio.core.journal import ItemState
from airforce_studio.ui import keymap
from airforce_studio.ui.formatting import money
from airforce_studio.ui.queue_model import COLUMN_IDS
from tests.gui.conftest import until
from tests.integration.engine_kit import FAST, open_session


def submit(window, prompt: str, model: str = "hailuo-fast", count: int = 1) -> None:
    editor = window.editor
    editor.model_box.setCurrentIndex(editor.model_box.findData(model))
    editor.prompt.setPlainText(prompt)
    editor.count.setValue(count)
    editor.try_submit()


def prompts(window, ids) -> list[str]:
    return [window.session.journal.get(i).prompt for i in ids]


def modal_boxes() -> list:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox | QDialog) and w.isVisible()]


def test_keymap_gives_no_key_to_two_actions(studio):
    keys = [QKeySequence(k).toString(QKeySequence.SequenceFormat.PortableText)
            for binding in keymap.KEYMAP for k in binding.keys]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    assert len({b.id for b in keymap.KEYMAP}) == len(keymap.KEYMAP)
    owners: dict[str, str] = {}  # every live shortcut of the window, from the table
    table = set(keys)
    for thing in studio.findChildren(QAction) + studio.findChildren(QShortcut):
        sequences = thing.shortcuts() if isinstance(thing, QAction) else [thing.key()]
        for sequence in sequences:
            text = sequence.toString(QKeySequence.SequenceFormat.PortableText)
            if not text:
                continue
            assert text in table, f"{thing.objectName() or thing} uses {text} outside KEYMAP"
            name = thing.objectName() or repr(thing)
            assert owners.setdefault(text, name) == name or isinstance(thing, QShortcut), \
                f"{text}: {owners[text]} and {name}"
    assert {"Ctrl+P", "Ctrl+Q", "F1", "Ctrl+Up"} <= set(owners)
    box = studio.show_shortcuts()
    assert "Pause / resume sending the queue" in box.text() and "Queue focused" in box.text()
    box.close()


def test_drag_reorder_changes_dispatch_order(open_studio, sim, key, arun):
    window = open_studio(replace(FAST, max_in_flight=1))
    window.queue.pause_button.click()  # hold dispatch while we arrange the queue
    assert window.engine.pause_reasons.get("user")
    for prompt in ("first", "second", "third"):
        submit(window, prompt)
    model = window.queue.model
    arun(until(lambda: len(model.waiting_ids()) == 3))
    assert prompts(window, model.waiting_ids()) == ["first", "second", "third"]
    assert model.status_text(model.item_at(model.row_of(
        model.waiting_ids()[0]))) == "Paused (#1)"
    third = model.waiting_ids()[2]
    mime = model.mimeData([model.index(model.row_of(third), 0)])
    top = model.row_of(model.waiting_ids()[0])
    model.dropMimeData(mime, Qt.DropAction.MoveAction, top, 0, QModelIndex())  # what a drop does
    arun(until(lambda: prompts(window, model.waiting_ids()) == ["third", "first", "second"]))
    dispatch = [i.prompt for i in window.session.journal.items([ItemState.QUEUED])]
    assert dispatch == ["third", "first", "second"]
    window.queue.select_item(model.waiting_ids()[1])  # "first": one place down
    window.queue.actions_["down"].trigger()
    arun(until(lambda: prompts(window, model.waiting_ids()) == ["third", "second", "first"]))
    window.queue.pause_button.click()
    arun(until(lambda: window.session.library.count() == 3, timeout=60))
    sent = sorted(sim.tasks(key), key=lambda t: t["completed_at"] or 0)
    assert [t["spec"].prompt for t in sent] == ["third", "second", "first"]


def test_pause_holds_dispatch_until_resumed(studio, sim, key, arun):
    window = studio
    window.menu_actions["pauseQueue"].trigger()
    assert window.queue.pause_button.isChecked()
    assert window.queue.pause_action.text() == "Resume queue"
    submit(window, "held back", count=2)
    arun(until(lambda: len(window.queue.model.waiting_ids()) == 2))
    arun(asyncio.sleep(1.0))
    assert sim.tasks(key) == []  # nothing left the machine while paused
    assert window.editor.submit.isEnabled()  # Generate stays usable: clips wait locally
    window.menu_actions["pauseQueue"].trigger()
    assert not window.queue.pause_button.isChecked()
    arun(until(lambda: window.session.library.count() == 2, timeout=60))


def test_clear_finished_removes_only_finished_rows(studio, sim, key, arun, open_studio):
    window = studio
    submit(window, "done soon")
    arun(until(lambda: window.session.library.count() == 1))
    window.queue.pause_button.click()
    submit(window, "to remove")
    submit(window, "still waiting")
    model = window.queue.model
    arun(until(lambda: len(model.waiting_ids()) == 2))
    window.queue.select_item(model.waiting_ids()[0])
    window.queue.actions_["remove"].trigger()
    arun(until(lambda: len(model.waiting_ids()) == 1))
    assert model.rowCount() == 3
    cancelled = next(i for i in model.items() if i.state == ItemState.CANCELLED)
    assert model.cost_text(cancelled) == "not charged"
    archived = next(i for i in model.items() if i.state == ItemState.ARCHIVED)
    assert model.cost_text(archived) == money(50)
    window.menu_actions["clearFinished"].trigger()
    assert [i.prompt for i in model.items()] == ["still waiting"]
    assert window.session.library.count() == 1  # the clip itself stays in the library
    window.close()
    arun(window.session.aclose())
    again = open_studio(start=False)
    assert [i.prompt for i in again.queue.model.items()] == ["still waiting"]


def test_server_trouble_is_a_banner_with_a_countdown_and_retry(studio, arun):
    window = studio
    notices = window.status.notices
    window.engine.hub.notice("server-trouble", request_kind="create", status=502, body="html",
                             host="api.example", error="HTTP 502", next_try_at=time.time() + 12,
                             failures=3)
    arun(until(lambda: notices.banner.isVisible()))
    text = notices.text.text()
    assert "The server is not answering (HTTP 502, an HTML page)." in text
    assert "Next try in 12 s" in text or "Next try in 11 s" in text
    assert notices.action.isVisible() and notices.action.text() == "Retry now"
    assert notices.badge.text() == "Notices (1)" and not modal_boxes()
    arun(until(lambda: "Next try in 10 s" in notices.text.text(), timeout=5))
    window.engine.hub.notice("server-ok", request_kind="create")
    arun(until(lambda: not notices.banner.isVisible()))
    assert len(notices.entries()) == 1  # still listed


def test_a_failing_server_shows_its_answer_and_retry_now_sends(studio, sim, key, arun):
    window = studio
    notices = window.status.notices
    sim.set_knobs(error_5xx_fraction=1.0)
    submit(window, "through the outage")
    arun(until(lambda: notices.get("server") is not None))
    assert "The server is not answering (HTTP 503" in notices.get("server").text
    assert any(when in notices.get("server").text for when in ("Next try in",
                                                               "Trying again now"))
    assert not modal_boxes()
    assert notices.banner.isVisible() and notices.action.text() == "Retry now"
    window.editor.prompt.setPlainText("typed during the outage")
    assert window.editor.submit.isEnabled()  # Generate stays usable: clips wait locally
    window.editor.try_submit()
    arun(until(lambda: len(window.queue.model.items()) == 2))
    sim.set_knobs(error_5xx_fraction=0.0)
    notices.action.click()  # Retry now
    arun(until(lambda: window.session.library.count() == 2, timeout=60))
    arun(until(lambda: notices.get("server").banner is False))


def test_notices_are_worded_by_the_window_and_never_modal(studio, arun):
    window = studio
    hub, notices = window.engine.hub, window.status.notices
    hub.notice("paid-twice", item_id=4, duplicate_item_id=5, task_ids=("a", "b"))
    hub.notice("needs-attention", item_id=6, step="download", error="disk said no")
    hub.notice("failed", item_id=7, task_id="t7", why="content policy", charged=True)
    window.engine.pause("account", "payment required")
    arun(until(lambda: len(notices.entries()) == 4))
    texts = [w.text for w in notices.entries()]
    assert any("paid twice" in t and "#5" in t for t in texts)
    assert any("needs attention (download): disk said no" in t for t in texts)
    assert any("keeps the charge" in t for t in texts)
    assert notices.text.text() == "Sending is paused: payment required"
    assert window.queue.model.paused == "payment required"  # rows say "Paused (#n)"
    assert not window.queue.pause_button.isChecked()  # the button is the user's own pause
    assert notices.action.text() == "Resume sending"
    notices.action.click()
    assert "account" not in window.engine.pause_reasons
    arun(until(lambda: notices.get("paused-account").banner is False))
    notices.dismiss.click()
    assert notices.badge.isVisible()
    notices.badge.click()
    assert notices.list.isVisible() and notices.list.count() == 4
    assert not modal_boxes()


def test_a_start_with_three_lost_tasks_shows_one_summary_and_keeps_sending(
        sim, key, arun, open_studio):
    sim.set_knobs(task_seconds=60.0)

    async def send_three():
        session = open_session(sim, key)
        await session.engine.start()
        await session.engine.submit(_request("lost one"), 3)
        await until(lambda: all(i.task_id for i in session.journal.items()))
        await session.aclose()

    arun(send_three())
    sim.call(lambda: [sim.state.delete(t) for t in sim.state.account(key).tasks.values()])
    sim.set_knobs(task_seconds=0.4)
    window = open_studio(replace(FAST, adopt_unknown=False))
    notices = window.status.notices
    arun(until(lambda: notices.get("lost-last-session") is not None
               and "3 clip(s)" in notices.get("lost-last-session").text))
    assert [w.key for w in notices.entries()] == ["lost-last-session"]
    assert notices.text.text() == ("3 clip(s) from the last session are lost at the provider "
                                   "(not refunded).")
    assert not modal_boxes()
    lost = [i for i in window.queue.model.items() if i.state == ItemState.LOST]
    assert len(lost) == 3 and window.queue.model.cost_text(lost[0]) == "charged " + money(50)
    submit(window, "after the loss")
    arun(until(lambda: window.session.library.count() == 1))


def _request(prompt: str):
    from airforce_studio.api.types import TaskRequest

    return TaskRequest(model="hailuo-fast", prompt=prompt, duration_seconds=5)


def test_ctrl_q_with_clips_in_flight_says_so_once_then_closes(studio, sim, key, arun):
    window = studio
    sim.set_knobs(task_seconds=30.0)
    submit(window, "still rendering", count=2)
    arun(until(lambda: window.in_flight() == 2))
    window.menu_actions["quit"].trigger()
    window.menu_actions["quit"].trigger()  # a second Ctrl+Q does not say it twice
    note = window.status.notices.get("quit")
    assert note is not None and note.text.startswith("2 clip(s) keep rendering at the provider")
    assert not window.closed.done() and not modal_boxes()
    arun(window.closed)  # closes by itself once the note was shown
    assert not window.isVisible()
    assert [i.state for i in window.session.journal.items()] == [ItemState.FOLLOWING] * 2


def test_the_recovery_report_is_one_quiet_summary(studio, arun):
    window = studio
    notices = window.status.notices
    window.engine.hub.notice("recovery-report", reattached=2, requeued=1, lost=3, paid_twice=0,
                             failed=0, needs_attention=0, lost_items=(7, 8, 9))
    arun(until(lambda: notices.get("recovery") is not None))
    assert notices.get("recovery").text == ("The last session was picked up: 2 clip(s) "
                                            "re-attached, 1 sent again (never reached the "
                                            "provider).")
    assert notices.get("recovery").banner is False  # listed, not shouted
    assert notices.text.text() == ("3 clip(s) from the last session are lost at the provider "
                                   "(not refunded).")
    assert not modal_boxes()


def _answer(name: str, button) -> None:
    box = next(w for w in QApplication.topLevelWidgets() if w.objectName() == name
               and w.isVisible())
    box.button(button).click()


def test_row_actions_retry_once_and_delete_a_running_clip_at_the_provider(studio, sim, key, arun):
    window = studio
    queue, model = window.queue, window.queue.model
    sim.set_knobs(fail_fraction=1.0)
    submit(window, "fails first")
    arun(until(lambda: any(i.state == ItemState.FAILED for i in model.items())))
    failed = next(i for i in model.items() if i.state == ItemState.FAILED)
    assert model.cost_text(failed) == "refunded"
    sim.set_knobs(fail_fraction=0.0, task_seconds=30.0)
    queue.select_item(failed.id)
    queue.actions_["retry"].trigger()
    arun(until(lambda: any(w.objectName() == "retryDialog" and w.isVisible()
                           for w in QApplication.topLevelWidgets())))
    _answer("retryDialog", QMessageBox.StandardButton.Yes)
    arun(until(lambda: failed.id in model.retried))
    new_id = model.retried[failed.id]
    assert model.status_text(model.item_at(model.row_of(failed.id))).endswith(
        f"retried as #{new_id}")
    queue.select_item(failed.id)
    assert not queue.actions_["retry"].isEnabled()  # once per row
    assert queue.actions_["retry"].text() == f"Retried as #{new_id}"
    arun(until(lambda: window.session.journal.get(new_id).state == ItemState.FOLLOWING))
    queue.select_item(new_id)
    delete = queue.actions_["deleteRemote"]
    assert delete.isEnabled() and delete.text() == "Delete at provider (no refund)…"
    assert "cannot be cancelled" in delete.toolTip()
    assert not queue.actions_["remove"].isEnabled() and queue.actions_["remove"].toolTip()
    delete.trigger()
    arun(until(lambda: any(w.objectName() == "deleteRemoteDialog" and w.isVisible()
                           for w in QApplication.topLevelWidgets())))
    box = next(w for w in QApplication.topLevelWidgets()
               if w.objectName() == "deleteRemoteDialog" and w.isVisible())
    assert "fails first" in box.text() and "NO refund" in box.text()
    _answer("deleteRemoteDialog", QMessageBox.StandardButton.Yes)
    task_id = window.session.journal.get(new_id).task_id
    arun(until(lambda: any(t["task_id"] == task_id and t["deleted"] for t in sim.tasks(key))))


def test_counted_notices_read_as_english_with_the_english_catalogue(qapp):
    from airforce_studio.ui import i18n
    from airforce_studio.ui.notice_text import lost_summary

    i18n.install(qapp, "en")
    try:
        assert lost_summary(1) == ("1 clip from the last session is lost at the provider "
                                   "(not refunded).")
        assert lost_summary(3).startswith("3 clips from the last session are lost")
    finally:
        i18n.uninstall(qapp)
    assert lost_summary(3).startswith("3 clip(s)")  # the source text, without a catalogue


def test_queue_prompt_is_readable_and_columns_can_be_shown_and_are_remembered(
        open_studio, arun):
    from airforce_studio.ui import window_layout

    window = open_studio(start=False)
    window.show()
    window.resize(1200, 760)
    window.queue.pause_button.click()
    prompt = "Paper boat drifting down a gutter stream, macro lens"
    submit(window, prompt, model="kling-1")
    arun(until(lambda: window.queue.model.rowCount() == 1))
    view = window.queue.view
    header = view.horizontalHeader()
    column = COLUMN_IDS.index
    assert [c for c in COLUMN_IDS if header.isSectionHidden(column(c))] == [
        "duration", "aspect", "quality"]
    shown = [header.sectionSize(column(c)) for c in COLUMN_IDS
             if not header.isSectionHidden(column(c))]
    assert header.sectionSize(0) == max(shown)  # the prompt is the widest column
    status_width = header.sectionSize(column("status"))
    assert status_width > view.fontMetrics().horizontalAdvance("Queued at provider")
    tip = window.queue.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert prompt in tip and "kling-1 · 5 s · 16:9 · 720p" in tip  # what hidden columns say
    header.customContextMenuRequested.emit(header.rect().center())  # right-click the header
    menu = next(m for m in window.queue.findChildren(QMenu) if m.isVisible())
    aspect = next(a for a in menu.actions() if a.text() == "Aspect")
    assert not aspect.isChecked() and "Prompt" not in [a.text() for a in menu.actions()]
    aspect.trigger()
    assert not header.isSectionHidden(column("aspect"))
    menu.close()
    window_layout.save(window)  # on close; the next start restores it
    header.setSectionHidden(column("aspect"), True)
    window_layout.restore(window)
    assert not header.isSectionHidden(column("aspect"))
    assert header.isSectionHidden(column("quality"))


def test_expires_in_follows_the_servers_clock(studio, sim, arun):
    """A server three hours behind ours: a fresh clip still has about 24 h, not 21 h."""
    sim.set_knobs(clock_offset_seconds=-3 * 3600.0)
    submit(studio, "clock check")
    model = studio.queue.model
    expires = COLUMN_IDS.index("expires")
    arun(until(lambda: model.rowCount() == 1 and model.index(0, expires).data()))
    assert model.index(0, expires).data().startswith(("23 h", "24 h"))
