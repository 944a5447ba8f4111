"""Issue 9, items 7 and 8: bounds checked before anything is journaled, cost shown first.

A command that exits 2 has queued nothing: the journal is empty afterwards (`queue`)
and the simulator saw no create.
"""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from airforce_studio.core.settings import Settings
from tests.helpers import png_bytes
from tests.integration.test_cli import CLI, cli, cli_env, json_lines

MAX_SEED = 2**32 - 1


def creates(sim, key: str) -> int:
    return sum(1 for r in sim.requests("api") if r["method"] == "POST"
               and r["headers"].get("Authorization") == f"Bearer {key}")


def assert_nothing_queued(sim, key: str, done) -> None:
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr
    assert creates(sim, key) == 0 and sim.tasks(key) == []
    assert json_lines(cli(sim, key, "queue", "--json").stdout) == []


@pytest.mark.parametrize(("count", "seed"), [
    ("0", None), ("-1", None), ("101", None), ("10000", None),
    ("2", str(MAX_SEED)), ("1", str(MAX_SEED + 1)), ("1", "-1"),
    ("2", "9223372036854775807"),
])
def test_count_and_seed_out_of_range_exit_2_with_nothing_queued(sim, key, count, seed):
    args = ["generate", "x", "--model", "kling-1", "--count", count, "--yes"]
    done = cli(sim, key, *args, *(["--seed", seed] if seed else []))
    assert_nothing_queued(sim, key, done)
    assert ("--count" in done.stderr) if seed is None else ("0..4294967295" in done.stderr)


def test_the_seed_range_is_stated_in_help(sim, key):
    text = cli(sim, key, "generate", "--help").stdout
    assert "4294967295" in text and "1-100" in text


def test_highest_seeds_are_accepted(sim, key):
    done = cli(sim, key, "generate", "x", "--model", "kling-1", "--count", "2",
               "--seed", str(MAX_SEED - 1), "--no-wait", "--json")
    assert done.returncode == 0, done.stderr
    assert sorted(line["seed"] for line in json_lines(done.stdout)) == [MAX_SEED - 1, MAX_SEED]


def test_dev_zero_as_an_image_fails_fast_with_a_clear_message(sim, key):
    done = cli(sim, key, "generate", "x", "--model", "kling-1", "--image", "/dev/zero",
               timeout=60)
    assert_nothing_queued(sim, key, done)
    assert "not a regular file" in done.stderr and "device" in done.stderr


def test_a_named_pipe_as_an_image_fails_fast_instead_of_hanging(sim, key, tmp_path):
    fifo = tmp_path / "pipe.png"
    os.mkfifo(fifo)
    done = cli(sim, key, "generate", "x", "--model", "kling-1", "--image", str(fifo),
               timeout=60)  # nobody ever writes: a blocking open would hang until timeout
    assert_nothing_queued(sim, key, done)
    assert "named pipe" in done.stderr


def prompts_sent(sim, key: str) -> list[str]:
    return [t["spec"].prompt for t in sim.tasks(key)]


def test_prompt_from_a_file_from_stdin_and_a_literal_dash(sim, key, tmp_path):
    long_prompt = "A slow dolly shot through a misty forest. " * 40 + "\nSecond line."
    path = tmp_path / "prompt.txt"
    path.write_text(long_prompt + "\n", "utf-8")
    base = ["--model", "hailuo-fast", "--no-wait", "--json"]
    assert cli(sim, key, "generate", "--prompt-file", str(path), *base).returncode == 0
    assert prompts_sent(sim, key) == [long_prompt.strip()]
    piped = cli(sim, key, "generate", "--prompt-file", "-", *base, stdin="from stdin\n")
    assert piped.returncode == 0, piped.stderr
    dash = cli(sim, key, "generate", "-", *base, stdin="ignored")
    assert dash.returncode == 0, dash.stderr
    assert sorted(prompts_sent(sim, key)) == sorted([long_prompt.strip(), "from stdin", "-"])


