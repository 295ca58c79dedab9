"""Start-up time of the frozen build against running from source (prints numbers only).

    .venv/bin/python installer/measure_startup.py [--runs 5] [--json out.json]

Times, for each way of running: ``--version`` (process start to exit), ``--screenshot``
of the demo review (window built, pages rendered, PNG written) and ``--self-test``. Every
run gets a fresh HOME and data folder, so the demo review is built each time as on a
first start. Reports the median and the spread of the runs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FROZEN = ROOT / "dist" / "reviewer-app" / "reviewer-app"


def commands() -> dict[str, list[str]]:
    source = [sys.executable, "-m", "reviewer_app"]
    return {"source": source, "frozen": [str(FROZEN)]}


def time_run(cmd: list[str], args: list[str], tmp: Path) -> tuple[float, float]:
    """Wall-clock seconds and CPU seconds (user + system, children included) of one run;
    CPU time depends much less on what else the machine is doing."""
    home = tmp / "home"
    home.mkdir(parents=True, exist_ok=True)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home),
           "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp),
           "REVIEWER_APP_DATA_DIR": str(tmp / "data")}
    args = [a.replace("{tmp}", str(tmp)) for a in args]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([*cmd, *args], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    elapsed = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd + args)} failed:\n{proc.stdout}\n{proc.stderr}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--json", type=Path)
    args = p.parse_args()
    if not FROZEN.exists():
        raise SystemExit(f"{FROZEN} not found: build it first (make installer)")
    cases = {"--version": ["--version"],
             "--screenshot (demo)": ["--screenshot", "{tmp}/shot.png"],
             "--self-test": ["--self-test"]}
    results: dict[str, dict[str, dict[str, list[float]]]] = {}
    for case, case_args in cases.items():
        for kind, cmd in commands().items():
            runs = []
            for _ in range(args.runs):
                with tempfile.TemporaryDirectory(prefix="reviewer-startup-") as tmp:
                    runs.append(time_run(cmd, case_args, Path(tmp)))
            results.setdefault(case, {})[kind] = {"wall": [w for w, _ in runs],
                                                  "cpu": [c for _, c in runs]}
    print(f"load average at the end: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores); "
          f"{args.runs} runs each; medians in seconds (wall / CPU user+system)")
    print(f"{'case':<22}{'source':>16}{'frozen':>16}   wall runs (source | frozen)")
    for case, by_kind in results.items():
        src, frz = by_kind["source"], by_kind["frozen"]

        def med(r: dict[str, list[float]]) -> str:
            return f"{statistics.median(r['wall']):.2f} / {statistics.median(r['cpu']):.2f}"

        print(f"{case:<22}{med(src):>16}{med(frz):>16}   "
              f"{' '.join(f'{t:.2f}' for t in src['wall'])} | "
              f"{' '.join(f'{t:.2f}' for t in frz['wall'])}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
