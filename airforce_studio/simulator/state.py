"""Accounts and tasks of the simulator, and the time-driven life of each task.

Everything here runs on the simulator's own event loop (one thread), so no locks.
"""

from __future__ import annotations

import asyncio
import hashlib
import math
import secrets
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .knobs import Knobs
from .persist import StateStore
from .render import ClipSpec, render_clip

PROGRESS_STEPS = 10
FORGET_AFTER_EXPIRY_SECONDS = 86_400.0  # a demo's state keeps tasks a day past expiry


@dataclass
class SimTask:
    task_id: str
    key: str
    model: str
    duration_seconds: int
    cost_cents: int
    created: float
    expires_at: float
    spec: ClipSpec
    status: str = "queued"
    progress: int | None = None
    error: dict[str, str] | None = None
    refunded: bool = False
    deleted: bool = False
    mp4_path: Path | None = None
    jpg_path: Path | None = None
    mp4_sha256: str | None = None
    version: int = 0
    finishes_at: float = 0.0
    completed_at: float | None = None  # when it turned completed (benchmarks measure from it)
    no_result_url: bool = False  # completed, but its result_url is never shown (a knob)
    changed: asyncio.Event = field(default_factory=asyncio.Event)

    @property
    def in_flight(self) -> bool:
        return self.status in ("queued", "running")

    @property
    def terminal(self) -> bool:
        return not self.in_flight


@dataclass
class Account:
    key: str
    balance_cents: int
    tasks: dict[str, SimTask] = field(default_factory=dict)

    def in_flight(self) -> list[SimTask]:
        return [t for t in self.tasks.values() if t.in_flight]


