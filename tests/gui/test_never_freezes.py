"""The window never freezes: every dialog held open while four clips stream.

Before the loop rule, a modal `exec()` inside a coroutine or an engine callback wedged
qasync: other tasks failed with "Cannot enter into task …" and never resumed. Here each
dialog stays open 2 s; every stream must advance meanwhile, and a prompt submitted
during the first dialog must reach the library.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from dataclasses import replace

from PySide6.QtWidgets import QApplication, QMessageBox

from airforce_studio.app import key_checker, key_store_for
from airforce_studio.core.journal import ItemState
from airforce_studio.ui.crash import install_crash_handler
from airforce_studio.ui.first_run import FirstRunDialog
from airforce_studio.ui.tasks import spawn
from tests.gui.conftest import until
from tests.integration.engine_kit import FAST

HOLD = 2.0


def top_level(name: str):
    found = [w for w in QApplication.topLevelWidgets() if w.objectName() == name
             and w.isVisible()]
    return found[0] if found else None


def test_dialogs_held_open_never_stop_streams_or_sending(open_studio, sim, key, arun,
                                                          monkeypatch, caplog):
    caplog.set_level(logging.ERROR, logger="asyncio")
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    install_crash_handler()
    sim.set_knobs(task_seconds=30.0, max_in_flight=5)
    window = open_studio(replace(FAST, max_in_flight=5))
    editor = window.editor
    editor.model_box.setCurrentIndex(editor.model_box.findData("hailuo-fast"))
    editor.prompt.setPlainText("four streams")
    editor.count.setValue(4)
    editor.try_submit()
    journal = window.session.journal

    def streaming():
        return [i for i in journal.items() if i.prompt == "four streams"]

    arun(until(lambda: len(streaming()) == 4 and all(
        i.state == ItemState.FOLLOWING and i.progress for i in streaming())))
    first = streaming()[0]

    async def question(coro, name: str):
        job = spawn(coro)
        await until(lambda: top_level(name) is not None)
        return job, top_level(name)

    def server_progress() -> dict[str, int]:
        return sim.call(lambda: {t.task_id: t.progress or 0
                                 for t in sim.state.account(key).tasks.values()})

    async def hold(open_dialog, close_dialog, label: str) -> None:
        """Hold a dialog open; meanwhile the window must keep up with the server (a wedged
        loop would leave the journal at the progress it had when the dialog opened)."""
        shown = await open_dialog()
        await asyncio.sleep(HOLD)
        server = server_progress()
        behind = [(i.id, i.progress, server[i.task_id]) for i in streaming()
                  if i.state == ItemState.FOLLOWING and i.progress < server[i.task_id] - 10]
        await close_dialog(shown)
        assert not behind, f"streams stood still while the {label} was open: {behind}"

    async def scenario():
        async def open_retry():
            job, box = await question(window.clip_actions.retry(first), "retryDialog")
            sim.set_knobs(task_seconds=1.0)  # this one renders quickly, the four go on
            editor.prompt.setPlainText("sent while a dialog is open")
            editor.count.setValue(1)
            editor.state.submit()  # the editor model: the modal blocks only the mouse
            await until(lambda: "sent while a dialog is open" in [
                c.prompt for c in window.session.library.search()], timeout=20)
            return job, box

        async def answer_no(shown):
            job, box = shown
            assert box.isVisible()
            box.button(QMessageBox.StandardButton.No).click()
            assert await job == [] or await job is False

        await hold(open_retry, answer_no, "retry question")

        async def open_delete():
            return await question(window.clip_actions.delete_remote(
                first.task_id, first.prompt, running=True), "deleteRemoteDialog")

        await hold(open_delete, answer_no, "delete-at-provider question")

        async def open_key():
            return window.open_key_dialog()

        async def open_settings():
            return window.open_settings()

        async def open_first_run():
            dialog = FirstRunDialog(key_store_for(sim.api_base), key_checker(sim.api_base))
            dialog.open()
            return dialog

        async def reject(dialog):
            assert dialog.isVisible()
            dialog.reject()

        await hold(open_key, reject, "key dialog")
        await hold(open_settings, reject, "settings dialog")
        await hold(open_first_run, reject, "first-run dialog")

        async def open_crash():
            try:
                raise RuntimeError("a bug, on purpose")
            except RuntimeError:
                sys.excepthook(*sys.exc_info())
            return top_level("crashDialog")

        async def close_box(box):
            assert box is not None and box.isVisible()
            box.close()

        await hold(open_crash, close_box, "crash dialog")

        async def open_lost():
            window.engine.hub.notice("lost", item_id=first.id, task_id=first.task_id,
                                     why="the provider no longer knows this task")
            await until(lambda: window.status.notices.banner.isVisible())
            return window.status.notices

        async def dismiss(notices):
            assert "is lost at the provider" in notices.text.text()
            notices.dismiss.click()

        await hold(open_lost, dismiss, "lost notice")
        await hold(lambda: _coro(window.show_shortcuts()), close_box, "shortcuts list")
        await hold(lambda: _coro(window._about()), close_box, "about box")

    start = {i.id: i.progress for i in streaming()}
    arun(scenario(), timeout=90)
    moved = [i for i in streaming() if i.state != ItemState.FOLLOWING or i.progress
             >= start[i.id] + 40]
    assert len(moved) == 4, "the streams did not advance over the dialogs' 16 s"
    wedged = [r for r in caplog.records if "Cannot enter into task" in r.getMessage()]
    assert not wedged


async def _coro(value):
    return value
