"""Building engines on the simulator for tests, and waiting for them."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from airforce_studio.api.retry import RetryPolicy
from airforce_studio.api.types import TaskRequest
from airforce_studio.core.engine import EngineConfig
from airforce_studio.core.failure import Backoff
from airforce_studio.core.follow import FollowConfig
from airforce_studio.core.journal import FINAL_STATES, Item
from airforce_studio.core.session import Session

FOX = TaskRequest(model="hailuo-fast", prompt="a red fox in the snow", duration_seconds=5)

FAST = EngineConfig(
    follow=FollowConfig(poll_interval=(0.05, 0.1), stream_reconnects=2,
                        polls_between_stream_tries=2),
    backoff=Backoff(base=0.05, cap=0.2),
    reconcile_looks=(0.0, 0.2, 0.5),
    duplicate_sweep_delay=0.5,
    archive_margin=0.0,
)


def open_session(sim, key: str, **config) -> Session:
    session = Session.open(sim.api_base, key, config=replace(FAST, **config))
    session.client.retry = RetryPolicy(attempts=4, base_delay=0.02, max_delay=0.1)
    return session


async def settle(session: Session, timeout: float = 60.0) -> list[Item]:
    """Wait until the engine is idle; every item's final journal row."""
    await asyncio.wait_for(session.engine.wait_idle(), timeout)
    return session.journal.items()


def all_final(items: list[Item]) -> bool:
    return all(i.state in FINAL_STATES for i in items)


def drive(sim, key: str, body, **config):
    """Open a session, run `await body(session)`, always close it: all on one loop."""

    async def main():
        session = open_session(sim, key, **config)
        try:
            return await body(session)
        finally:
            await session.aclose()

    return asyncio.run(main())


async def run_all(session: Session, request: TaskRequest = FOX, count: int = 1,
                  timeout: float = 60.0) -> list[Item]:
    await session.engine.start()
    await session.engine.submit(request, count)
    return await settle(session, timeout)
