"""Issue 9, items 9 and 11: the queue from the command line, and a busy profile.

Waiting items are written into the profile's real journal, as an earlier run that
stopped before sending them would have left them.
"""

from __future__ import annotations

import json
import os

import pytest

from airforce_studio.api.types import TaskRequest
from airforce_studio.core.journal import Journal
from airforce_studio.core.paths import Paths, profile_name
from airforce_studio.core.session import lock_profile
from tests.integration.test_cli import cli, json_lines


def queue(sim, key: str) -> list[dict]:
    done = cli(sim, key, "queue", "--json")
    assert done.returncode == 0, done.stderr
    return json_lines(done.stdout)


def waiting_items(sim, key: str, count: int, prompt: str = "wait for me") -> list[dict]:
    journal = Journal(Paths(profile_name(sim.api_base)).ensure().journal)
    try:
        for _ in range(count):
            journal.add(TaskRequest(model="hailuo-fast", prompt=prompt), 5, cost_cents=50)
    finally:
        journal.close()
    items = queue(sim, key)
    assert [i["state"] for i in items] == ["queued-locally"] * count
    return items


def test_queue_lists_unfinished_items_with_prompt_and_cost(sim, key):
    waiting_items(sim, key, 2, prompt="A very long prompt about a lighthouse at dusk, " * 3)
    text = cli(sim, key, "queue").stdout.splitlines()
    assert len(text) == 2
    for line in text:
        assert "queued-locally" in line and "$0.50" in line
        assert "A very long prompt about a lighthouse" in line and line.endswith("…")
    assert sim.tasks(key) == []  # listing sends nothing


def test_queue_cancel_by_id_and_all_waiting(sim, key):
    first, second, third = waiting_items(sim, key, 3)
    done = cli(sim, key, "queue", "cancel", str(first["item_id"]))
    assert done.returncode == 0 and f"clip {first['item_id']} cancelled" in done.stdout
    assert [i["item_id"] for i in queue(sim, key)] == [second["item_id"], third["item_id"]]
    done = cli(sim, key, "queue", "cancel", "--all-waiting", "--json")
    assert done.returncode == 0
    assert {line["item_id"] for line in json_lines(done.stdout)} == {second["item_id"],
                                                                     third["item_id"]}
    assert queue(sim, key) == []
    resumed = cli(sim, key, "resume")
    assert "nothing to resume" in resumed.stderr and sim.tasks(key) == []  # never sent


def test_a_created_task_cannot_be_cancelled_and_the_message_says_how_to_delete(sim, key):
    sim.set_knobs(task_seconds=30)
    sent = cli(sim, key, "generate", "x", "--model", "hailuo-fast", "--no-wait", "--json")
    [line] = json_lines(sent.stdout)
    done = cli(sim, key, "queue", "cancel", str(line["item_id"]))
    assert done.returncode == 2
    assert "no cancel" in done.stderr
    assert f"tasks delete {line['task_id']} --yes" in done.stderr and "refund" in done.stderr
    [still] = queue(sim, key)
    assert still["task_id"] == line["task_id"] and still["state"] != "cancelled"


@pytest.mark.parametrize("args", [["queue", "cancel"], ["queue", "cancel", "999"],
                                  ["queue", "cancel", "99999999999999999999999"]])
def test_queue_mistakes_exit_2(sim, key, args):
    done = cli(sim, key, *args)
    assert done.returncode == 2 and done.stderr.startswith("error: ")
    assert "Traceback" not in done.stderr


def test_tasks_delete_asks_for_yes_then_deletes_at_the_provider(sim, key):
    sent = cli(sim, key, "generate", "x", "--model", "hailuo-fast", "--json")
    task_id = json.loads(sent.stdout)["task_id"]
    refused = cli(sim, key, "tasks", "delete", task_id)
    assert refused.returncode == 2 and "--yes" in refused.stderr and "refund" in refused.stderr
    assert not sim.tasks(key)[0]["deleted"]
    done = cli(sim, key, "tasks", "delete", task_id, "--yes")
    assert done.returncode == 0, done.stderr
    assert sim.tasks(key)[0]["deleted"]
    assert sim.tasks(key)[0]["refunded"] is False


def test_generate_reports_only_its_own_items_and_says_older_ones_go_first(sim, key):
    older = waiting_items(sim, key, 2, prompt="older")
    done = cli(sim, key, "generate", "mine", "--model", "hailuo-fast", "--json")
    assert done.returncode == 0, done.stderr
    assert "2 older unfinished clips" in done.stderr and "go first" in done.stderr
    [mine] = json_lines(done.stdout)
    assert mine["item_id"] not in {o["item_id"] for o in older}
    assert mine["status"] == "archived"
    assert not any(f"clip {o['item_id']} " in done.stderr for o in older)  # not its progress
    assert len(sim.tasks(key)) == 3  # the older ones were sent first, as announced


def test_a_busy_profile_exits_4_naming_the_process(sim, key):
    paths = Paths(profile_name(sim.api_base)).ensure()
    holder = lock_profile(paths)
    try:
        for args in (["generate", "x", "--model", "hailuo-fast"], ["resume"],
                     ["queue", "cancel", "--all-waiting"]):
            done = cli(sim, key, *args)
            assert done.returncode == 4, (args, done.stderr)
            assert f"(pid {os.getpid()})" in done.stderr and "Traceback" not in done.stderr
    finally:
        holder.close()
    assert sim.tasks(key) == []
    assert cli(sim, key, "generate", "x", "--model", "hailuo-fast").returncode == 0


@pytest.mark.parametrize("first", [["queue"], ["resume"]])
def test_a_corrupt_journal_is_rebuilt_and_said_whichever_command_meets_it(sim, key, first):
    """`queue` opened the journal bare: a corrupt one was moved aside silently and an empty
    one left in its place, which no later command rebuilt (the debits, and with them the
    monthly budget, gone). `resume` rebuilt it but said nothing: its notice went out
    before the command listened."""
    made = cli(sim, key, "generate", "x", "--model", "hailuo-fast", "--json")
    assert made.returncode == 0, made.stderr
    [clip] = json_lines(made.stdout)
    path = Paths(profile_name(sim.api_base)).journal
    path.write_bytes(os.urandom(4096))
    done = cli(sim, key, *first)
    assert done.returncode == 0, done.stderr
    assert "journal.sqlite was unreadable" in done.stderr and "recovered 1 clips" in done.stderr
    journal = Journal(path)
    try:
        [item] = journal.items()
        assert item.task_id == clip["task_id"] and item.state == "archived"
        assert journal.db.execute("SELECT SUM(cents) FROM ledger").fetchone()[0] == 50
    finally:
        journal.close()
    again = cli(sim, key, *first)
    assert "unreadable" not in again.stderr  # said once: the file is healthy now
