"""A real HTTP server speaking shared/API.md: demo mode and every integration test."""

from .knobs import Knobs
from .server import Simulator, new_key

__all__ = ["Knobs", "Simulator", "new_key"]