class SimState:
    """All accounts; creates tasks and drives them through queued → running → terminal."""

    def __init__(self, knobs: Knobs, files_dir: Path, default_balance_cents: int,
                 store: StateStore | None = None) -> None:
        self.knobs = knobs
        self.files_dir = files_dir
        self.default_balance_cents = default_balance_cents
        self.accounts: dict[str, Account] = {}
        self.requests: list[dict[str, Any]] = []  # every request seen, for tests
        self._drivers: set[asyncio.Task[None]] = set()
        self.store = store
        if store is not None:
            self._load(store)

    # -- on disk (demo mode) --------------------------------------------------------------

    def _load(self, store: StateStore) -> None:
        for key, balance in store.accounts().items():
            self.accounts[key] = Account(key, balance)
        forget_before = time.time() - FORGET_AFTER_EXPIRY_SECONDS
        for fields_, spec in store.tasks():
            task = SimTask(spec=spec, **fields_)
            mp4 = self.files_dir / f"{task.task_id}.mp4"
            jpg = mp4.with_suffix(".jpg")
            if task.expires_at < forget_before:  # long gone: the state file stays small
                mp4.unlink(missing_ok=True)
                jpg.unlink(missing_ok=True)
                continue
            if mp4.exists() and jpg.exists():
                task.mp4_path, task.jpg_path = mp4, jpg
                task.mp4_sha256 = hashlib.sha256(mp4.read_bytes()).hexdigest()
            self.account(task.key).tasks[task.task_id] = task

    def resume(self) -> None:
        """On the simulator's loop, after a load: tasks in flight carry on rendering."""
        for account in self.accounts.values():
            for task in account.tasks.values():
                if task.in_flight and not task.deleted:
                    self._spawn(self._drive(task, max(0.5, task.finishes_at - time.time())))
                elif task.status == "completed" and task.mp4_path is None and not task.deleted:
                    self._spawn(self._rerender(task))

    async def _rerender(self, task: SimTask) -> None:
        await asyncio.get_running_loop().run_in_executor(None, self._render, task)

    def _save(self) -> None:
        if self.store is not None:
            self.store.save({k: a.balance_cents for k, a in self.accounts.items()},
                            [t for a in self.accounts.values() for t in a.tasks.values()])

    def _spawn(self, coro: Any) -> None:
        driver = asyncio.get_running_loop().create_task(coro)
        self._drivers.add(driver)
        driver.add_done_callback(self._drivers.discard)

    # -- accounts and tasks ---------------------------------------------------------------

    def account(self, key: str) -> Account:
        if key not in self.accounts:
            self.accounts[key] = Account(key, self.default_balance_cents)
        return self.accounts[key]

    def find(self, key: str, task_id: str) -> SimTask | None:
        task = self.account(key).tasks.get(task_id)
        return None if task is None or task.deleted else task

    def create(self, key: str, model: str, duration: int, cost: int, spec: ClipSpec) -> SimTask:
        now = time.time()
        task_id = "vid_" + secrets.token_hex(8).upper()
        seconds = self.knobs.task_seconds * max(1.0, duration / 5)
        task = SimTask(
            task_id=task_id,
            key=key,
            model=model,
            duration_seconds=duration,
            cost_cents=cost,
            created=now,
            expires_at=now + self.knobs.ttl_seconds,
            spec=spec,
            finishes_at=now + seconds,
            no_result_url=self.knobs.take("no_result_url_next"),
        )
        account = self.account(key)
        account.balance_cents -= cost
        account.tasks[task_id] = task
        self._spawn(self._drive(task, seconds))
        self._save()
        return task

    def retry_after(self, key: str) -> int:
        """Whole seconds until the soonest in-flight task of this key should finish."""
        pending = [t.finishes_at for t in self.account(key).in_flight()]
        wait = min(pending) - time.time() if pending else 1.0
        return max(1, math.ceil(wait))

    async def _drive(self, task: SimTask, seconds: float) -> None:
        queued_for = seconds * 0.1
        step = seconds * 0.9 / PROGRESS_STEPS
        fail_at = PROGRESS_STEPS // 2 if self.knobs.roll("fail_fraction") else None
        await asyncio.sleep(queued_for)
        if not self._alive(task):
            return
        rendering = asyncio.get_running_loop().run_in_executor(None, self._render, task)
        for index in range(PROGRESS_STEPS):
            self._set(task, status="running", progress=index * 100 // PROGRESS_STEPS)
            if fail_at is not None and index == fail_at:
                self._end(task, "failed", {
                    "type": "generation_failed",
                    "message": "The model could not render this scene (simulated failure).",
                })
                return
            await asyncio.sleep(step)
            if not self._alive(task):
                return
        await rendering
        if self._alive(task):
            task.completed_at = time.time()
            self._set(task, status="completed", progress=100)

    def _alive(self, task: SimTask) -> bool:
        """False once the task ended (deleted or expired while we waited)."""
        if task.deleted or task.terminal:
            return False
        if time.time() >= task.expires_at:
            self._end(task, "expired", {"type": "expired",
                                        "message": "The task expired before it finished."})
            return False
        return True

    def _render(self, task: SimTask) -> None:
        mp4 = self.files_dir / f"{task.task_id}.mp4"
        jpg = self.files_dir / f"{task.task_id}.jpg"
        render_clip(task.spec, mp4, jpg)
        task.mp4_path, task.jpg_path = mp4, jpg
        task.mp4_sha256 = hashlib.sha256(mp4.read_bytes()).hexdigest()

    def _end(self, task: SimTask, status: str, error: dict[str, str]) -> None:
        if status in ("failed", "expired") and not task.refunded:
            self.account(task.key).balance_cents += task.cost_cents
            task.refunded = True
        self._set(task, status=status, error=error)

    def _set(self, task: SimTask, **changes: Any) -> None:
        for name, value in changes.items():
            setattr(task, name, value)
        task.version += 1
        task.changed.set()
        task.changed = asyncio.Event()
        self._save()

    def delete(self, task: SimTask) -> None:
        task.deleted = True
        for path in (task.mp4_path, task.jpg_path):
            if path is not None:
                path.unlink(missing_ok=True)
        self._set(task)

    def sweep_expired(self, key: str) -> None:
        for task in self.account(key).in_flight():
            self._alive(task)

    async def aclose(self) -> None:
        for driver in list(self._drivers):
            driver.cancel()
        await asyncio.gather(*self._drivers, return_exceptions=True)
