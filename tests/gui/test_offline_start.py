"""A window started while its server is unreachable: usable offline, and it comes back
by itself when the server does (no restart, no click on Retry)."""

from __future__ import annotations

import socket

from airforce_studio.core.session import Session
from airforce_studio.simulator import Knobs, Simulator
from airforce_studio.simulator.server import new_key
from airforce_studio.ui import model_loading
from tests.gui.conftest import close_window, new_window, until
from tests.integration.engine_kit import FAST


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_models_arrive_by_themselves_when_the_server_comes_back(qloop, arun, monkeypatch):
    monkeypatch.setattr(model_loading, "RETRY_SECONDS", (0.3,))
    port = closed_port()
    session = Session.open(f"http://127.0.0.1:{port}", new_key(), config=FAST)

    class Offline:  # new_window wants the API base of a simulator that is not there yet
        api_base = f"http://127.0.0.1:{port}"

    window = new_window(session, Offline)
    try:
        arun(window._load_models())
        loading = window.editor.loading
        assert "Could not load models" in loading.text()
        assert "Trying again by itself" in loading.text()
        assert not window.editor.submit.isEnabled()  # no model: Generate waits, and says so
        with Simulator(Knobs(task_seconds=0.5), port=port):
            arun(until(lambda: window.property("modelsLoaded"), timeout=20))
            assert window.editor.current_model() is not None
            assert "Could not load" not in loading.text()
    finally:
        close_window(window, session, arun)


def test_a_refused_key_is_not_retried_by_itself(sim, qloop, arun, monkeypatch):
    monkeypatch.setattr(model_loading, "RETRY_SECONDS", (0.3,))
    session = Session.open(sim.api_base, "not-a-simulator-key", config=FAST)
    window = new_window(session, sim)
    try:
        arun(window._load_models())
        assert "Could not load models" in window.editor.loading.text()
        assert not window.model_loader.timer.isActive()
    finally:
        close_window(window, session, arun)


def test_an_error_quoting_markup_is_shown_as_text(sim, key, qloop, arun, monkeypatch):
    """The message is rich text (it holds the Retry link): an error that quotes a page
    (a proxy's `text/plain` body with tags, say) must read as text, not render."""
    from airforce_studio.api.errors import ProtocolError

    session = Session.open(sim.api_base, key, config=FAST)
    window = new_window(session, sim)
    try:
        async def refuse(refresh: bool = False):
            raise ProtocolError("GET /v1/models answered text/plain: '<h1>Blocked</h1>'")

        monkeypatch.setattr(window.engine, "models", refuse)  # a fault the simulator lacks
        arun(window._load_models())
        text = window.editor.loading.text()
        assert "&lt;h1&gt;Blocked&lt;/h1&gt;" in text and "<h1>" not in text
        assert "href='retry'" in text  # the link itself still works
    finally:
        close_window(window, session, arun)
