"""Every test gets its own XDG home and an in-memory keyring; the simulator is shared."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend

from airforce_studio.simulator import Knobs, Simulator, new_key

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.multimedia.*=false")
FAST_TASK_SECONDS = 0.4


class MemoryKeyring(KeyringBackend):
    """A real keyring backend that keeps secrets in a dict, for tests."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.secrets:
            raise keyring.errors.PasswordDeleteError("not found")
        del self.secrets[(service, username)]


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request) -> Path:
    home = tmp_path / "home"
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        folder = home / var.lower()
        folder.mkdir(parents=True)
        monkeypatch.setenv(var, str(folder))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("AIRFORCE_API_KEY", raising=False)
    monkeypatch.delenv("AIRFORCE_API_BASE", raising=False)
    if "keyring" not in request.keywords:
        previous = keyring.get_keyring()
        keyring.set_keyring(MemoryKeyring())
        request.addfinalizer(lambda: keyring.set_keyring(previous))
    return home


@pytest.fixture(scope="session")
def shared_sim() -> Iterator[Simulator]:
    with Simulator(Knobs(task_seconds=FAST_TASK_SECONDS)) as sim:
        yield sim


@pytest.fixture
def sim(shared_sim: Simulator) -> Iterator[Simulator]:
    """The shared simulator, with default fast knobs restored after each test."""
    yield shared_sim
    shared_sim.call(lambda: shared_sim.knobs.update(Knobs(task_seconds=FAST_TASK_SECONDS)
                                                    .as_dict()))


@pytest.fixture
def key() -> str:
    """A fresh account on the simulator: its own balance and in-flight count."""
    return new_key()


def run(coro):
    """Drive a coroutine on a fresh plain asyncio loop (non-Qt tests)."""
    return asyncio.run(coro)
