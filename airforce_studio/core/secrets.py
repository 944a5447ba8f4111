"""The API key: `AIRFORCE_API_KEY`, else the OS keyring (service `airforce-studio`).

Never a plaintext fallback: with no keyring backend the key lives in memory for this
session only, and callers are told so in plain words. keyring calls may block on D-Bus,
so UI code runs these through a worker thread. `keyring` itself is imported on first
use: discovering its backends costs ~100 ms that the window's first paint should not wait for.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from dataclasses import dataclass
from types import ModuleType

from ..api.urls import DEFAULT_PORTS, split_origin

SERVICE = "airforce-studio"
ENV_VAR = "AIRFORCE_API_KEY"


HIDDEN = "sk-air-…(hidden)"
MIN_SECRET_CHARS = 8  # shorter strings are no real key; hiding them would wreck every log line
_known_secrets: set[str] = set()
_secrets_lock = threading.Lock()  # keyring and check threads add keys while the loop logs
# A URL's query string: signed result URLs carry their signature there, and httpx logs
# every URL it fetches at INFO.
_URL_QUERY = re.compile(r"(\b[a-z][a-z0-9+.-]*://[^\s?#\"'<>]+)\?[^\s#\"'<>]+", re.IGNORECASE)
QUERY_HIDDEN = "?…(query hidden)"


def remember_secret(secret: str | None) -> None:
    """A key this process has used or saved, so logs and error dialogs can hide it.

    Call it once a key is used for real or saved, not for every string typed into a key
    field: a rejected "0" must not turn every 0 in the log into the hidden marker.
    """
    if secret and len(secret.strip()) >= MIN_SECRET_CHARS:
        with _secrets_lock:
            _known_secrets.add(secret.strip())


def redact(text: str) -> str:
    """Known keys hidden, and every URL's query string (signatures) cut off."""
    with _secrets_lock:
        known = sorted(_known_secrets, key=len, reverse=True)  # longest first: no leftovers
    for secret in known:
        text = text.replace(secret, HIDDEN)
    return _URL_QUERY.sub(lambda m: m[1] + QUERY_HIDDEN, text)


class RedactingFilter(logging.Filter):
    """Attach to log handlers: a record that mentions a known key or a signed URL is
    rewritten."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


@dataclass(frozen=True)
class KeySource:
    key: str | None
    origin: str  # "environment", "keyring", "session" or "none"


def _keyring() -> ModuleType:
    import keyring
    import keyring.errors

    return keyring


def backend_name() -> str:
    backend = _keyring().get_keyring()
    return f"{type(backend).__module__.removeprefix('keyring.backends.')}.{type(backend).__name__}"


def keyring_available() -> bool:
    backend = _keyring().get_keyring()
    return getattr(backend, "priority", 0) > 0 and "fail" not in type(backend).__module__


class KeyStore:
    """Reads and writes the key for one API origin (the keyring's user name)."""

    def __init__(self, account: str) -> None:
        self.account = account
        self._session_key: str | None = None

    @classmethod
    def for_api_base(cls, api_base: str) -> KeyStore:
        """Keys are filed in the keyring under the API origin they belong to."""
        scheme, host, port = split_origin(api_base)  # api.origin.origin_of, sans httpx
        port = port or DEFAULT_PORTS.get(scheme)
        return cls(f"{scheme}://{host}:{port}")

    def load(self) -> KeySource:
        env = os.environ.get(ENV_VAR, "").strip()
        if env:
            remember_secret(env)
            return KeySource(env, "environment")
        if self._session_key:
            return KeySource(self._session_key, "session")
        keyring = _keyring()
        try:
            stored = keyring.get_password(SERVICE, self.account)
        except keyring.errors.KeyringError:
            stored = None
        remember_secret(stored)
        return KeySource(stored, "keyring") if stored else KeySource(None, "none")

    def save(self, key: str) -> str:
        """Store the key; returns where it went ("keyring" or "session")."""
        key = key.strip()
        if not key:
            raise ValueError("the key is empty")
        remember_secret(key)
        keyring = _keyring()
        try:
            keyring.set_password(SERVICE, self.account, key)
        except (keyring.errors.KeyringError, RuntimeError):
            self._session_key = key
            return "session"
        self._session_key = None
        return "keyring"

    def delete(self) -> bool:
        """Forget the key everywhere we keep it; True if one was stored in the keyring."""
        self._session_key = None
        keyring = _keyring()
        try:
            keyring.delete_password(SERVICE, self.account)
        except keyring.errors.PasswordDeleteError:
            return False
        except keyring.errors.KeyringError:
            return False
        return True
