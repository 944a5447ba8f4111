"""The bad-input corpus: every case gets a clear error, nothing crashes, nothing is lost."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from airforce_studio.api import (
    ApiClient,
    AuthError,
    InputImage,
    NotFound,
    PaymentRequired,
    RequestInvalid,
    TaskRequest,
    TaskStatus,
    UnsafeUrl,
)
from airforce_studio.api.errors import ApiError
from airforce_studio.api.retry import RetryPolicy
from airforce_studio.core.images import ImageRejected, fetch_image, prepare_file
from airforce_studio.core.journal import ItemState
from tests.conftest import run
from tests.helpers import png_bytes
from tests.integration.engine_kit import drive, settle

FAST = RetryPolicy(attempts=2, base_delay=0.01, max_delay=0.02)
IMG = InputImage(b64_json="aGVsbG8=")


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims enormous dimensions (a decompression bomb)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b""))


IMAGE_CASES: dict[str, tuple[Callable[[Path], Path], str]] = {
    "text file": (lambda d: _write(d / "a.png", b"hello"), "not an image"),
    "empty file": (lambda d: _write(d / "e.png", b""), "is empty"),
    "truncated png": (lambda d: _write(d / "t.png", png_bytes(300, 300)[:200]), "truncated"),
    "pixel bomb": (lambda d: _write(d / "b.png", png_claiming(60_000, 60_000)), "pixels"),
    "folder": (lambda d: (d / "dir.png").mkdir() or d / "dir.png", "is a folder"),
    "missing": (lambda d: d / "missing.png", "does not exist"),
    "pdf": (lambda d: _write(d / "doc.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n"), "not an image"),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", sorted(IMAGE_CASES))
def test_bad_images_are_rejected_clearly(case, tmp_path):
    make, needle = IMAGE_CASES[case]
    with pytest.raises(ImageRejected, match=needle):
        prepare_file(make(tmp_path))


def test_image_url_that_404s():
    transport = httpx.MockTransport(lambda request: httpx.Response(404, text="Not Found"))
    with pytest.raises(ImageRejected, match="HTTP 404"):
        run(fetch_image("https://images.example.com/gone.png", transport=transport))


CAPS_CASES = {
    "empty prompt": (TaskRequest(model="wan-2.6", prompt=""), "prompt"),
    "blank prompt": (TaskRequest(model="wan-2.6", prompt=" \n\t "), "prompt"),
    "mode the model lacks": (TaskRequest(model="kling-1", prompt="x", mode="reference",
                                         input_images=(IMG,)), "mode"),
    "duration too long": (TaskRequest(model="kling-1", prompt="x", duration_seconds=11),
                          "duration_seconds"),
    "duration too short": (TaskRequest(model="wan-2.6", prompt="x", duration_seconds=1),
                           "duration_seconds"),
    "aspect the model lacks": (TaskRequest(model="wan-2.6", prompt="x", aspect_ratio="4:3"),
                               "aspect_ratio"),
    "quality the model lacks": (TaskRequest(model="kling-1", prompt="x", quality="480p"),
                                "quality"),
    "sound the model lacks": (TaskRequest(model="hailuo-fast", prompt="x", sound=True), "sound"),
    "seed the model lacks": (TaskRequest(model="hailuo-fast", prompt="x", seed=1), "seed"),
    "image mode without image": (TaskRequest(model="wan-2.6", prompt="x", mode="image"),
                                 "input_images"),
    "five references": (TaskRequest(model="wan-2.6", prompt="x", mode="reference",
                                    input_images=(IMG,) * 5), "input_images"),
}


@pytest.mark.parametrize("case", sorted(CAPS_CASES))
def test_settings_a_model_lacks_are_refused_before_sending(sim, key, case):
    request, field = CAPS_CASES[case]

    async def body(session):
        with pytest.raises(RequestInvalid) as caught:
            await session.engine.submit(request)
        assert caught.value.field == field
        assert session.journal.items() == []

    drive(sim, key, body)
    assert sim.tasks(key) == []


def test_100_kb_prompt_is_refused_by_the_server_without_charge(sim, key):
    async def body(session):
        await session.engine.start()
        [item] = await session.engine.submit(TaskRequest(model="hailuo-fast",
                                                         prompt="fox " * 25_000))
        await settle(session)
        item = session.journal.get(item.id)
        assert item.state == ItemState.FAILED and "longer than" in item.error
        assert session.journal.ledger() == []

    drive(sim, key, body)
    assert sim.tasks(key) == []


@pytest.mark.parametrize(("kind", "needle"), [("html", "HTML page"),
                                              ("truncated", "not valid JSON"),
                                              ("wrongtype", "list is not")])
def test_bodies_that_are_not_the_contract(sim, key, kind, needle):
    sim.set_knobs(garbage_next=5, garbage_kind=kind)

    async def main():
        async with ApiClient(sim.api_base, key, retry=FAST) as client:
            await client.list_tasks()

    with pytest.raises(ApiError, match=needle):
        run(main())


def test_multi_megabyte_sse_lines_and_unknown_events_are_handled(sim, key):
    sim.set_knobs(sse_pad_bytes=3_000_000, sse_quirks=True)

    async def main():
        async with ApiClient(sim.api_base, key, retry=FAST) as client:
            created = await client.create_task(TaskRequest(model="hailuo-fast", prompt="x"))
            return [t async for t in client.stream_task(created.task_id)]

    updates = run(main())
    assert updates[-1].status == TaskStatus.COMPLETED and updates[-1].result_url


CALLS = {
    "list_models": lambda c: c.list_models(),
    "create_task": lambda c: c.create_task(TaskRequest(model="wan-2.6", prompt="x")),
    "get_task": lambda c: c.get_task("vid_x"),
    "list_tasks": lambda c: c.list_tasks(),
    "delete_task": lambda c: c.delete_task("vid_x"),
    "stream_task": lambda c: _drain(c.stream_task("vid_x")),
}


async def _drain(iterator):
    return [item async for item in iterator]


@pytest.mark.parametrize("call", sorted(CALLS))
def test_401_for_each_call(sim, call):
    async def main():
        async with ApiClient(sim.api_base, "sk-air-bogus", retry=FAST) as client:
            await CALLS[call](client)

    with pytest.raises(AuthError, match="check the API key"):
        run(main())


@pytest.mark.parametrize("call", ["get_task", "delete_task", "stream_task"])
def test_404_for_each_call_on_a_task(sim, key, call):
    async def main():
        async with ApiClient(sim.api_base, key, retry=FAST) as client:
            await CALLS[call](client)

    with pytest.raises(NotFound, match="vid_x"):
        run(main())


def test_402_on_create(sim, key):
    sim.call(lambda: setattr(sim.state.account(key), "balance_cents", 0))

    async def main():
        async with ApiClient(sim.api_base, key, retry=FAST) as client:
            await CALLS["create_task"](client)

    with pytest.raises(PaymentRequired, match="balance"):
        run(main())


def test_task_id_with_path_separators_stays_inside_the_tasks_route(sim, key):
    async def main():
        async with ApiClient(sim.api_base, key, retry=FAST) as client:
            await client.get_task("../../_sim/state")

    with pytest.raises(NotFound):
        run(main())


def test_plain_http_result_url_under_an_https_api_is_refused(tmp_path):
    async def main():
        async with ApiClient("https://api.airforce", "sk-air-x") as client:
            await client.download("http://cdn.example.com/v.mp4", tmp_path / "dl" / "v.mp4")

    with pytest.raises(UnsafeUrl, match="only https"):
        run(main())
    assert not (tmp_path / "dl").exists()

