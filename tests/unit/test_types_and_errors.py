"""Request validation, response parsing and error building, without a server."""

from __future__ import annotations

import httpx
import pytest

from airforce_studio.api import (
    AuthError,
    InputImage,
    Model,
    PaymentRequired,
    ProtocolError,
    RateLimited,
    RequestInvalid,
    ServerError,
    Task,
    TaskRequest,
    TaskStatus,
    UnsafeUrl,
)
from airforce_studio.api.errors import ApiError, error_from_response, parse_retry_after
from airforce_studio.api.origin import OriginBearerAuth, normalize_api_base, origin_of
from airforce_studio.simulator.catalog import models_payload

MODELS = {m.id: m for m in (Model.from_json(d) for d in models_payload()["data"]) if m}
IMAGE = InputImage(b64_json="aGVsbG8=")


@pytest.mark.parametrize(("request_", "field", "needle"), [
    (TaskRequest(model="wan-2.6", prompt="  "), "prompt", "empty"),
    (TaskRequest(model="kling-1", prompt="x", mode="reference", input_images=(IMAGE,)), "mode",
     "text, image"),
    (TaskRequest(model="wan-2.6", prompt="x", mode="sketch"), "mode", "not one of"),
    (TaskRequest(model="wan-2.6", prompt="x", duration_seconds=11), "duration_seconds", "5–10"),
    (TaskRequest(model="veo-lite", prompt="x", duration_seconds=5), "duration_seconds", "8–8"),
    (TaskRequest(model="wan-2.6", prompt="x", aspect_ratio="4:3"), "aspect_ratio",
     "16:9, 9:16, 1:1"),
    (TaskRequest(model="kling-1", prompt="x", quality="480p"), "quality", "720p, 1080p"),
    (TaskRequest(model="wan-2.6", prompt="x", mode="image"), "input_images", "exactly 1"),
    (TaskRequest(model="wan-2.6", prompt="x", mode="reference"), "input_images", "1–4"),
    (TaskRequest(model="wan-2.6", prompt="x", mode="reference", input_images=(IMAGE,) * 5),
     "input_images", "got 5"),
    (TaskRequest(model="wan-2.6", prompt="x", input_images=(IMAGE,)), "input_images", "text mode"),
    (TaskRequest(model="kling-1", prompt="x", sound=True), "sound", "does not produce sound"),
    (TaskRequest(model="hailuo-fast", prompt="x", seed=3), "seed", "does not take a seed"),
])
def test_request_validation_names_field_and_allowed_values(request_, field, needle):
    with pytest.raises(RequestInvalid) as caught:
        request_.validate(MODELS[request_.model])
    assert caught.value.field == field
    assert needle in str(caught.value)


def test_valid_requests_pass_and_serialise_without_nones():
    request = TaskRequest(model="wan-2.6", prompt="fox", duration_seconds=8, sound=True)
    request.validate(MODELS["wan-2.6"])
    assert request.to_json() == {"model": "wan-2.6", "prompt": "fox", "mode": "text",
                                 "duration_seconds": 8, "sound": True}
    # Unknown sound support (veo-lite) is offered, not refused.
    TaskRequest(model="veo-lite", prompt="x", sound=True, seed=1).validate(MODELS["veo-lite"])


def test_input_image_needs_exactly_one_source():
    with pytest.raises(RequestInvalid):
        InputImage()
    with pytest.raises(RequestInvalid):
        InputImage(url="https://x/y.png", b64_json="aa")


def test_task_parsing_tolerates_missing_and_unknown_fields():
    task = Task.from_json({"task_id": "vid_1", "status": "running", "progress": 12, "new": 1})
    assert task.status == TaskStatus.RUNNING and task.model is None
    merged = Task.from_json({"task_id": "vid_1", "status": "completed"}).merged_over(
        Task.from_json({"task_id": "vid_1", "status": "running", "model": "m", "progress": 90}))
    assert merged.status == TaskStatus.COMPLETED and merged.model == "m"
    for bad in ([], {"status": "queued"}, {"task_id": "v", "status": "melting"},
                {"task_id": "v", "status": "queued", "progress": "lots"}):
        with pytest.raises(ProtocolError):
            Task.from_json(bad)


def _response(status: int, body: bytes, ctype="application/json", **headers) -> httpx.Response:
    return httpx.Response(status, content=body, headers={"content-type": ctype, **headers},
                          request=httpx.Request("GET", "https://api.airforce/v1/models"))


def test_errors_from_responses_carry_the_server_message():
    err = error_from_response(_response(401, b'{"error":{"type":"x","message":"Bad key."}}'))
    assert isinstance(err, AuthError) and "Bad key." in str(err) and err.type == "x"
    assert isinstance(error_from_response(_response(402, b"{}")), PaymentRequired)
    limited = error_from_response(_response(429, b"{}", **{"retry-after": "7"}))
    assert isinstance(limited, RateLimited) and limited.retry_after == 7
    html = error_from_response(_response(502, b"<html><h1>Bad Gateway</h1></html>", "text/html"))
    assert isinstance(html, ServerError) and "HTML page" in str(html)
    assert type(error_from_response(_response(418, b""))) is ApiError


def test_retry_after_accepts_http_dates_and_rejects_nonsense():
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


@pytest.mark.parametrize("base", ["http://api.airforce", "ftp://x", "http://10.0.0.1:80",
                                  "api.airforce"])
def test_plain_http_is_refused_unless_loopback(base):
    with pytest.raises(UnsafeUrl):
        normalize_api_base(base)


def test_loopback_http_and_https_are_accepted():
    assert str(normalize_api_base("https://api.airforce/")) == "https://api.airforce"
    assert normalize_api_base("http://127.0.0.1:8080").port == 8080
    assert normalize_api_base("http://[::1]:8080").host == "::1"


def test_bearer_goes_only_to_the_api_origin():
    auth = OriginBearerAuth("sk-air-secret", origin_of(httpx.URL("https://api.airforce")))
    for url, expected in [("https://api.airforce/v1/models", True),
                          ("https://api.airforce:443/v1/x", True),
                          ("http://api.airforce/v1/models", False),
                          ("https://api.airforce:8443/v1/models", False),
                          ("https://cdn.api.airforce/video/x.mp4", False)]:
        request = httpx.Request("GET", url, headers={"Authorization": "Bearer stale"})
        sent = next(auth.auth_flow(request))
        assert ("Authorization" in sent.headers) is expected, url
    assert "secret" not in repr(auth)


def test_stored_requests_round_trip():
    request = TaskRequest(model="wan-2.6", prompt="fox", mode="reference", duration_seconds=7,
                          aspect_ratio="1:1", quality="720p", seed=3, sound=True,
                          input_images=(IMAGE, InputImage(url="https://x.example/a.png")))
    assert TaskRequest.from_json(request.to_json()) == request
