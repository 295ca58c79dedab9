"""Repetition, medians, budgets, the printed table and the JSON file.

A metric is a function of a ``Context`` that returns a ``Result`` with its samples (already in
the metric's unit) and, where a raw library call bounds the figure, the samples of that call
measured side by side in the same run (``side_by_side`` interleaves them so both see the same
machine load). A metric whose input is missing (no corpus) raises ``Skip``; it is reported
and does not stop the run, nor does a metric that fails.
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
WORK = ROOT / ".bench"


class Skip(Exception):
    """The metric cannot run here (an input is absent); the message says which."""


@dataclass(frozen=True)
class Budget:
    """What the median must meet: below ``limit`` (in the metric's unit) and/or within
    ``ratio`` times the baseline."""

    limit: float | None = None
    ratio: float | None = None

    def describe(self, unit: str) -> str:
        parts = []
        if self.limit is not None:
            parts.append(f"<{self.limit:g} {unit}")
        if self.ratio is not None:
            parts.append(f"<={self.ratio:g}x")
        return ", ".join(parts)


@dataclass
class Result:
    name: str
    unit: str
    samples: list[float] = field(default_factory=list)
    baseline_samples: list[float] = field(default_factory=list)
    baseline_label: str = ""
    status: str = "ok"  # ok | skipped | error
    note: str = ""
    budget: Budget | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    cpu_samples: list[float] = field(default_factory=list)  # this process's CPU, same unit

    @property
    def median(self) -> float | None:
        return statistics.median(self.samples) if self.samples else None

    @property
    def baseline(self) -> float | None:
        return statistics.median(self.baseline_samples) if self.baseline_samples else None

    @property
    def ratio(self) -> float | None:
        m, b = self.median, self.baseline
        return m / b if m is not None and b else None

    def verdict(self) -> str:
        """PASS or MISS against the budget; empty when there is no budget or no figure."""
        if self.budget is None or self.median is None:
            return ""
        ok = True
        if self.budget.limit is not None:
            ok &= self.median < self.budget.limit
        if self.budget.ratio is not None:
            if self.ratio is None:
                return ""
            ok &= self.ratio <= self.budget.ratio
        return "PASS" if ok else "MISS"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"median": _round(self.median), "unit": self.unit,
                               "status": self.status}
        if self.baseline_samples:
            out.update(baseline=_round(self.baseline), ratio=_round(self.ratio, 3),
                       baseline_label=self.baseline_label,
                       baseline_samples=[_round(s) for s in self.baseline_samples])
        out["samples"] = [_round(s) for s in self.samples]
        if self.cpu_samples:
            out["cpu_median"] = _round(statistics.median(self.cpu_samples))
        if self.budget is not None:
            out["budget"] = self.budget.describe(self.unit)
            out["verdict"] = self.verdict() or None
        if self.note:
            out["note"] = self.note
        out.update(self.extra)
        return out


def _round(x: float | None, digits: int = 2) -> float | None:
    return None if x is None else round(x, digits)


@dataclass(frozen=True)
class Metric:
    name: str
    unit: str
    run: Callable[[Context], Result]
    budget: Budget | None = None
    about: str = ""


class Context:
    """What metrics share in one run: repetition counts, paths and built fixtures."""

    def __init__(self, quick: bool = False, work: Path = WORK):
        self.quick = quick
        self.work = work
        self.work.mkdir(parents=True, exist_ok=True)
        self.cache: dict[str, Any] = {}

    def reps(self, full: int, quick: int = 1) -> int:
        return quick if self.quick else full

    def corpus_doc(self, name: str) -> Path:
        path = CORPUS / "docs" / name
        if not path.exists():
            raise Skip(f"corpus document {name} not available (../shared absent)")
        return path

    def labels(self) -> dict:
        path = CORPUS / "labels.json"
        if not path.exists():
            raise Skip("corpus labels not available (../shared absent)")
        if "labels" not in self.cache:
            self.cache["labels"] = json.loads(path.read_text())
        return self.cache["labels"]

    def fixture(self, key: str, build: Callable[[], Any]) -> Any:
        """Build once per run (not timed) and share between metrics."""
        if key not in self.cache:
            self.cache[key] = build()
        return self.cache[key]


class Timer:
    """Wall and CPU time of each ``with timer:`` block, in seconds.

    The CPU time (all threads of this process, no child processes) tells what the code
    itself costs when other work on the machine stretches the wall-clock figure."""

    def __init__(self) -> None:
        self.wall: list[float] = []
        self.cpu: list[float] = []

    def __enter__(self) -> Timer:
        self._w, self._c = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall.append(time.perf_counter() - self._w)
        self.cpu.append(time.process_time() - self._c)


@contextmanager
def stopwatch() -> Iterator[list[float]]:
    """``with stopwatch() as t: ...`` then ``t[0]`` is the elapsed seconds."""
    out: list[float] = []
    start = time.perf_counter()
    try:
        yield out
    finally:
        out.append(time.perf_counter() - start)


def repeat(fn: Callable[[], float], reps: int, warmup: int = 0) -> list[float]:
    """Run ``fn`` (which returns its own elapsed time, excluding its setup) ``reps`` times."""
    for _ in range(warmup):
        fn()
    return [fn() for _ in range(reps)]


def side_by_side(app: Callable[[], float], raw: Callable[[], float], reps: int,
                 warmup: int = 1) -> tuple[list[float], list[float]]:
    """Alternate the app path and the raw call so both see the same load; returns samples."""
    for _ in range(warmup):
        raw()
        app()
    app_s, raw_s = [], []
    for i in range(reps):
        if i % 2:
            app_s.append(app())
            raw_s.append(raw())
        else:
            raw_s.append(raw())
            app_s.append(app())
    return app_s, raw_s


def scale(samples: list[float], unit: str) -> list[float]:
    factor = {"ms": 1000.0, "s": 1.0}.get(unit, 1.0)
    return [s * factor for s in samples]


def run_child(module: str, *args: str, timeout: float = 300, env: dict | None = None
              ) -> tuple[float, dict]:
    """Run ``python -m module args`` offscreen; returns (wall seconds, its last JSON line)."""
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", module, *args], capture_output=True,
                          text=True, timeout=timeout, env=full_env, cwd=ROOT)
    wall = time.perf_counter() - start
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-6:]
        raise RuntimeError(f"{module} {' '.join(args)} exited {proc.returncode}: "
                           + " | ".join(tail))
    return wall, json.loads(lines[-1])


# --- running and reporting -----------------------------------------------------------------

def run_metric(metric: Metric, ctx: Context) -> Result:
    if hasattr(os, "sync"):
        os.sync()  # earlier metrics' writes must not land in this one's fsyncs
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    start = time.perf_counter()
    try:
        result = metric.run(ctx)
    except Skip as exc:
        result = Result(metric.name, metric.unit, status="skipped", note=str(exc))
    except Exception as exc:  # report and go on: one broken metric must not hide the rest
        tb = traceback.format_exc(limit=-3).strip().splitlines()
        result = Result(metric.name, metric.unit, status="error",
                        note=f"{type(exc).__name__}: {exc}"[:300])
        result.extra["traceback"] = tb
    result.budget = result.budget or metric.budget
    result.extra.setdefault("seconds_spent", round(time.perf_counter() - start, 1))
    if load is not None:
        result.extra.setdefault("load_avg_1min", round(load, 2))
    if metric.about:
        result.extra.setdefault("about", metric.about)
    return result


def _fmt(x: float | None, unit: str) -> str:
    if x is None:
        return "-"
    if unit == "ms":
        return f"{x:.1f} ms" if x < 100 else f"{x:.0f} ms"
    if unit == "s":
        return f"{x:.2f} s"
    if unit == "MB":
        return f"{x:.0f} MB"
    return f"{x:.3g} {unit}"


def format_row(r: Result) -> str:
    ratio = f"{r.ratio:.2f}x" if r.ratio is not None else ""
    budget = r.budget.describe(r.unit) if r.budget else ""
    if r.status != "ok":
        return f"{r.name:<22} {r.status.upper():<10} {r.note}"
    line = (f"{r.name:<22} {_fmt(r.median, r.unit):>10} {_fmt(r.baseline, r.unit):>10} "
            f"{ratio:>7}  {budget:<18} {r.verdict():<5}")
    cpu = ""
    if r.cpu_samples:
        cpu = f"; cpu {_fmt(statistics.median(r.cpu_samples), r.unit)}"
    extra = f"n={len(r.samples)}{cpu}" + (f"; {r.note}" if r.note else "")
    return f"{line} {extra}"


HEADER = (f"{'metric':<22} {'median':>10} {'baseline':>10} {'ratio':>7}  {'budget':<18} "
          f"{'':<5} notes")


def run_info(quick: bool, seconds: float) -> dict[str, Any]:
    import pymupdf

    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True, cwd=ROOT, timeout=10).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = ""
    return {"quick": quick, "seconds": round(seconds, 1), "commit": commit,
            "cpus": os.cpu_count(), "load_avg": [round(x, 2) for x in os.getloadavg()],
            "python": platform.python_version(), "pymupdf": pymupdf.__version__,
            "platform": platform.platform(),
            "finished": time.strftime("%Y-%m-%dT%H:%M:%S")}


def write_json(path: Path, results: list[Result], info: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"metrics": {r.name: r.to_json() for r in results}, "run": info}
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1) + "\n")
    tmp.replace(path)
