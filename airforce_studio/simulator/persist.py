"""The simulator's accounts and tasks on disk, so a demo keeps its promise across restarts.

Demo mode runs the simulator inside the app: without this, every clip still rendering
at quit would be "lost" at the next start (its task gone with the old process). With a
state folder, tasks, balances, the demo key and the URL-signing secret survive, and
tasks in flight pick up where they were. Written atomically on every change; the files
are small (no clip bytes: the MP4s sit beside the state file and are re-rendered if
missing, since a clip is a pure function of its spec).
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import asdict
from pathlib import Path
from typing import IO, Any

from .. import lockfile
from ..errors import HeldElsewhere
from .render import ClipSpec

STATE_FILE = "state.json"
TASK_FIELDS = ("task_id", "key", "model", "duration_seconds", "cost_cents", "created",
               "expires_at", "status", "progress", "error", "refunded", "deleted",
               "finishes_at", "completed_at", "no_result_url")


class SimulatorBusy(HeldElsewhere):
    """Another process runs a simulator on this state folder."""


class StateStore:
    """One folder: `state.json` (accounts, tasks), `files/` (rendered clips), a lock."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.files_dir = folder / "files"
        self.files_dir.mkdir(parents=True, exist_ok=True)
        self._lock = self._take_lock()
        self._data = self._read()

    def _take_lock(self) -> IO[str]:
        try:
            return lockfile.hold(self.folder / "simulator.lock")
        except lockfile.LockHeld as held:
            raise SimulatorBusy(f"another Airforce Studio process{held.who} is running the "
                                f"demo simulator in {self.folder}; close it first",
                                self.folder) from held

    def _read(self) -> dict[str, Any]:
        try:
            data = json.loads((self.folder / STATE_FILE).read_text("utf-8"))
        except (OSError, ValueError):
            data = {}
        return data if isinstance(data, dict) else {}

    def close(self) -> None:
        self._lock.close()

    # -- values that outlive the process --------------------------------------------------

    def persistent(self, name: str, make: str) -> str:
        """A value made once and kept (the demo key, the signing secret)."""
        value = self._data.get(name)
        if not isinstance(value, str) or not value:
            value = self._data[name] = make
            self._write()
        return value

    def accounts(self) -> dict[str, int]:
        return {k: int(v) for k, v in self._data.get("balances", {}).items()}

    def tasks(self) -> list[tuple[dict[str, Any], ClipSpec]]:
        found = []
        for raw in self._data.get("tasks", []):
            spec = dict(raw["spec"])
            if spec.get("first_frame") is not None:
                spec["first_frame"] = base64.b64decode(spec["first_frame"])
            found.append(({k: raw[k] for k in TASK_FIELDS if k in raw}, ClipSpec(**spec)))
        return found

    def save(self, balances: dict[str, int], tasks: list[Any]) -> None:
        rows = []
        for task in tasks:
            spec = asdict(task.spec)
            if spec["first_frame"] is not None:
                spec["first_frame"] = base64.b64encode(spec["first_frame"]).decode("ascii")
            rows.append({**{k: getattr(task, k) for k in TASK_FIELDS}, "spec": spec})
        self._data["balances"] = balances
        self._data["tasks"] = rows
        self._write()

    def _write(self) -> None:
        target = self.folder / STATE_FILE
        temporary = target.with_suffix(".tmp")
        temporary.write_text(json.dumps(self._data), "utf-8")
        os.replace(temporary, target)


def new_secret() -> str:
    return secrets.token_hex(32)
