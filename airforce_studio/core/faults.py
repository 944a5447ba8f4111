"""Named crash points for the fault-injection suite: `AIRFORCE_CRASH_AT=<point>[:<n>]`
makes the process SIGKILL itself the n-th time (default 1st) it passes that point.

Unset (always, outside that suite) this costs one dictionary lookup per call.
"""

from __future__ import annotations

import os
import signal

POINTS = (
    "before-create",  # journal says submitting; the POST is not sent yet
    "after-create",  # the server created (and charged) the task; the answer is not journaled
    "after-attach",  # task id journaled as created
    "following",  # a progress event arrived
    "before-download",  # journal says downloading
    "after-download",  # the MP4 is in staging, verified
    "after-tag",  # the tagged copy exists in staging
    "after-move",  # the MP4 is in clips/, no sidecar yet
    "after-sidecar",  # the sidecar and index are written; journal not yet archived
)
# `film render` has one more, tested by the film tests: "film-after-submit" (a shot's
# items are journaled; the film file is not yet updated).
_seen: dict[str, int] = {}


def crash_point(name: str) -> None:
    wanted = os.environ.get("AIRFORCE_CRASH_AT")
    if not wanted:
        return
    point, _, nth = wanted.partition(":")
    if point != name:
        return
    _seen[name] = _seen.get(name, 0) + 1
    if _seen[name] == int(nth or 1):
        os.kill(os.getpid(), signal.SIGKILL)
