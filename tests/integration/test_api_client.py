"""The API client against the simulator over real loopback HTTP."""

from __future__ import annotations

import asyncio
import base64
import io

import numpy as np
import pytest
from PIL import Image

from airforce_studio.api import (
    ApiClient,
    AuthError,
    BadRequest,
    ConnectionFailed,
    InputImage,
    NotFound,
    PaymentRequired,
    ProtocolError,
    RateLimited,
    ServerError,
    TaskRequest,
    TaskStatus,
)
from airforce_studio.api.errors import ApiError
from airforce_studio.api.retry import RetryPolicy
from airforce_studio.core.media import probe_video
from tests.conftest import run
from tests.helpers import decoded_frame_count, first_frame, png_bytes, sha256, stream_types

FAST_RETRY = RetryPolicy(attempts=4, base_delay=0.01, max_delay=0.05)


def client_for(sim, key: str) -> ApiClient:
    return ApiClient(sim.api_base, key, retry=FAST_RETRY)


async def follow(client: ApiClient, task_id: str) -> list:
    return [update async for update in client.stream_task(task_id)]


async def finished(client: ApiClient, request: TaskRequest):
    """Create a task and follow it to its terminal update."""
    created = await client.create_task(request)
    return (await follow(client, created.task_id))[-1]


def test_models_lists_only_video_models_with_caps(sim, key):
    async def main():
        async with client_for(sim, key) as client:
            return await client.list_models()

    models = {m.id: m for m in run(main())}
    assert set(models) == {"wan-2.6", "kling-1", "veo-lite", "hailuo-fast"}
    assert models["wan-2.6"].supports_sound is True
    assert models["kling-1"].caps.modes == ("text", "image")
    assert models["veo-lite"].caps.durations == range(8, 9)
    assert models["veo-lite"].supports_sound is None  # unknown, not False
    assert models["wan-2.6"].cost_cents(8) == 320


def test_text_clip_end_to_end_streams_progress_and_downloads_real_mp4(sim, key, tmp_path):
    async def main():
        async with client_for(sim, key) as client:
            created = await client.create_task(TaskRequest(
                model="wan-2.6", prompt="A red fox darting across snowy hills", duration_seconds=5,
                aspect_ratio="9:16", sound=True, seed=7))
            updates = await follow(client, created.task_id)
            done = updates[-1]
            result = await client.download(done.result_url, tmp_path / "clip.mp4")
            return created, updates, result

    created, updates, result = run(main())
    assert created.status == TaskStatus.QUEUED and created.cost_cents == 200
    progress = [u.progress for u in updates if u.status == TaskStatus.RUNNING]
    assert progress == sorted(progress) and len(progress) >= 5
    assert updates[-1].status == TaskStatus.COMPLETED and updates[-1].result_url
    [server_task] = sim.tasks(key)
    assert result.sha256 == server_task["mp4_sha256"] == sha256(result.path)
    assert result.size == result.path.stat().st_size > 10_000
    assert probe_video(result.path) == pytest.approx(5.0, abs=0.2)
    assert stream_types(result.path) == ["video", "audio"]
    assert decoded_frame_count(result.path) == 60
    assert first_frame(result.path).shape == (320, 180, 3)  # 9:16, portrait
    assert not list(tmp_path.glob(".*.part"))


def test_image_mode_first_frame_is_the_uploaded_image(sim, key, tmp_path):
    png = png_bytes(640, 360, seed=3)

    async def main():
        async with client_for(sim, key) as client:
            done = await finished(client, TaskRequest(
                model="kling-1", mode="image", prompt="camera pulls back", duration_seconds=5,
                input_images=(InputImage(b64_json=base64.b64encode(png).decode()),)))
            return await client.download(done.result_url, tmp_path / "clip.mp4")

    result = run(main())
    frame = first_frame(result.path).astype(int)
    expected = np.asarray(Image.open(io.BytesIO(png)).convert("RGB").resize(
        (frame.shape[1], frame.shape[0]), Image.Resampling.BILINEAR)).astype(int)
    assert np.abs(frame - expected).mean() < 6
    other = np.asarray(Image.open(io.BytesIO(png_bytes(640, 360, seed=4))).convert("RGB")
                       .resize((frame.shape[1], frame.shape[0]))).astype(int)
    assert np.abs(frame - other).mean() > 20  # the comparison can tell images apart


def test_bad_key_is_auth_error_with_advice(sim):
    async def main():
        async with ApiClient(sim.api_base, "sk-air-not-a-sim-key", retry=FAST_RETRY) as client:
            await client.list_models()

    with pytest.raises(AuthError, match="check the API key"):
        run(main())


def test_server_side_validation_is_bad_request_with_server_message(sim, key):
    async def main():
        async with client_for(sim, key) as client:
            await client.create_task(TaskRequest(model="kling-1", prompt="x", quality="480p"))

    with pytest.raises(BadRequest, match="quality '480p' is not supported"):
        run(main())


