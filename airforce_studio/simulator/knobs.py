"""Fault knobs: what tests (and curious users) can make the simulator do wrong.

Counters ("the next N ...") make tests deterministic; fractions make storms.
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass
class Knobs:
    task_seconds: float = 30.0  # queued → completed, for a 5 s clip (longer clips scale)
    ttl_seconds: float = 86_400.0  # created → expires_at; small values expire tasks early
    fail_fraction: float = 0.0  # tasks that end `failed` (refunded)
    error_5xx_fraction: float = 0.0  # API requests answered 503
    error_5xx_next: int = 0
    rate_limit_next: int = 0  # API requests answered 429 regardless of load
    garbage_next: int = 0  # API requests answered with a body that is not the contract's
    garbage_kind: str = "html"  # html | truncated | wrongtype
    drop_create_next: int = 0  # creates that succeed, then lose the connection unanswered
    create_delay_seconds: float = 0.0  # a create is paid at once but answered this much later
    cut_stream_after: int = 0  # events per stream connection before it is cut (0 = never)
    refuse_streams_next: int = 0  # stream requests answered 503 (forces the polling fallback)
    sse_pad_bytes: int = 0  # an extra field this long in every event (multi-MB SSE lines)
    sse_quirks: bool = False  # CRLF, comments, split data lines, unknown events
    truncate_downloads_next: int = 0  # downloads cut halfway
    stall_downloads_next: int = 0  # downloads that send half, then go silent for a minute
    download_bytes_per_second: int = 0  # 0 = unthrottled
    max_in_flight: int = 4
    # Faults of the world the engine must hold against (issue 9):
    create_html_always: bool = False  # every create answered 502 + an HTML page, nothing made
    list_lag_seconds: float = 0.0  # the task list omits tasks younger than this
    no_result_url_next: int = 0  # the next tasks made complete without `result_url`
    clock_offset_seconds: float = 0.0  # the server's clock: `Date`, `created`, `expires_at`
    outage_seconds: float = 0.0  # from when set, every API call 503 + HTML for this long

    def __post_init__(self) -> None:
        self.outage_until = 0.0
        if self.outage_seconds:
            self.outage_until = time.monotonic() + self.outage_seconds

    def in_outage(self) -> bool:
        return time.monotonic() < self.outage_until

    def server_time(self) -> float:
        """The simulated server's clock (epoch seconds)."""
        return time.time() + self.clock_offset_seconds

    def update(self, values: dict[str, Any]) -> None:
        known = {f.name: f.type for f in fields(self)}
        for name, value in values.items():
            if name not in known:
                raise ValueError(f"unknown knob {name!r}")
            current = getattr(self, name)
            setattr(self, name, type(current)(value))
            if name == "outage_seconds":  # the window starts now
                self.outage_until = time.monotonic() + float(value)

    def take(self, counter: str) -> bool:
        """Consume one from a `*_next` counter; True if it fired."""
        left = getattr(self, counter)
        if left > 0:
            setattr(self, counter, left - 1)
            return True
        return False

    def roll(self, fraction_name: str) -> bool:
        return random.random() < getattr(self, fraction_name)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @staticmethod
    def add_arguments(parser: argparse.ArgumentParser) -> None:
        for f in fields(Knobs):
            flag = "--" + f.name.replace("_", "-")
            if f.type in ("bool", bool):
                parser.add_argument(flag, action="store_true", default=None)
            else:
                kind = {"float": float, "int": int, "str": str}.get(str(f.type), str)
                parser.add_argument(flag, type=kind, default=None, metavar=f.name.upper())

    @classmethod
    def from_arguments(cls, args: argparse.Namespace) -> Knobs:
        knobs = cls()
        chosen = {f.name: getattr(args, f.name) for f in fields(cls)}
        knobs.update({k: v for k, v in chosen.items() if v is not None})
        return knobs
