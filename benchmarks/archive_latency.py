"""Completion → clip in the library, and HTTP requests per finished task:
the engine (SSE, full payloads) against a polling-every-8-s loop, same simulator, same run.

    .venv/bin/python -m benchmarks.archive_latency [--tasks 4] [--runs 3]

Both paths archive with the same code (download, verify, tag, move); only how they
learn of completion differs. Latency is measured from the simulator's own completion
timestamp to the moment the clip's sidecar is in the library.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import time

from airforce_studio.api import TaskRequest
from airforce_studio.core.archive import archive_task
from airforce_studio.core.journal import ItemState
from airforce_studio.core.session import Session
from airforce_studio.simulator import Knobs, Simulator, new_key
from benchmarks._common import median, scratch_home, table

REQUEST = TaskRequest(model="hailuo-fast", prompt="benchmark: waves on a pier")
POLL_INTERVAL = 8.0


def requests_for(sim: Simulator, task_ids: set[str]) -> int:
    """Requests naming one of these tasks (status, stream, result, poster) plus creates."""
    naming = [r for r in sim.requests() if any(t in r["path"] for t in task_ids)]
    return len(naming) + len(task_ids)  # one POST each, whose path names no task


async def engine_path(sim: Simulator, tasks: int) -> tuple[list[float], float]:
    key = new_key()
    session = Session.open(sim.api_base, key)
    try:
        await session.engine.start()
        await session.engine.submit(REQUEST, tasks)
        await asyncio.wait_for(session.engine.wait_idle(), 300)
        done = {t["task_id"]: t for t in sim.tasks(key)}
        latencies = []
        for item in session.journal.items([ItemState.ARCHIVED]):
            if item.task_id not in done:
                continue  # an earlier run's clip: the profile's journal is shared
            record = session.library.get(item.task_id)
            latencies.append(record.archived_at - done[item.task_id]["completed_at"])
        return latencies, requests_for(sim, set(done)) / len(done)
    finally:
        await session.aclose()


async def polling_path(sim: Simulator, tasks: int) -> tuple[list[float], float]:
    key = new_key()
    session = Session.open(sim.api_base, key)
    client = session.client
    try:
        async def one() -> float:
            task = await client.create_task(REQUEST)
            item = session.journal.add(REQUEST, 5, task_id=task.task_id)
            # A poller's phase relative to completion is arbitrary: start it at random.
            await asyncio.sleep(random.uniform(0, POLL_INTERVAL))
            while True:
                task = await client.get_task(task.task_id)
                if task.status.is_terminal:
                    break
                await asyncio.sleep(POLL_INTERVAL)
            record = await archive_task(client, session.library, session.paths.staging_dir,
                                        item, task)
            return record.archived_at

        finished = await asyncio.gather(*(one() for _ in range(tasks)))
        done = {t["task_id"]: t for t in sim.tasks(key)}
        completed = sorted(t["completed_at"] for t in done.values())
        latencies = [a - c for a, c in zip(sorted(finished), completed, strict=True)]
        return latencies, requests_for(sim, set(done)) / len(done)
    finally:
        await session.aclose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tasks", type=int, default=4)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--task-seconds", type=float, default=10.0)
    args = parser.parse_args()
    sse_lat, poll_lat, sse_req, poll_req = [], [], [], []
    with scratch_home(), Simulator(Knobs(task_seconds=args.task_seconds)) as sim:
        for run in range(args.runs):
            started = time.monotonic()
            latencies, requests = asyncio.run(engine_path(sim, args.tasks))
            sse_lat += latencies
            sse_req.append(requests)
            latencies, requests = asyncio.run(polling_path(sim, args.tasks))
            poll_lat += latencies
            poll_req.append(requests)
            print(f"run {run + 1}/{args.runs} done in {time.monotonic() - started:.1f} s")
    sse, poll = median(sse_lat), median(poll_lat)
    print(table([
        ("path", "median completion→library", "max", "requests/task (median)"),
        ("engine (SSE)", f"{sse * 1000:.0f} ms", f"{max(sse_lat) * 1000:.0f} ms",
         f"{median(sse_req):.1f}"),
        (f"polling every {POLL_INTERVAL:.0f} s", f"{poll * 1000:.0f} ms",
         f"{max(poll_lat) * 1000:.0f} ms", f"{median(poll_req):.1f}"),
    ]))
    print(f"engine is {poll / sse:.1f}× sooner than polling "
          f"({len(sse_lat)} clips per path, {args.runs} runs)")


if __name__ == "__main__":
    main()
