"""The asyncio loop inside Qt's (qasync), with the async-generator hooks qasync omits.

Without the hooks, leaving an `aiter_sse()` loop early raises "async generator ignored
GeneratorExit" at garbage collection (see shared/QT-NOTES.md).
"""

from __future__ import annotations

import sys

import qasync


class StudioEventLoop(qasync.QEventLoop):
    def run_forever(self):
        old_hooks = sys.get_asyncgen_hooks()
        sys.set_asyncgen_hooks(firstiter=self._asyncgen_firstiter_hook,
                               finalizer=self._asyncgen_finalizer_hook)
        try:
            return super().run_forever()
        finally:
            sys.set_asyncgen_hooks(*old_hooks)
