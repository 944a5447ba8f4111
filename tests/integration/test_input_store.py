"""Input images live once, by content, beside the journal; requests refer to them."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time

from airforce_studio.api import InputImage, TaskRequest
from airforce_studio.core.journal import ItemState
from tests.helpers import png_bytes
from tests.integration.engine_kit import drive, run_all


def test_images_are_stored_once_and_sent_whole(sim, key):
    data = png_bytes(1280, 720, seed=3)
    digest = hashlib.sha256(data).hexdigest()
    request = TaskRequest(model="kling-1", prompt="the blocks take off", mode="image",
                          duration_seconds=5,
                          input_images=(InputImage(b64_json=base64.b64encode(data).decode()),))

    async def body(session):
        await run_all(session, request, count=2)
        items = session.journal.items()
        assert [i.state for i in items] == [ItemState.ARCHIVED] * 2
        for item in items:
            assert item.request["input_images"] == [{"stored": digest}]
            assert len(item.request_json) < 1000  # no base64 in the row
            sidecar = session.library.absolute(item.file).with_suffix(".json")
            record = json.loads(sidecar.read_text())
            assert record["request"]["input_images"] == [{"stored": digest}]
            assert record["input_images_sha256"] == [digest]
        stored = session.paths.inputs_dir / digest[:2] / digest
        assert stored.read_bytes() == data  # one file for both variations
        assert session.engine.read_input_image(items[0].request["input_images"][0]) == data
        return stored

    stored = drive(sim, key, body)
    assert len(sim.tasks(key)) == 2

    # Nothing refers to it once the items are cleared and their clips deleted.
    async def tidy(session):
        for item in session.journal.items():
            session.library.delete(item.task_id)
        session.engine.clear_finished()
        old = time.time() - 7200
        os.utime(stored, (old, old))
        await session.engine.start()
        await session.engine._tasks[-1]  # the tidy-up task
        assert not stored.exists()

    drive(sim, key, tidy)
