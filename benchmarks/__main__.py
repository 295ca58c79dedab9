"""python -m benchmarks --json PATH [--quick] [--only NAME,...] [--list]"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import time
from pathlib import Path

from benchmarks.harness import HEADER, Context, Metric, format_row, run_info, run_metric, write_json

GROUPS = ("m_startup", "m_open_render", "m_index_suggest_link", "m_export", "m_reanchor",
          "m_merge", "m_memory")


def all_metrics() -> list[Metric]:
    metrics: list[Metric] = []
    for group in GROUPS:
        metrics.extend(importlib.import_module(f"benchmarks.{group}").METRICS)
    return metrics


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks",
                                 description="Measure reviewer_app against its budgets.")
    ap.add_argument("--json", type=Path, help="write the results here")
    ap.add_argument("--quick", action="store_true", help="fewer repetitions (for tests)")
    ap.add_argument("--only", help="comma-separated metric names (see --list)")
    ap.add_argument("--list", action="store_true", help="list the metrics and exit")
    args = ap.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    metrics = all_metrics()
    if args.list:
        for m in metrics:
            budget = m.budget.describe(m.unit) if m.budget else ""
            print(f"{m.name:<22} {budget:<18} {m.about}")
        return 0
    if args.only:
        wanted = [n.strip() for n in args.only.split(",") if n.strip()]
        known = {m.name for m in metrics}
        unknown = [n for n in wanted if n not in known]
        if unknown:
            ap.error(f"unknown metric(s) {', '.join(unknown)}; known: {', '.join(sorted(known))}")
        metrics = [m for m in metrics if m.name in wanted]

    ctx = Context(quick=args.quick)
    start = time.perf_counter()
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on "
          f"{os.cpu_count()} CPUs{' (quick)' if args.quick else ''}", flush=True)
    print(HEADER, flush=True)
    results = []
    for metric in metrics:
        result = run_metric(metric, ctx)
        results.append(result)
        print(format_row(result), flush=True)
        if args.json:  # written after every metric, so an interrupted run keeps its figures
            write_json(args.json, results, run_info(args.quick, time.perf_counter() - start))
    info = run_info(args.quick, time.perf_counter() - start)
    missed = [r.name for r in results if r.verdict() == "MISS"]
    errors = [r.name for r in results if r.status == "error"]
    print(f"\n{len(results)} metrics in {info['seconds']:.0f} s; "
          f"{sum(r.verdict() == 'PASS' for r in results)} budgets met, "
          f"{len(missed)} missed{': ' + ', '.join(missed) if missed else ''}"
          f"{'; errors: ' + ', '.join(errors) if errors else ''}")
    if args.json:
        write_json(args.json, results, info)
        print(f"results written to {args.json}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
