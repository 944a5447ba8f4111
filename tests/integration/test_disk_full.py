"""A real full disk (a tiny tmpfs as the data folder): the queue stops once, loudly, loses
nothing and pays nothing twice; after space is freed the next start finishes the work."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
from pathlib import Path

import pytest

from airforce_studio.core.events import EngineNotice
from airforce_studio.core.journal import ItemState
from airforce_studio.core.session import Session
from tests.integration.engine_kit import FOX, drive, settle


@pytest.fixture
def tiny_disk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """XDG_DATA_HOME on a 640 KiB tmpfs; `grow()` makes room as a user freeing space would."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=640k", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    monkeypatch.setenv("XDG_DATA_HOME", str(mount))

    def grow() -> None:
        subprocess.run(["mount", "-o", "remount,size=64m", str(mount)], check=True)

    yield grow
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_disk_full_stops_the_queue_once_and_resume_finishes(sim, key, tiny_disk):
    count = 10

    async def first(session: Session):
        seen: list[EngineNotice] = []
        session.engine.subscribe(lambda e: isinstance(e, EngineNotice) and seen.append(e))
        await session.engine.start()
        await session.engine.submit(FOX, count)
        await asyncio.wait_for(session.engine.wait_idle(), 120)
        assert session.engine.local_error is not None
        trouble = [n for n in seen if n.kind == "local-trouble"]
        assert len(trouble) == 1 and trouble[0].get("what") == "disk-full"
        assert "local" in session.engine.pause_reasons
        assert not [n for n in seen if n.kind in ("lost", "needs-attention", "failed")]
        states = [i.state for i in session.journal.items()]
        assert len(states) == count
        assert any(not s.is_final for s in states)  # the rest waits in the journal

    drive(sim, key, first)
    created_before = len(sim.tasks(key))
    assert created_before < count + 1
    tiny_disk()

    async def second(session: Session):
        await session.engine.start()
        items = await settle(session, 120)
        assert [i.state for i in items] == [ItemState.ARCHIVED] * count, [
            (i.state, i.error) for i in items]
        return items

    items = drive(sim, key, second)
    tasks = sim.tasks(key)
    assert len(tasks) == count  # every clip paid exactly once
    assert {i.task_id for i in items} == {t["task_id"] for t in tasks}
    staging = [p for p in Path(os.environ["XDG_DATA_HOME"]).rglob("*.part")]
    assert not staging


def test_cli_on_a_full_disk_exits_4_in_one_line_and_resume_finishes(sim, key, tiny_disk):
    from tests.integration.test_cli import cli, json_lines

    done = cli(sim, key, "generate", "a fox on a tiny disk", "--model", "hailuo-fast",
               "--count", "10", "--json")
    assert done.returncode == 4, done.stderr[-2000:]
    assert len(done.stderr.encode()) < 10_000 and "Traceback" not in done.stderr
    assert "disk full" in done.stderr and "resume" in done.stderr
    tiny_disk()
    resumed = cli(sim, key, "resume", "--json")
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    archived = [line for line in json_lines(done.stdout + resumed.stdout)
                if line["status"] == "archived"]
    assert len({line["task_id"] for line in archived}) == 10
    assert len(sim.tasks(key)) == 10


def test_cli_on_a_disk_already_full_exits_4_without_a_traceback(sim, key, tiny_disk):
    from tests.integration.test_cli import cli

    filler = Path(os.environ["XDG_DATA_HOME"]) / "filler"
    with open(filler, "wb") as out, contextlib.suppress(OSError):
        while True:
            out.write(b"\0" * 65536)
    done = cli(sim, key, "generate", "a fox", "--model", "hailuo-fast")
    assert done.returncode == 4, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "disk full" in done.stderr
    assert not sim.tasks(key)
