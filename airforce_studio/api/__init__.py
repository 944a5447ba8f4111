"""The HTTP contract of the video API (shared/API.md) as typed async Python. No Qt here."""

from .client import ApiClient
from .errors import (
    ApiError,
    AuthError,
    BadRequest,
    ConnectionFailed,
    NotFound,
    PaymentRequired,
    ProtocolError,
    RateLimited,
    RequestInvalid,
    ServerError,
    StreamDropped,
    UnsafeUrl,
)
from .types import InputImage, Model, Task, TaskError, TaskRequest, TaskStatus, VideoCaps

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