def test_low_balance_is_payment_required(sim, key):
    sim.call(lambda: setattr(sim.state.account(key), "balance_cents", 100))

    async def main():
        async with client_for(sim, key) as client:
            await client.create_task(TaskRequest(model="wan-2.6", prompt="x"))

    with pytest.raises(PaymentRequired, match="top up"):
        run(main())
    assert sim.tasks(key) == []


def test_unknown_task_is_not_found_and_hostile_id_stays_one_path_segment(sim, key):
    async def main():
        async with client_for(sim, key) as client:
            for task_id in ("vid_nope", "../../v1/models", "a/b?c=d"):
                with pytest.raises(NotFound):
                    await client.get_task(task_id)

    run(main())
    paths = [r["path"] for r in sim.requests("api") if "nope" in r["path"] or "%2F" in r["path"]]
    assert "/v1/video/tasks/..%2F..%2Fv1%2Fmodels" in paths
    assert "/v1/video/tasks/a%2Fb%3Fc%3Dd" in paths


def test_fifth_task_in_flight_is_rate_limited_with_retry_after(sim, key):
    sim.set_knobs(task_seconds=30)

    async def main():
        async with client_for(sim, key) as client:
            for _ in range(4):
                await client.create_task(TaskRequest(model="hailuo-fast", prompt="x"))
            await client.create_task(TaskRequest(model="hailuo-fast", prompt="x"))

    with pytest.raises(RateLimited) as caught:
        run(main())
    assert caught.value.retry_after is not None and caught.value.retry_after >= 1
    assert len(sim.tasks(key)) == 4


def test_idempotent_calls_retry_through_5xx_and_429(sim, key):
    sim.set_knobs(error_5xx_next=2, rate_limit_next=1)

    async def main():
        async with ApiClient(sim.api_base, key,
                             retry=RetryPolicy(attempts=4, base_delay=0.01)) as client:
            return await client.list_models()

    assert len(run(main())) == 4
    assert sum(r["path"] == "/v1/models" for r in sim.requests("api")) >= 4


def test_5xx_past_the_retry_budget_is_server_error(sim, key):
    sim.set_knobs(error_5xx_next=10)

    async def main():
        async with client_for(sim, key) as client:
            await client.list_tasks()

    with pytest.raises(ServerError, match="503"):
        run(main())


def test_create_is_never_retried(sim, key):
    sim.set_knobs(error_5xx_next=1)
    before = len(sim.requests("api"))

    async def main():
        async with client_for(sim, key) as client:
            await client.create_task(TaskRequest(model="hailuo-fast", prompt="x"))

    with pytest.raises(ServerError):
        run(main())
    posts = [r for r in sim.requests("api")[before:] if r["method"] == "POST"]
    assert len(posts) == 1


def test_ambiguous_create_raises_connection_failed_but_task_exists(sim, key):
    sim.set_knobs(drop_create_next=1)

    async def main():
        async with client_for(sim, key) as client:
            await client.create_task(TaskRequest(model="hailuo-fast", prompt="x"))

    with pytest.raises(ConnectionFailed):
        run(main())
    assert len(sim.tasks(key)) == 1  # paid: the caller must reconcile, not re-send


@pytest.mark.parametrize(("kind", "needle"), [
    ("html", "HTML page"),
    ("truncated", "not valid JSON"),
    ("wrongtype", "list is not"),
])
def test_garbage_bodies_are_explained(sim, key, kind, needle):
    sim.set_knobs(garbage_next=10, garbage_kind=kind)

    async def main():
        async with client_for(sim, key) as client:
            await client.list_models()

    with pytest.raises(ApiError, match=needle) as caught:
        run(main())
    assert isinstance(caught.value, ProtocolError | ServerError)


def test_unreachable_server_is_connection_failed():
    async def main():
        async with ApiClient("http://127.0.0.1:9", "sk-air-sim-x", retry=FAST_RETRY) as client:
            await client.list_models()

    with pytest.raises(ConnectionFailed, match="cannot reach"):
        run(main())


def test_sse_quirks_are_parsed(sim, key):
    sim.set_knobs(sse_quirks=True)

    async def main():
        async with client_for(sim, key) as client:
            created = await client.create_task(TaskRequest(model="hailuo-fast", prompt="x"))
            return await follow(client, created.task_id)

    updates = run(main())
    assert updates[-1].status == TaskStatus.COMPLETED and updates[-1].result_url
    assert all(u.task_id == updates[0].task_id for u in updates)


def test_cut_stream_reconnects_and_finishes(sim, key):
    sim.set_knobs(cut_stream_after=3)

    async def main():
        async with client_for(sim, key) as client:
            created = await client.create_task(TaskRequest(model="hailuo-fast", prompt="x"))
            return created, await follow(client, created.task_id)

    created, updates = run(main())
    assert updates[-1].status == TaskStatus.COMPLETED
    streams = [r for r in sim.requests("api")
               if r["path"] == f"/v1/video/tasks/{created.task_id}/stream"]
    assert len(streams) >= 2
    assert any("Last-Event-ID" in r["headers"] for r in streams[1:])


