"""Modules that load on first use, for the start-up path (issue 14).

The window paints before asyncio, httpx, PIL or QtMultimedia load; a module on that path
that only *calls* one of them later writes `from ..lazy import asyncio` instead of
`import asyncio`. Annotations stay free (`from __future__ import annotations`).
tests/gui/test_startup_imports.py fails if the entry point loads one before first paint.
"""

from __future__ import annotations

import importlib
import sys
import types


class LazyModule(types.ModuleType):
    """Stands in for a module; the first attribute read imports it and hands it over."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.__dict__["_lazy_name"] = name

    def __getattr__(self, attr: str):
        module = importlib.import_module(self.__dict__["_lazy_name"])
        return getattr(module, attr)

    def __repr__(self) -> str:
        return f"<lazy module {self.__dict__['_lazy_name']!r}>"


def loaded(name: str) -> bool:
    return name in sys.modules


asyncio = LazyModule("asyncio")
httpx = LazyModule("httpx")
PIL_Image = LazyModule("PIL.Image")
