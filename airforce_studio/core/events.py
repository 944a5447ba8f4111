"""What the engine publishes: immutable snapshots, delivered to subscriber callbacks.

One mechanism for every consumer: the CLI prints from a callback, the GUI re-emits a
Qt signal from one. A callback that raises is logged and never breaks the engine.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from .journal import Item

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class EngineNotice:
    """Engine-wide news: `paused`, `resumed`, `drained`, `lost`, `warning`."""

    kind: str
    message: str


EngineEvent = Item | EngineNotice
Subscriber = Callable[[EngineEvent], None]


class EventHub:
    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        self._subscribers.append(callback)

        def unsubscribe() -> None:
            if callback in self._subscribers:
                self._subscribers.remove(callback)

        return unsubscribe

    def publish(self, event: EngineEvent) -> None:
        for callback in list(self._subscribers):
            try:
                callback(event)
            except Exception:
                log.exception("engine subscriber failed on %r", type(event).__name__)
