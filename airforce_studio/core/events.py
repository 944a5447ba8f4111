"""What the engine publishes: immutable snapshots, delivered to subscriber callbacks.

One mechanism for every consumer: the CLI prints from a callback, the GUI re-emits a
Qt signal from one (queued, never inside the engine's call). A callback that raises is
logged and never breaks the engine.

Notices carry a *kind* and *parameters*, never finished sentences: the window words them
(so they can be translated) and the CLI uses `english()` below.

Notice kinds and their parameters:

- `paused`          reason ("user" | "account" | "server" | "local"), detail (str),
                    cause ("key" | "balance" | "budget" for an account pause, else "")
- `resumed`         reason
- `drained`         —
- `lost`            item_id, task_id, why
- `failed`          item_id, task_id, why, charged (bool: the provider keeps the charge)
- `paid-twice`      item_id, duplicate_item_id, task_ids (tuple)
- `needs-attention` item_id, step, error
- `server-trouble`  request_kind ("create" | "read" | "download"), status (int | None),
                    body ("html" | "not-json" | None), host, error (str),
                    next_try_at (epoch seconds), failures (int)
- `server-ok`       request_kind
- `local-trouble`   what ("disk-full" | "unwritable"), path, waiting (int: never sent),
                    at_provider (int: sent, still to be fetched)
- `recovery-report` reattached, requeued, lost, paid_twice, failed, needs_attention
                    (ints), lost_items (tuple of item ids)
- `db-recovered`    file, reason, moved_to, clips, debits, tasks (ints)
- `check-deferred`  what ("duplicate" | "elsewhere"), item_id (for a duplicate), error:
                    a background look at the task list failed; the next start looks again
- `warning`         text
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .journal import Item

log = logging.getLogger(__name__)

PAUSE_REASONS = ("user", "account", "server", "local")


@dataclass(frozen=True)
class EngineNotice:
    """Engine-wide news: a kind from the table above and its parameters."""

    kind: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def get(self, name: str, default: Any = None) -> Any:
        return self.params.get(name, default)

    @property
    def message(self) -> str:
        """The English wording (CLI, logs); the window words notices itself."""
        return english(self)


def english(notice: EngineNotice) -> str:
    p = notice.params
    match notice.kind:
        case "paused":
            return f"queue paused ({p.get('reason')}): {p.get('detail', '')}".rstrip(": ")
        case "resumed":
            return "the queue is sending again"
        case "drained":
            return "every clip in the queue is done"
        case "lost":
            return f"clip {p.get('task_id') or p.get('item_id')} is lost (not refunded): " \
                   f"{p.get('why')}"
        case "failed":
            keeps = " (the provider keeps the charge)" if p.get("charged") else ""
            return f"clip {p.get('task_id') or p.get('item_id')} failed{keeps}: {p.get('why')}"
        case "paid-twice":
            return (f"paid twice for clip {p.get('item_id')}: both kept "
                    f"(the second is clip {p.get('duplicate_item_id')})")
        case "needs-attention":
            return (f"clip {p.get('item_id')} needs attention ({p.get('step')}): "
                    f"{p.get('error')}; run `resume` to try again")
        case "server-trouble":
            return f"server trouble on {p.get('request_kind')} requests: {p.get('error')}"
        case "server-ok":
            return f"the server answers {p.get('request_kind')} requests again"
        case "local-trouble":
            what = "disk full" if p.get("what") == "disk-full" else "data folder not writable"
            return (f"{what} ({p.get('path')}): {p.get('waiting', 0)} clips wait in the "
                    f"journal, {p.get('at_provider', 0)} already sent wait at the provider; "
                    f"free space and run `resume`")
        case "recovery-report":
            return (f"recovered the last session: re-attached {p.get('reattached', 0)}, "
                    f"sent again {p.get('requeued', 0)}, "
                    f"lost {p.get('lost', 0)} (not refunded), failed {p.get('failed', 0)}, "
                    f"paid twice {p.get('paid_twice', 0)}, "
                    f"needs attention {p.get('needs_attention', 0)}")
        case "db-recovered":
            return (f"{p.get('file')} was unreadable ({p.get('reason')}); moved aside to "
                    f"{p.get('moved_to')}; recovered {p.get('clips', 0)} clips, "
                    f"{p.get('debits', 0)} debits, {p.get('tasks', 0)} tasks")
        case "check-deferred":
            what = ("check for a duplicate" if p.get("what") == "duplicate"
                    else "look for tasks made elsewhere")
            return f"could not {what}: {p.get('error')}"
        case "warning":
            return str(p.get("text", ""))
    return f"{notice.kind}: {dict(p)}"


EngineEvent = Item | EngineNotice
Subscriber = Callable[[EngineEvent], None]


class EventHub:
    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []
        self._lock = threading.Lock()

    def subscribe(self, callback: Subscriber) -> Callable[[], None]:
        with self._lock:
            self._subscribers.append(callback)

        def unsubscribe() -> None:
            with self._lock:
                if callback in self._subscribers:
                    self._subscribers.remove(callback)

        return unsubscribe

    def publish(self, event: EngineEvent) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for callback in subscribers:
            try:
                callback(event)
            except Exception:
                log.exception("engine subscriber failed on %r", type(event).__name__)

    def notice(self, kind: str, **params: Any) -> EngineNotice:
        event = EngineNotice(kind, params)
        self.publish(event)
        return event
