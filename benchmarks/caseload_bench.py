"""Caseload benchmark: an office of 3,000 reviews, written with the core's commands.

    python benchmarks/caseload_bench.py [--reviews N] [--office DIR] [--fresh] [--shot PNG]

The office is generated once into a temporary folder (reused while its marker file says
it is complete; ``--fresh`` rebuilds it) and never in the repository. Each timing is
printed beside its bound, the least the work could cost done bare: a cold scan beside a
bare ``sqlite3`` read of the same fields from every file; an unchanged rescan beside a
bare ``stat`` walk; ``caseload list``, the window's filters and the view's opening beside
their budgets (100 ms, 100 ms, 500 ms). Best of three where a run does not change state.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

GENERATOR_VERSION = 1
BODY = "Great Lakes Law Enforcement Accreditation Council"


def office(n: int, folder: Path | None, fresh: bool) -> Path:
    from reviewer_app.core.caseload.sample_office import office_plans, write_office

    folder = folder or Path(tempfile.gettempdir()) / f"reviewer_app-office-v{GENERATOR_VERSION}-{n}"
    marker = folder / ".complete"
    if marker.exists() and not fresh:
        print(f"office: {n} reviews reused from {folder}")
        return folder
    if folder.exists():
        import shutil

        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    start = time.perf_counter()
    plans = office_plans(n, BODY, today=datetime.now(UTC))

    def progress(done: int, total: int) -> None:
        if done % 250 == 0 or done == total:
            print(f"  writing reviews: {done}/{total}", flush=True)

    write_office(folder, plans, duplicates=max(n // 200, 1), progress=progress)
    marker.write_text(str(n))
    print(f"office: {n} reviews written in {time.perf_counter() - start:.0f} s to {folder}")
    return folder


def review_files(folder: Path) -> list[str]:
    return [str(p) for p in folder.rglob("*.review")]


def bare_sqlite_read(paths: list[str]) -> float:
    """Open each file read-only and read the same fields the scan reads, nothing else."""
    start = time.perf_counter()
    for p in paths:
        conn = sqlite3.connect(Path(p).absolute().as_uri() + "?mode=ro&immutable=1", uri=True)
        conn.execute("SELECT agency_name, agency_ori, agency_state, credentialing_body, "
                     "assessor, standards_id, standards_sha256, created_at, review_uuid "
                     "FROM review").fetchone()
        conn.execute("SELECT item_id, result, needs_rereview FROM findings").fetchall()
        conn.execute("SELECT at, actor FROM log ORDER BY id DESC LIMIT 1").fetchone()
        conn.execute("SELECT at FROM log WHERE action = 'set_finding' ORDER BY id DESC "
                     "LIMIT 1").fetchone()
        conn.close()
    return time.perf_counter() - start


def bare_stat_walk(folder: Path) -> float:
    start = time.perf_counter()
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            if name.endswith(".review"):
                os.stat(os.path.join(dirpath, name))
    return time.perf_counter() - start


def best(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def row(name: str, seconds: float, bound: str) -> None:
    print(f"{name:<34} {seconds * 1000:>9.1f} ms   {bound}", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reviews", type=int, default=3000)
    ap.add_argument("--office", type=Path, help="folder for the office (default: temp)")
    ap.add_argument("--fresh", action="store_true", help="rebuild the office")
    ap.add_argument("--shot", type=Path, help="also save the Caseload view at 1440x900")
    args = ap.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from reviewer_app.core.caseload.index import CaseloadIndex
    from reviewer_app.core.caseload.queries import select, with_flags
    from reviewer_app.core.caseload.scan import scan

    folder = office(args.reviews, args.office, args.fresh)
    paths = review_files(folder)
    print(f"{len(paths)} review files, {sum(os.path.getsize(p) for p in paths) / 1e6:.0f} MB; "
          f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs\n")
    print(f"{'measure':<34} {'time':>12}   bound")
    work = Path(tempfile.mkdtemp(prefix="caseload-bench-"))
    db = work / "index.sqlite"

    bare = bare_sqlite_read(paths)
    with CaseloadIndex.open(db) as index:
        start = time.perf_counter()
        report = scan(index, [folder])
        cold = time.perf_counter() - start
    row("cold scan", cold, f"bare sqlite3 read of the same fields {bare * 1000:.0f} ms; "
        f"budget 15 s ({report.read} read, {len(report.problems)} problems)")

    stat_walk = min(bare_stat_walk(folder) for _ in range(3))
    with CaseloadIndex.open(db) as index:
        rescan = best(lambda: scan(index, [folder]))
        again = scan(index, [folder])
    row("unchanged rescan", rescan, f"bare stat walk {stat_walk * 1000:.0f} ms; budget 1 s "
        f"({again.read} read, {again.unchanged} unchanged)")

    def listing() -> None:
        with CaseloadIndex.open(db, create=False) as index:
            rows = with_flags(index.entries())
        select(rows, outcomes=["Certified"], expiring_within=90)

    def bare_list() -> None:
        conn = sqlite3.connect(db)
        conn.execute("SELECT * FROM entries").fetchall()
        conn.close()

    row("caseload list (open, flag, filter)", best(listing),
        f"bare SELECT of the rows {best(bare_list) * 1000:.0f} ms; budget 100 ms")
    window_measures(db, folder, args.shot)
    return 0


def window_measures(db: Path, folder: Path, shot: Path | None) -> None:
    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication

    from reviewer_app.ui.caseload.page import FOLDERS_KEY, CaseloadPage
    from reviewer_app.ui.window.settings import Settings

    app = QApplication.instance() or QApplication([])
    from reviewer_app.ui.common.style import apply_style

    apply_style(app)  # type: ignore[arg-type]
    settings = Settings(QSettings(str(db.with_suffix(".ini")), QSettings.Format.IniFormat))
    settings.set_value(FOLDERS_KEY, [str(folder)])
    start = time.perf_counter()
    page = CaseloadPage(settings, index_path=db)
    page.resize(1440, 900)
    page.load()
    page.show()
    QCoreApplication.processEvents()
    page.grab()  # the first paint, as the user would see it
    row("Caseload view opens (3,000 rows)", time.perf_counter() - start, "budget 500 ms")

    def filters() -> None:
        page.search.setText("springfield")
        page.chips["Certified"].setChecked(True)
        page.chips["expiring"].setChecked(True)
        page.search.setText("")
        page.chips["Certified"].setChecked(False)
        page.chips["expiring"].setChecked(False)

    row("window filters (6 changes)", best(filters), "budget 100 ms each: "
        f"{best(filters) / 6 * 1000:.1f} ms per change")
    start = time.perf_counter()
    page.table.sortByColumn(6, page.table.horizontalHeader().sortIndicatorOrder())
    row("sort by expiry", time.perf_counter() - start, "budget 100 ms")
    if shot:
        page.table.sortByColumn(0, page.table.horizontalHeader().sortIndicatorOrder())
        page.grab().save(str(shot))
        print(f"screenshot: {shot}")


if __name__ == "__main__":
    sys.exit(main())
