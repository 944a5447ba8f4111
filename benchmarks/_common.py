"""Helpers shared by the benchmarks: a throw-away home, medians, a results table."""

from __future__ import annotations

import contextlib
import os
import statistics
import tempfile
from collections.abc import Iterator


@contextlib.contextmanager
def scratch_home() -> Iterator[str]:
    """Point every XDG directory at a temporary folder for the benchmark's life."""
    saved = {k: os.environ.get(k) for k in ("XDG_DATA_HOME", "XDG_CONFIG_HOME",
                                            "XDG_CACHE_HOME", "XDG_STATE_HOME")}
    with tempfile.TemporaryDirectory(prefix="airforce-bench-") as home:
        for var in saved:
            os.environ[var] = os.path.join(home, var.lower())
        try:
            yield home
        finally:
            for var, value in saved.items():
                if value is None:
                    os.environ.pop(var, None)
                else:
                    os.environ[var] = value


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True))
                     for row in rows)
