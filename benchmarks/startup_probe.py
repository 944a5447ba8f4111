"""A `sitecustomize` body (as text) that watches a process's QMainWindow: its first paint,
what was imported by then, and later milestones (the window's dynamic properties
`modelsLoaded` / `libraryReady`). Used by benchmarks.cold_start and
tests/gui/test_startup_imports.py; the app's own code is unchanged by it.

It records the time, which heavy modules were loaded, the app's own modules (their files)
and a few facts about the window at the first paint.

Environment: BENCH_PROBE_OUT (a JSON file to write), BENCH_PROBE_UNTIL (`paint`, the
default, or property names, comma-separated, to wait for after the paint before exiting).
"""

PROBE = '''
"""Benchmark probe: report the first paint of a QMainWindow (and later milestones).
Light on purpose: it runs in the baseline too, so it imports nothing that PySide6 would
not (no importlib.abc/util: they pull in importlib.resources, zipfile, tempfile...)."""
import os, resource, sys, time
from importlib.machinery import PathFinder

HEAVY = ("asyncio", "qasync", "httpx", "PySide6.QtMultimedia", "PIL", "av")
_seen = {}

class _Hook:
    """A meta-path finder that wraps PySide6.QtWidgets' loader once, then leaves."""

    def find_spec(self, name, path, target=None):
        if name != "PySide6.QtWidgets":
            return None
        sys.meta_path.remove(self)
        spec = PathFinder.find_spec(name, path)
        run = spec.loader.exec_module
        def exec_module(module):
            run(module)
            _patch(module)
        spec.loader.exec_module = exec_module
        return spec

def _window_facts(window):
    facts = {}
    for name, get in (("queue_rows", lambda: window.queue.model.rowCount()),
                      ("library_rows", lambda: window.library_view.model.rowCount()),
                      ("editor", lambda: type(window.editor).__name__)):
        try:
            facts[name] = get()
        except Exception as error:
            facts[name] = repr(error)
    return facts

def _write():
    import json
    with open(os.environ["BENCH_PROBE_OUT"], "w") as out:
        json.dump(_seen, out)

def _patch(widgets):
    from PySide6.QtCore import QEvent, QObject
    until = os.environ.get("BENCH_PROBE_UNTIL", "paint")
    class Probe(QObject):
        def eventFilter(self, watched, event):
            kind = event.type()
            if kind == QEvent.Type.Paint and "painted" not in _seen:
                _seen["painted"] = time.time()
                _seen["heavy_loaded"] = [m for m in HEAVY if m in sys.modules]
                _seen["app_modules"] = sorted(
                    module.__file__ for name, module in list(sys.modules.items())
                    if name.startswith("airforce_studio") and getattr(module, "__file__", None))
                _seen["window"] = _window_facts(watched)
                _seen["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
                if until == "paint":
                    _write()
                    os._exit(0)
            elif kind == QEvent.Type.DynamicPropertyChange and "painted" in _seen:
                name = bytes(event.propertyName()).decode()
                _seen.setdefault(name, time.time())
                if all(wanted in _seen for wanted in until.split(",")):
                    _seen["rss_mb"] = resource.getrusage(
                        resource.RUSAGE_SELF).ru_maxrss / 1024
                    _write()
                    os._exit(0)
            return False
    # The filter watches each main window only: a filter on the whole application would
    # make PySide wrap every object that gets an event (finding each one's Python type
    # costs ms at start), which the program itself may never do.
    base = widgets.QMainWindow
    class MainWindow(base):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._bench_probe = Probe()
            self.installEventFilter(self._bench_probe)
    widgets.QMainWindow = MainWindow

if os.environ.get("BENCH_PROBE_OUT"):
    sys.meta_path.insert(0, _Hook())
'''
