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


def time_run(cmd: list[str], args: list[str], tmp: Path) -> float:
    home = tmp / "home"
    home.mkdir(parents=True, exist_ok=True)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home),
           "LANG": "C.UTF-8", "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp),
           "REVIEWER_APP_DATA_DIR": str(tmp / "data")}
    args = [a.replace("{tmp}", str(tmp)) for a in args]
    t0 = time.perf_counter()
    proc = subprocess.run([*cmd, *args], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=600)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd + args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return elapsed


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
    results: dict[str, dict[str, list[float]]] = {}
    for case, case_args in cases.items():
        for kind, cmd in commands().items():
            times = []
            for _ in range(args.runs):
                with tempfile.TemporaryDirectory(prefix="reviewer-startup-") as tmp:
                    times.append(time_run(cmd, case_args, Path(tmp)))
            results.setdefault(case, {})[kind] = times
    print(f"load average at the end: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores); "
          f"{args.runs} runs each, seconds")
    print(f"{'case':<22}{'source median':>15}{'frozen median':>15}   runs (source | frozen)")
    for case, by_kind in results.items():
        src, frz = by_kind["source"], by_kind["frozen"]
        print(f"{case:<22}{statistics.median(src):>15.2f}{statistics.median(frz):>15.2f}   "
              f"{' '.join(f'{t:.2f}' for t in src)} | {' '.join(f'{t:.2f}' for t in frz)}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
