"""The HTTP contract of the video API (shared/API.md) as typed async Python. No Qt here.

The names below load on first use (PEP 562): `from ..api.types import Model` must not
import httpx, so the window can paint before the network stack loads (issue 14).
"""

from importlib import import_module

_HOME = {"ApiClient": "client", "InputImage": "types", "Model": "types", "Task": "types",
         "TaskError": "types", "TaskRequest": "types", "TaskStatus": "types",
         "VideoCaps": "types"}


def __getattr__(name: str):
    module = _HOME.get(name, "errors" if name in __all__ else None)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "ApiClient",
    "ApiError",
    "AuthError",
    "BadRequest",
    "ConnectionFailed",
    "InputImage",
    "Model",
    "NotFound",
    "PaymentRequired",
    "ProtocolError",
    "RateLimited",
    "RequestInvalid",
    "ServerError",
    "StreamDropped",
    "Task",
    "TaskError",
    "TaskRequest",
    "TaskStatus",
    "UnsafeUrl",
    "VideoCaps",
]
