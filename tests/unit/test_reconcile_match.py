"""Which task an unanswered create made: never a neighbour's on a shared key (a task
made seconds before the send, or after its unclear answer, by another process)."""

from __future__ import annotations

import time

from airforce_studio.api.types import Task, TaskStatus
from airforce_studio.core.context import EngineConfig
from airforce_studio.core.journal import Item, ItemState
from airforce_studio.core.reconcile import match_created_task

OFFSET = -600.0  # the server's clock runs ten minutes behind ours


def task(task_id: str, created: float) -> Task:
    return Task(task_id=task_id, status=TaskStatus.QUEUED, model="wan-2.6",
                duration_seconds=5, created=int(created))


def sent(ago: float) -> Item:
    now = time.time()
    return Item(id=1, state=ItemState.SUBMITTING, position=1.0, request_json="{}",
                model="wan-2.6", duration_seconds=5, seed=None, source="local",
                added_at=now - ago - 1, submit_started=now - ago)


def test_a_task_made_seconds_before_the_send_is_not_ours():
    server_now = time.time() + OFFSET
    item = sent(ago=2.0)  # our send went out 2 s ago; its task lags in the list
    neighbour = task("vid_neighbour", server_now - 2.0 - 6.0)
    found = match_created_task(item, [neighbour], set(), server_now,
                               EngineConfig().clock_margin, answered_at=time.time() - 1.5)
    assert found is None


def test_a_task_made_after_the_unclear_answer_is_not_ours():
    server_now = time.time() + OFFSET
    item = sent(ago=120.0)  # sent two minutes ago, answered by a 502 at once
    later = task("vid_later", server_now - 60.0)
    assert match_created_task(item, [later], set(), server_now, EngineConfig().clock_margin,
                              answered_at=time.time() - 119.0) is None
    # With no answer known (the process died mid-send), it may still be ours.
    assert match_created_task(item, [later], set(), server_now,
                              EngineConfig().clock_margin) is later


def test_our_own_task_is_found_across_whole_second_rounding():
    server_now = time.time() + OFFSET
    item = sent(ago=3.0)
    ours = task("vid_ours", server_now - 3.9)  # `created` and `Date` both truncated
    assert match_created_task(item, [ours], set(), server_now, EngineConfig().clock_margin,
                              answered_at=time.time() - 2.5) is ours