@pytest.mark.parametrize("args", [
    ["generate", "both", "--prompt-file", "-"],
    ["generate"],
    ["generate", "--prompt-file", "/no/such/prompt.txt"],
    ["generate", "--prompt-file", "-"],  # stdin is empty
])
def test_prompt_mistakes_exit_2(sim, key, args):
    assert_nothing_queued(sim, key, cli(sim, key, *args, "--model", "kling-1", stdin=""))


def test_cost_is_printed_and_a_big_batch_needs_yes(sim, key):
    done = cli(sim, key, "generate", "x", "--model", "wan-2.6", "--count", "6")
    assert_nothing_queued(sim, key, done)
    assert "$12.00" in done.stderr and "--yes" in done.stderr  # 6 × $2.00 > $10.00
    sent = cli(sim, key, "generate", "x", "--model", "wan-2.6", "--count", "6", "--yes",
               "--no-wait", "--json")
    assert sent.returncode == 0, sent.stderr
    assert "cost: 6 clips × $2.00 = $12.00" in sent.stderr
    assert len(sim.tasks(key)) == 6


def test_cost_guard_threshold_comes_from_settings(sim, key):
    Settings(cost_guard_cents=100).save()
    done = cli(sim, key, "generate", "x", "--model", "hailuo-fast", "--count", "3")
    assert_nothing_queued(sim, key, done)
    assert "$1.50" in done.stderr and "$1.00" in done.stderr
    cheap = cli(sim, key, "generate", "x", "--model", "hailuo-fast", "--count", "2",
                "--no-wait")
    assert cheap.returncode == 0 and "cost: 2 clips × $0.50 = $1.00" in cheap.stderr


def test_the_monthly_budget_cap_refuses_before_anything_is_queued(sim, key):
    Settings(budget_cap_cents=300).save()
    first = cli(sim, key, "generate", "x", "--model", "wan-2.6", "--json")  # $2.00
    assert first.returncode == 0, first.stderr
    second = cli(sim, key, "generate", "x", "--model", "wan-2.6")  # $4.00 > $3.00
    assert second.returncode == 2 and "budget cap" in second.stderr
    assert len(sim.tasks(key)) == 1
    assert json_lines(cli(sim, key, "queue", "--json").stdout) == []


def test_interpreter_level_errors_never_leak_a_traceback_for_bad_input(sim, key):
    env = cli_env(sim, key)
    done = subprocess.run([*CLI, "generate", "x", "--model", "kling-1", "--count", "abc"],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Traceback" not in done.stderr  # argparse's own


def test_images_still_work_after_the_new_checks(sim, key, tmp_path):
    image = tmp_path / "first.png"
    image.write_bytes(png_bytes(320, 180))
    done = cli(sim, key, "generate", "x", "--model", "kling-1", "--image", str(image),
               "--no-wait", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["status"] == "submitted"


@pytest.mark.parametrize("args", [
    [b"generate", b"\xff\xfe a fox", b"--model", b"hailuo-fast"],
    [b"generate", b"x", b"--model", b"hailuo-fast", b"--image", b"https://example.com/\xff"],
    [b"library", b"--search", b"\xff"],
    [b"tasks", b"delete", b"vid_\xff", b"--yes"],
])
def test_text_arguments_that_are_not_utf8_exit_2_before_anything(sim, key, args):
    """Bytes that are not UTF-8 arrive as lone surrogates, which fail only when encoded: a
    prompt was journaled and ended "needs attention" (exit 1, a traceback on every later
    start), a search was a traceback."""
    done = subprocess.run([*(a.encode() for a in CLI), *args], env=cli_env(sim, key),
                          capture_output=True, text=True, errors="replace", timeout=60)
    assert "not valid UTF-8" in done.stderr
    assert_nothing_queued(sim, key, done)


@pytest.mark.parametrize("patience", ["nan", "-1", "-inf", "soon"])
def test_patience_that_is_not_a_duration_exits_2(sim, key, patience):
    """`nan` compared false with every time: a command that should give up never did."""
    done = cli(sim, key, "generate", "x", "--model", "hailuo-fast", f"--patience={patience}")
    assert done.returncode == 2 and "--patience" in done.stderr
    assert "Traceback" not in done.stderr and creates(sim, key) == 0
