"""What the environment can hand the CLI: an API base that is not a URL, a key with
characters no key has. A clear line and exit 2, never a traceback, never the key."""

from __future__ import annotations

import subprocess

import pytest

from tests.integration.test_cli import CLI, cli_env


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], env=env, capture_output=True, text=True,
                          errors="replace", timeout=60)


@pytest.mark.parametrize("command", [["models"], ["queue"]])
def test_an_api_base_that_is_not_a_url_exits_2(sim, key, command):
    env = dict(cli_env(sim, key), AIRFORCE_API_BASE="http://[::1")
    done = run(env, *command)
    assert done.returncode == 2 and "not a valid URL" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize("bad", ["a\nb", "ü", "a b", "\udcff"])
def test_a_key_no_api_key_can_be_exits_2_without_showing_it(sim, key, bad):
    secret = f"{key}{bad}x"
    env = {**cli_env(sim, None)}
    done = subprocess.run([*CLI, "models"], capture_output=True, text=True, errors="replace",
                          timeout=60, env={k.encode(): v.encode("utf-8", "surrogateescape")
                                           for k, v in {**env, "AIRFORCE_API_KEY": secret}
                                           .items()})
    assert done.returncode == 2 and "API key has characters" in done.stderr
    assert "Traceback" not in done.stderr and key not in done.stderr
