"""How long indexing and suggesting take on a long manual (La Grange, 758 pages).

    .venv/bin/python benchmarks/suggest_speed.py [--pdf PATH] [--runs 3]

Times, best of ``--runs`` (wall clock and process CPU, which is steadier on a busy machine):
- extract: canonical text and word boxes of every page (textmap.extract_document);
- segment: clause segmentation (segment.segment_document);
- fts: writing the passages and their FTS5 index (indexing.index_passages);
- index total: extract + segment + fts, the cost of indexing a document once;
- add-doc: the whole AddDocument command into a review file (pages, PDF and index saved);
- suggest: suggestions for every item of the standards set from that review file.
Targets: index total under 3 s, suggest under 0.3 s. Prints a table, then one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pymupdf  # noqa: E402
from sqlite_utils import Database  # noqa: E402

from reviewer_app.core.checklist.standards import resolve_standards  # noqa: E402
from reviewer_app.core.index import passages as indexing  # noqa: E402
from reviewer_app.core.index.segment import segment_document  # noqa: E402
from reviewer_app.core.pdf.documents import inspect_pdf  # noqa: E402
from reviewer_app.core.review import commands as cmd  # noqa: E402
from reviewer_app.core.review.schema import migrations  # noqa: E402
from reviewer_app.core.review.store import ReviewStore  # noqa: E402
from reviewer_app.core.suggest.engine import suggest  # noqa: E402
from reviewer_app.core.text.textmap import extract_document  # noqa: E402

DEFAULT_PDF = ROOT.parent / "shared" / "corpus" / "docs" / "la-grange-il_policy-manual.pdf"


def timed(fn):
    w, c = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - w, time.process_time() - c


def best(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return min(r[0] for r in runs), min(r[1] for r in runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf", type=Path, default=DEFAULT_PDF)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if not args.pdf.exists():
        print(f"no such PDF: {args.pdf}", file=sys.stderr)
        return 2
    data = args.pdf.read_bytes()
    standards = resolve_standards("doj-2020")
    times: dict[str, list[tuple[float, float]]] = {k: [] for k in
                                                   ("extract", "segment", "fts", "add-doc",
                                                    "suggest")}
    pages = passages = 0
    for _ in range(args.runs):
        doc = pymupdf.open(stream=data, filetype="pdf")
        text, w, c = timed(lambda doc=doc: extract_document(doc))
        doc.close()
        times["extract"].append((w, c))
        pages = len(text.pages)
        found, w, c = timed(lambda text=text: segment_document(text))
        passages = len(found)
        times["segment"].append((w, c))
        db = Database(sqlite3.connect(":memory:"))
        migrations.apply(db)
        _, w, c = timed(lambda db=db, found=found: indexing.index_passages(db, 1, found))
        times["fts"].append((w, c))

        info = inspect_pdf(data, args.pdf.name)
        with tempfile.TemporaryDirectory() as tmp:
            store = ReviewStore.create(Path(tmp) / "speed.review", agency_name="Speed PD",
                                       standards=standards)
            add = cmd.AddDocument(data, args.pdf.name, info)
            _, w, c = timed(lambda store=store, add=add: cmd.run(store, add))
            times["add-doc"].append((w, c))
            results, w, c = timed(lambda store=store: suggest(store))
            times["suggest"].append((w, c))
            store.close()
    rows = {k: best(v) for k, v in times.items()}
    total = tuple(rows["extract"][i] + rows["segment"][i] + rows["fts"][i] for i in (0, 1))
    print(f"{args.pdf.name}: {pages} pages, {passages} passages, "
          f"{len(standards.items)} items; best of {args.runs}; "
          f"load average {os.getloadavg()[0]:.1f}")
    print(f"{'step':<14} {'wall s':>8} {'cpu s':>8}")
    for key in ("extract", "segment", "fts"):
        print(f"{key:<14} {rows[key][0]:>8.3f} {rows[key][1]:>8.3f}")
    print(f"{'index total':<14} {total[0]:>8.3f} {total[1]:>8.3f}   (target < 3 s)")
    print(f"{'add-doc':<14} {rows['add-doc'][0]:>8.3f} {rows['add-doc'][1]:>8.3f}")
    print(f"{'suggest':<14} {rows['suggest'][0]:>8.3f} {rows['suggest'][1]:>8.3f}"
          f"   (target < 0.3 s, all items)")
    print(json.dumps({
        "benchmark": "suggest_speed", "pdf": args.pdf.name, "pages": pages,
        "passages": passages, "runs": args.runs,
        **{f"{k}_s": round(v[0], 3) for k, v in rows.items()},
        **{f"{k}_cpu_s": round(v[1], 3) for k, v in rows.items()},
        "index_total_s": round(total[0], 3), "index_total_cpu_s": round(total[1], 3),
        "load_average": round(os.getloadavg()[0], 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
