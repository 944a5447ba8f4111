"""Where files live: platformdirs for `airforce-studio`, one profile per API origin.

Nothing is created at import time; every path honours the XDG_* variables, so tests
run in a temporary home. Demo clips never mix with paid ones: the embedded simulator
has a profile of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from .. import APP_NAME
from ..api.urls import DEFAULT_PORTS, split_origin

DEMO_PROFILE = "demo"


def profile_name(api_base: str, *, demo: bool = False) -> str:
    """A file-name-safe profile for an API origin: `api.airforce`, `127.0.0.1_8080`."""
    if demo:
        return DEMO_PROFILE
    scheme, host, port = split_origin(api_base)  # as httpx.URL parses it, without httpx
    name = host if port in (None, DEFAULT_PORTS.get(scheme)) else f"{host}_{port}"
    if scheme == "http":
        name += "_http"
    return re.sub(r"[^A-Za-z0-9._-]", "_", name) or "default"


@dataclass(frozen=True)
class Paths:
    profile: str

    @property
    def data_dir(self) -> Path:
        return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "profiles" / (
            self.profile)

    @property
    def journal(self) -> Path:
        return self.data_dir / "journal.sqlite"

    @property
    def library_index(self) -> Path:
        return self.data_dir / "library.sqlite"

    @property
    def clips_dir(self) -> Path:
        return self.data_dir / "clips"

    @property
    def staging_dir(self) -> Path:
        """Downloads in progress: same file system as clips_dir, so renames are atomic."""
        return self.data_dir / ".staging"

    @property
    def inputs_dir(self) -> Path:
        """Input images by content (sha256), referred to by journaled requests."""
        return self.data_dir / "inputs"

    @property
    def lock_file(self) -> Path:
        return self.data_dir / "engine.lock"

    @property
    def cache_dir(self) -> Path:
        return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / self.profile

    @staticmethod
    def config_dir() -> Path:
        return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))

    @staticmethod
    def log_dir() -> Path:
        return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))

    def ensure(self) -> Paths:
        for folder in (self.data_dir, self.clips_dir, self.staging_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self
