"""Completion → clip in the library, and HTTP requests per finished task:
the engine (SSE, full payloads) against a polling-every-8-s loop, same simulator, same run.

    .venv/bin/python -m benchmarks.archive_latency [--tasks 4] [--runs 5] [--task-seconds 10]

Both paths archive with the same code (download, verify, tag, move); only how they
learn of completion differs. Latency is measured from the simulator's own completion
timestamp to the moment the clip's sidecar is in the library. The paths alternate (the
order flips every run) and each run of each path has its own profile (a fresh data folder)
and its own key, so neither inherits the other's journal, library or requests; the
polling path records its items as archived in its journal, as the engine would.
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
from benchmarks._common import header, load, median, scratch_home, spread, table

REQUEST = TaskRequest(model="hailuo-fast", prompt="benchmark: waves on a pier")
POLL_INTERVAL = 8.0


def requests_for(sim: Simulator, task_ids: set[str]) -> int:
    """Requests naming one of these tasks (status, stream, result, poster) plus creates."""
    naming = [r for r in sim.requests() if any(t in r["path"] for t in task_ids)]
    return len(naming) + len(task_ids)  # one POST each, whose path names no task


async def engine_path(sim: Simulator, key: str, tasks: int) -> tuple[list[float], float]:
    session = Session.open(sim.api_base, key)
    try:
        await session.engine.start()
        await session.engine.submit(REQUEST, tasks)
        await asyncio.wait_for(session.engine.wait_idle(), 300)
        done = {t["task_id"]: t for t in sim.tasks(key)}
        latencies = []
        for item in session.journal.items([ItemState.ARCHIVED]):
            record = session.library.get(item.task_id)
            latencies.append(record.archived_at - done[item.task_id]["completed_at"])
        return latencies, requests_for(sim, set(done)) / len(done)
    finally:
        await session.aclose()


async def polling_path(sim: Simulator, key: str, tasks: int) -> tuple[list[float], float]:
    session = Session.open(sim.api_base, key)
    client = session.client
    try:
        async def one() -> float:
            task = await client.create_task(REQUEST)
            item = session.journal.add(REQUEST, 5, task_id=task.task_id,
                                       state=ItemState.FOLLOWING)
            # A poller's phase relative to completion is arbitrary: start it at random.
            await asyncio.sleep(random.uniform(0, POLL_INTERVAL))
            while True:
                task = await client.get_task(task.task_id)
                if task.status.is_terminal:
                    break
                await asyncio.sleep(POLL_INTERVAL)
            record = await archive_task(client, session.library, session.paths.staging_dir,
                                        item, task)
            session.journal.update(item.id, state=ItemState.ARCHIVED)
            return record.archived_at

        finished = await asyncio.gather(*(one() for _ in range(tasks)))
        left = session.journal.items([s for s in ItemState if s != ItemState.ARCHIVED])
        assert not left, f"polling path left {len(left)} items unfinished in its journal"
        done = {t["task_id"]: t for t in sim.tasks(key)}
        completed = sorted(t["completed_at"] for t in done.values())
        latencies = [a - c for a, c in zip(sorted(finished), completed, strict=True)]
        return latencies, requests_for(sim, set(done)) / len(done)
    finally:
        await session.aclose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tasks", type=int, default=4)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--task-seconds", type=float, default=10.0)
    args = parser.parse_args()
    print(header(f"archive_latency: {args.tasks} tasks per path, {args.runs} alternating runs"))
    paths = {"engine": engine_path, "polling": polling_path}
    latencies: dict[str, list[float]] = {name: [] for name in paths}
    per_run: dict[str, list[float]] = {name: [] for name in paths}
    requests: dict[str, list[float]] = {name: [] for name in paths}
    clips: dict[str, int] = dict.fromkeys(paths, 0)
    with Simulator(Knobs(task_seconds=args.task_seconds)) as sim:
        for run in range(args.runs):
            started = time.monotonic()
            order = list(paths) if run % 2 == 0 else list(reversed(paths))
            line = []
            for name in order:
                with scratch_home():  # this path's own profile, journal and library
                    found, per_task = asyncio.run(paths[name](sim, new_key(), args.tasks))
                assert len(found) == args.tasks, f"{name}: {len(found)} clips, not {args.tasks}"
                latencies[name] += found
                per_run[name].append(median(found))
                requests[name].append(per_task)
                clips[name] += len(found)
                line.append(f"{name} {median(found) * 1000:.0f} ms")
            print(f"run {run + 1}/{args.runs} in {time.monotonic() - started:.1f} s: "
                  f"{', '.join(line)} (median completion→library); {load()}", flush=True)
    sse, poll = median(latencies["engine"]), median(latencies["polling"])
    print(table([
        ("path", "completion→library: median [min–max] of run medians", "max of all",
         "requests/task"),
        ("engine (SSE)", spread(per_run["engine"], scale=1000) + " ms",
         f"{max(latencies['engine']) * 1000:.0f} ms", spread(requests["engine"], "{:.1f}")),
        (f"polling every {POLL_INTERVAL:.0f} s", spread(per_run["polling"], scale=1000) + " ms",
         f"{max(latencies['polling']) * 1000:.0f} ms", spread(requests["polling"], "{:.1f}")),
    ]))
    print(f"engine is {poll / sse:.1f}× sooner than polling (medians of all clips; "
          f"{clips['engine']} clips engine, {clips['polling']} polling, {args.runs} runs); "
          f"{load()}")


if __name__ == "__main__":
    main()
