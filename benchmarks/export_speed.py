"""Time export_packet on a complete review: 14 items, 30 evidence clauses, 12-page policy.

Run ``python benchmarks/export_speed.py [--runs N]``; prints each run and the median.
Budget: under 3 s for the whole packet (report, annotated policy, OSCAL, manifest).
The review is built (untimed) in a temporary folder from a generated policy, with the
same commands the app uses.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

BUDGET_S = 3.0
PAGES = 12
CLAUSES_PER_PAGE = 3


def clause(page: int, n: int) -> str:
    return (f"Clause {page}.{n}: members shall apply the procedure described in section "
            f"{page}.{n} whenever it is safe and feasible, and shall document each use of "
            f"force in the report required by rule {page * 10 + n}.")


def policy_pdf() -> bytes:
    import pymupdf

    doc = pymupdf.open()
    for p in range(PAGES):
        page = doc.new_page(width=612, height=792)
        page.insert_text((72, 40), "Benchmark Policy 500", fontname="helv", fontsize=8)
        y = 90.0
        for n in range(CLAUSES_PER_PAGE):
            page.insert_text((72, y), f"500.{p}.{n} SECTION TITLE", fontname="hebo",
                             fontsize=11)
            page.insert_textbox(pymupdf.Rect(72, y + 8, 540, y + 200), clause(p, n),
                                fontname="helv", fontsize=11)
            y += 200
    doc.set_metadata({"title": "Benchmark Policy 500"})
    return doc.tobytes()


def build_review(path: Path):
    from reviewer_app.core.checklist.standards import resolve_standards
    from reviewer_app.core.pdf.documents import inspect_pdf
    from reviewer_app.core.review import commands as cmd
    from reviewer_app.core.review.store import ReviewStore
    from reviewer_app.core.text.anchoring import locate_quote

    store = ReviewStore.create(path, agency_name="Benchmark County Sheriff’s Office",
                               agency_ori="XX0000000", agency_state="IL",
                               assessor="Bench Marker", standards=resolve_standards("doj-2020"))
    data = policy_pdf()
    doc_id = cmd.run(store, cmd.AddDocument(data, "policy-500.pdf",
                                            inspect_pdf(data, "policy-500.pdf"))).doc_id
    text = store.document_text(doc_id)
    items = store.standards().items
    quotes = [clause(p, n) for p in range(PAGES) for n in range(CLAUSES_PER_PAGE)][:30]
    for i, quote in enumerate(quotes):
        item = items[i % len(items)]
        a = locate_quote(text, quote)
        cmd.run(store, cmd.AddEvidence(item_id=item.id, item_code=item.code, doc_id=doc_id,
                                       kind="text", page=a.page, quads=a.quads, start=a.start,
                                       end=a.end, exact=a.exact, prefix=a.prefix,
                                       suffix=a.suffix))
    for n, item in enumerate(items):
        result = ("met", "partial", "not_met")[n % 3] if not item.mandatory else "met"
        cmd.run(store, cmd.SetFinding(item.id, result, f"Rationale for {item.code}.",
                                      item_code=item.code))
    return store


def _load() -> str:
    try:
        return f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    except OSError:
        return "unknown"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    from reviewer_app.core.packet import export_packet

    with tempfile.TemporaryDirectory() as tmp:
        store = build_review(Path(tmp) / "bench.review")
        evidence = len(store.evidence())
        times, cpu = [], []
        for run in range(args.runs):
            start, start_cpu = time.perf_counter(), time.process_time()
            result = export_packet(store, Path(tmp) / f"packet-{run}")
            times.append(time.perf_counter() - start)
            cpu.append(time.process_time() - start_cpu)
            print(f"run {run + 1}: {times[-1]:.2f} s wall, {cpu[-1]:.2f} s CPU "
                  f"({result.pages} pages)")
        store.close()
    median = statistics.median(times)
    verdict = "within" if median < BUDGET_S else "OVER"
    print(f"export_packet, 14 items, {evidence} evidence clauses, {PAGES}-page policy: "
          f"median {median:.2f} s wall ({verdict} the {BUDGET_S:.0f} s budget), "
          f"{statistics.median(cpu):.2f} s CPU; load average {_load()}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    sys.exit(main())
