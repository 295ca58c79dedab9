"""Start-up: process start to the main window painted with the demo review, offscreen.

Each sample starts a fresh interpreter (``_child_startup``) and reads the moment of the
window's first paint from it (``time.monotonic`` is system-wide on Linux, so the child's clock
and the parent's agree). The baseline is a bare QApplication showing an empty QMainWindow in
the same kind of process. ``startup_pages_ms`` goes on until the demo's visible pages are
rendered and drawn (they render in worker processes after the first paint).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time

from benchmarks.harness import ROOT, Budget, Context, Metric, Result
from benchmarks.qt_support import isolate_environment


def _launch(kind: str) -> dict[str, float]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "benchmarks._child_startup", kind],
                          capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    events = {}
    for line in proc.stdout.splitlines():
        if line.startswith("{"):
            msg = json.loads(line)
            events[msg["event"]] = (msg["t"] - t0) * 1000
            events[msg["event"] + "_cpu"] = msg["cpu"] * 1000
    if proc.returncode != 0 or "painted" not in events:
        tail = " | ".join((proc.stderr or proc.stdout).strip().splitlines()[-5:])
        raise RuntimeError(f"{kind} start-up child exited {proc.returncode}: {tail}")
    return events


def _startup(ctx: Context) -> list[Result]:
    isolate_environment()  # children inherit: settings and demo review under .bench/
    _launch("app")  # builds the demo review on first use; warms the OS file cache
    _launch("bare")
    app_s, pages_s, bare_s, show_s, app_cpu, bare_cpu = [], [], [], [], [], []
    for i in range(ctx.reps(7, 1)):
        order = ("bare", "app") if i % 2 == 0 else ("app", "bare")
        for kind in order:
            ev = _launch(kind)
            if kind == "bare":
                bare_s.append(ev["painted"])
                bare_cpu.append(ev["painted_cpu"])
            else:
                app_s.append(ev["painted"])
                app_cpu.append(ev["painted_cpu"])
                if "show" in ev:
                    show_s.append(ev["show"])
                if "pages" in ev:
                    pages_s.append(ev["pages"])
    shown = statistics.median(show_s) if show_s else float("nan")
    first = Result("startup_ms", "ms", app_s, bare_s, "bare QApplication + empty QMainWindow",
                   note=f"process start to first paint of the window with the demo review; "
                        f"show() called at {shown:.0f} ms; bare window cpu "
                        f"{statistics.median(bare_cpu):.0f} ms",
                   extra={"show_called_ms": round(shown),
                          "bare_cpu_ms": round(statistics.median(bare_cpu))},
                   cpu_samples=app_cpu)
    pages = Result("startup_pages_ms", "ms", pages_s, bare_s,
                   "bare QApplication + empty QMainWindow",
                   note="process start to the demo's visible pages rendered and drawn")
    return [first, pages]


def _first(ctx: Context) -> Result:
    return ctx.fixture("startup", lambda: _startup(ctx))[0]


def _pages(ctx: Context) -> Result:
    return ctx.fixture("startup", lambda: _startup(ctx))[1]


METRICS = [
    Metric("startup_ms", "ms", _first, Budget(limit=1000, ratio=1.5),
           "process start to the main window painted with the demo review (offscreen)"),
    Metric("startup_pages_ms", "ms", _pages, None,
           "process start to the demo review's visible pages drawn"),
]
