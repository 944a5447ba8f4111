"""Issue 9 on the core side of the CLI: image reads, the monthly budget, the profile lock,
settings, and which strings the logs hide."""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
from pathlib import Path

import httpx
import pytest

from airforce_studio.api.types import TaskRequest
from airforce_studio.core import secrets
from airforce_studio.core.images import ImageRejected, prepare_file, read_regular_file
from airforce_studio.core.journal import Journal
from airforce_studio.core.ledger import Ledger, OverBudget
from airforce_studio.core.paths import Paths
from airforce_studio.core.session import ProfileBusy, lock_profile
from airforce_studio.core.settings import Settings
from airforce_studio.errors import EXIT_LOCAL, exit_code
from tests.helpers import png_bytes

# -- images --------------------------------------------------------------------------------


def test_dev_zero_is_refused_without_reading_it():
    with pytest.raises(ImageRejected, match="not a regular file \\(a device\\)"):
        prepare_file(Path("/dev/zero"))


def test_a_named_pipe_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []
    reader = threading.Thread(target=lambda: _catch(outcome, prepare_file, fifo), daemon=True)
    reader.start()
    reader.join(timeout=30)
    assert not reader.is_alive(), "opening a FIFO blocked"
    assert isinstance(outcome[0], ImageRejected) and "named pipe" in str(outcome[0])


def _catch(into: list[BaseException], fn, *args) -> None:
    try:
        fn(*args)
    except BaseException as exc:
        into.append(exc)


def test_the_byte_limit_does_not_trust_stat():
    """procfs says size 0 for a file that has content: the read itself is bounded."""
    status = Path("/proc/self/status")
    assert status.stat().st_size == 0
    with pytest.raises(ImageRejected, match="larger than"):
        read_regular_file(status, limit=16)
    assert len(read_regular_file(status, limit=1 << 20)) > 16


def test_a_file_over_the_limit_is_refused_and_one_at_it_is_read(tmp_path):
    path = tmp_path / "x.bin"
    path.write_bytes(b"a" * 100)
    assert read_regular_file(path, limit=100) == b"a" * 100
    with pytest.raises(ImageRejected, match="larger than"):
        read_regular_file(path, limit=99)


def test_regular_images_still_load(tmp_path):
    path = tmp_path / "ok.png"
    path.write_bytes(png_bytes(64, 48))
    assert prepare_file(path).width == 64


# -- money ---------------------------------------------------------------------------------

def _debit(journal: Journal, cents: int, when: dt.datetime) -> None:
    item = journal.add(TaskRequest(model="wan-2.6", prompt="p"), 5, cost_cents=cents)
    journal.update(item.id, task_id=f"vid_{item.id}")
    journal.record_money(journal.get(item.id), "debit", cents)
    journal.db.execute("UPDATE ledger SET at = ? WHERE item_id = ?", (when.timestamp(),
                                                                      item.id))


def test_the_budget_cap_is_per_calendar_month(tmp_path):
    journal = Journal(tmp_path / "journal.sqlite")
    now = dt.datetime.now()
    last_month = (now.replace(day=1) - dt.timedelta(days=2))
    _debit(journal, 900, last_month)  # spent last month: does not count
    _debit(journal, 300, now)
    ledger = Ledger(journal, budget_cap_cents=1000)
    ledger.check_budget(500, committed_cents=200)  # 300 + 200 + 500 = 1000: allowed
    with pytest.raises(OverBudget, match=r"monthly budget cap of \$10\.00"):
        ledger.check_budget(501, committed_cents=200)
    with pytest.raises(OverBudget, match=r"queued \$7\.01"):
        ledger.check_budget(0, committed_cents=701)  # what is queued or being submitted
    Ledger(journal, None).check_budget(10**9, 10**9)  # no cap, no refusal
    journal.close()


def test_settings_have_a_cost_guard_of_ten_dollars_that_can_be_changed():
    assert Settings.load().cost_guard_cents == 1000
    Settings(cost_guard_cents=250).save()
    assert Settings.load().cost_guard_cents == 250


# -- the profile lock ----------------------------------------------------------------------

def test_a_busy_profile_names_the_process_holding_it():
    paths = Paths("lock-test").ensure()
    held = lock_profile(paths)
    try:
        assert paths.lock_file.read_text() == str(os.getpid())
        with pytest.raises(ProfileBusy, match=f"\\(pid {os.getpid()}\\)") as caught:
            lock_profile(paths)
        assert exit_code(caught.value) == EXIT_LOCAL
    finally:
        held.close()
    lock_profile(paths).close()  # free again once released


# -- secrets and logs ----------------------------------------------------------------------

@pytest.fixture
def clean_secrets(monkeypatch):
    monkeypatch.setattr(secrets, "_known_secrets", set())


def test_a_rejected_short_key_never_becomes_a_secret(clean_secrets):
    secrets.remember_secret("0")
    assert secrets.redact("10 clips, 0 failed") == "10 clips, 0 failed"
    secrets.remember_secret("sk-air-a-real-key")
    assert secrets.redact("key sk-air-a-real-key") == f"key {secrets.HIDDEN}"


def test_a_saved_or_loaded_key_is_hidden(clean_secrets, monkeypatch):
    store = secrets.KeyStore("https://api.airforce:443")
    store.save("sk-air-saved-key-123")
    assert secrets.HIDDEN in secrets.redact("sk-air-saved-key-123")
    monkeypatch.setenv(secrets.ENV_VAR, "sk-air-from-env-456")
    store.load()
    assert secrets.redact("sk-air-from-env-456") == secrets.HIDDEN


def test_known_secrets_are_safe_to_add_while_other_threads_redact(clean_secrets):
    errors: list[BaseException] = []
    stop = threading.Event()

    def redact_forever() -> None:
        while not stop.is_set():
            try:
                secrets.redact("some log line with sk-air-key-00001 in it")
            except BaseException as exc:
                errors.append(exc)
                return

    readers = [threading.Thread(target=redact_forever) for _ in range(4)]
    for reader in readers:
        reader.start()
    for index in range(20_000):
        secrets.remember_secret(f"sk-air-key-{index:05d}")
    stop.set()
    for reader in readers:
        reader.join()
    assert not errors, errors[:1]
    assert len(secrets._known_secrets) == 20_000


def test_signed_url_query_strings_never_reach_the_log(clean_secrets, tmp_path, sim, key):
    """httpx logs every URL it fetches at INFO: the handler's filter cuts queries off."""
    log_file = tmp_path / "studio.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.addFilter(secrets.RedactingFilter())
    httpx_log = logging.getLogger("httpx")
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        signed = f"{sim.cdn_base}/video/vid_X.mp4?exp=1&sig=0123456789abcdef"
        httpx.get(signed, timeout=10)
        httpx_log.info("again: %s", signed)
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
        handler.close()
    text = log_file.read_text()
    assert "/video/vid_X.mp4" in text  # the request is logged…
    assert "sig=" not in text and "0123456789abcdef" not in text  # …without its signature
    assert text.count(secrets.QUERY_HIDDEN) >= 2


def test_a_broken_cost_guard_in_the_settings_file_falls_back_to_ten_dollars():
    folder = Paths.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "settings.json").write_text('{"cost_guard_cents": "lots"}')
    assert Settings.load().cost_guard_cents == 1000
