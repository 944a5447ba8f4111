"""The asyncio loop inside Qt's (qasync), with the async-generator hooks qasync omits, and
worker threads that yield the CPU to the window.

Without the hooks, leaving an `aiter_sse()` loop early raises "async generator ignored
GeneratorExit" at garbage collection (see shared/QT-NOTES.md).

Worker threads (`asyncio.to_thread`: downloads, hashing, decoding, thumbnails) run at a
lower scheduling priority (nice +WORKER_NICE, Linux, per thread; threads they start
inherit it). On a busy 2-core machine the GUI thread's worst stalls were time spent
*waiting for a CPU* while our own workers held both (issue 14: 30–74 ms queued of an 80 ms
stall, 3–9 ms running); the scheduler now prefers the window. Workers still get every
idle cycle, so their throughput only drops when the window needs the CPU.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

import qasync

WORKER_NICE = 10


def background_priority() -> None:
    """Lower the calling thread's priority (Linux: nice is per thread). Never raises."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid)
                                                 + WORKER_NICE))


def worker_pool() -> ThreadPoolExecutor:
    """asyncio's default executor, with its threads at background priority."""
    return ThreadPoolExecutor(min(32, (os.cpu_count() or 1) + 4),
                              thread_name_prefix="studio-worker",
                              initializer=background_priority)


class StudioEventLoop(qasync.QEventLoop):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.set_default_executor(worker_pool())

    def run_forever(self):
        old_hooks = sys.get_asyncgen_hooks()
        sys.set_asyncgen_hooks(firstiter=self._asyncgen_firstiter_hook,
                               finalizer=self._asyncgen_finalizer_hook)
        try:
            return super().run_forever()
        finally:
            sys.set_asyncgen_hooks(*old_hooks)
