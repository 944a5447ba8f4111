"""Helpers shared by the benchmarks: a throw-away home, load averages, medians with their
spread, and a results table. Every benchmark prints the machine's load beside its figures:
on a shared machine a ratio means little without it."""

from __future__ import annotations

import contextlib
import os
import statistics
import tempfile
from collections.abc import Iterator

XDG = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME")


@contextlib.contextmanager
def xdg_home(home: str) -> Iterator[str]:
    """Point every XDG directory into `home` for the block's life, then restore them."""
    saved = {var: os.environ.get(var) for var in XDG}
    os.environ.update({var: os.path.join(home, var.lower()) for var in XDG})
    try:
        yield home
    finally:
        for var, value in saved.items():
            if value is None:
                os.environ.pop(var, None)
            else:
                os.environ[var] = value


@contextlib.contextmanager
def scratch_home() -> Iterator[str]:
    """A fresh temporary home for the benchmark's life (each path of a benchmark gets its
    own profiles, journals and libraries)."""
    with tempfile.TemporaryDirectory(prefix="airforce-bench-") as home, xdg_home(home):
        yield home


def load() -> str:
    """The 1-, 5- and 15-minute load averages, as `uptime` shows them."""
    return "load {:.2f} {:.2f} {:.2f}".format(*os.getloadavg())


def cores() -> int:
    return os.cpu_count() or 1


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def spread(values: list[float], fmt: str = "{:.0f}", scale: float = 1.0) -> str:
    """`median [min–max]` of values (each multiplied by scale), in fmt."""
    if not values:
        return "-"
    low, mid, high = (v * scale for v in (min(values), median(values), max(values)))
    return f"{fmt.format(mid)} [{fmt.format(low)}–{fmt.format(high)}]"


def table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
                     for row in rows)


def header(what: str) -> str:
    """A first line naming the machine's state: cores and load before the runs start."""
    return f"{what} — {cores()} cores, {load()} at start"