def test_stream_of_finished_task_sends_one_terminal_event(sim, key):
    async def main():
        async with client_for(sim, key) as client:
            created = await client.create_task(TaskRequest(model="hailuo-fast", prompt="x"))
            await follow(client, created.task_id)
            return await follow(client, created.task_id)

    [only] = run(main())
    assert only.status == TaskStatus.COMPLETED


def test_failed_and_expired_tasks_are_refunded(sim, key):
    sim.set_knobs(fail_fraction=1.0)

    async def failing():
        async with client_for(sim, key) as client:
            created = await client.create_task(TaskRequest(model="hailuo-fast", prompt="x"))
            return (await follow(client, created.task_id))[-1]

    start = sim.balance(key)
    failed = run(failing())
    assert failed.status == TaskStatus.FAILED and "simulated failure" in failed.error.message
    sim.set_knobs(fail_fraction=0.0, ttl_seconds=0.2)
    expired = run(failing())
    assert expired.status == TaskStatus.EXPIRED
    assert sim.balance(key) == start


def test_list_filters_and_delete(sim, key):
    async def main():
        async with client_for(sim, key) as client:
            first = await client.create_task(TaskRequest(model="hailuo-fast", prompt="x"))
            await follow(client, first.task_id)
            second = await client.create_task(TaskRequest(model="hailuo-fast", prompt="y"))
            newest_first = await client.list_tasks(limit=10)
            completed = await client.list_tasks(status=TaskStatus.COMPLETED)
            one = await client.list_tasks(limit=1)
            await client.delete_task(first.task_id)
            with pytest.raises(NotFound):
                await client.get_task(first.task_id)
            return first, second, newest_first, completed, one

    first, second, newest_first, completed, one = run(main())
    assert [t.task_id for t in newest_first] == [second.task_id, first.task_id]
    assert [t.task_id for t in completed] == [first.task_id]
    assert [t.task_id for t in one] == [second.task_id]


def test_interrupted_download_resumes_with_range(sim, key, tmp_path):
    async def main():
        async with client_for(sim, key) as client:
            done = await finished(client, TaskRequest(model="wan-2.6", prompt="x",
                                                      duration_seconds=10))
            sim.set_knobs(truncate_downloads_next=1)
            return await client.download(done.result_url, tmp_path / "clip.mp4")

    result = run(main())
    [server_task] = sim.tasks(key)
    assert result.resumed
    assert result.sha256 == server_task["mp4_sha256"] == sha256(result.path)
    ranged = [r for r in sim.requests("cdn") if "Range" in r["headers"]]
    assert ranged and ranged[-1]["headers"]["Range"].startswith("bytes=")
    assert probe_video(result.path) > 9


def test_stalled_download_times_out_and_resumes(sim, key, tmp_path):
    import httpx

    from airforce_studio.api.download import download

    async def main():
        async with client_for(sim, key) as client:
            done = await finished(client, TaskRequest(model="wan-2.6", prompt="x",
                                                      duration_seconds=10))
        sim.set_knobs(stall_downloads_next=1)
        with httpx.Client(timeout=httpx.Timeout(5.0, read=0.5)) as files:
            return await download(files, done.result_url, tmp_path / "clip.mp4",
                                  policy=FAST_RETRY)

    result = run(main())
    [server_task] = sim.tasks(key)
    assert result.resumed and result.sha256 == server_task["mp4_sha256"]


def test_the_key_never_reaches_the_result_host(sim, key, tmp_path):
    async def main():
        async with client_for(sim, key) as client:
            done = await finished(client, TaskRequest(model="hailuo-fast", prompt="x"))
            await client.download(done.result_url, tmp_path / "a.mp4")
            await client.download(done.thumbnail_url, tmp_path / "a.jpg")
            # Even an absolute CDN URL through the API's own client gets no key.
            await client._http.get(done.result_url)

    run(main())
    cdn = sim.requests("cdn")
    assert len(cdn) >= 3
    assert not [r for r in cdn if "Authorization" in r["headers"]]
    assert all(key not in str(r) for r in cdn)
    api = [r for r in sim.requests("api") if r["path"].startswith("/v1/")]
    assert api and all(r["headers"].get("Authorization") for r in api)


def test_bad_signature_is_refused_without_retry_storm(sim, key, tmp_path):
    async def main():
        async with client_for(sim, key) as client:
            done = await finished(client, TaskRequest(model="hailuo-fast", prompt="x"))
            await client.download(done.result_url.replace("sig=", "sig=00"), tmp_path / "a.mp4")

    with pytest.raises(ApiError, match="403"):
        run(main())
    assert not (tmp_path / "a.mp4").exists()


def test_concurrent_streams_share_one_client(sim, key):
    async def main():
        async with client_for(sim, key) as client:
            created = [await client.create_task(TaskRequest(model="hailuo-fast", prompt=str(i)))
                       for i in range(4)]
            return await asyncio.gather(*(follow(client, c.task_id) for c in created))

    results = run(main())
    assert all(r[-1].status == TaskStatus.COMPLETED for r in results)
