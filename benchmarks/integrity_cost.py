"""What the tamper checks cost on the real corpus: a review holding all 14 corpus policies,
evidence for every labelled quote, and a log grown to N entries.

Prints: seconds to add the documents and link the evidence, the time per command with the
chained log (state digest + row hash), the open-time row check, the export-time seal check
(chain, state, standards hash, every document's SHA-256) and ``reviewer-app check``.

    python -m benchmarks.integrity_cost [--log 20000] [--dir /tmp/x]
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import tempfile
import time
from contextlib import closing
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def main() -> None:
    from reviewer_app.core.checklist.standards import resolve_standards
    from reviewer_app.core.errors import ReviewError
    from reviewer_app.core.pdf.documents import inspect_pdf
    from reviewer_app.core.review import commands as cmd
    from reviewer_app.core.review.integrity import all_problems, row_problems, seal_problems
    from reviewer_app.core.review.store import ReviewStore
    from reviewer_app.core.text.anchoring import locate_quote

    ap = argparse.ArgumentParser()
    ap.add_argument("--log", type=int, default=20000, help="log entries to grow to")
    ap.add_argument("--dir", type=Path, default=None)
    args = ap.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp())
    path = folder / "corpus.review"
    path.unlink(missing_ok=True)
    labels = json.loads((CORPUS / "labels.json").read_text())
    t = time.perf_counter()
    store = ReviewStore.create(path, agency_name="Corpus", standards=resolve_standards("doj-2020"))
    linked = 0
    for entry in labels["documents"]:
        data = (CORPUS / entry["file"]).read_bytes()
        c = cmd.run(store, cmd.AddDocument(data, entry["file"], inspect_pdf(data)))
        text = store.document_text(c.doc_id)
        for item, label in (entry.get("labels") or {}).items():
            for q in (label or {}).get("quotes", []):
                try:
                    a = locate_quote(text, q["text"], q["page"] - 1, occurrence=1)
                    cmd.run(store, cmd.AddEvidence(item, c.doc_id, "text", a.page, a.quads,
                                                   a.start, a.end, a.exact, a.prefix,
                                                   a.suffix))
                    linked += 1
                except ReviewError:
                    pass
    print(f"build: {time.perf_counter() - t:.1f} s, {len(labels['documents'])} documents, "
          f"{linked} evidence")
    n0 = store.conn.execute("SELECT count(*) FROM log").fetchone()[0]
    t = time.perf_counter()
    results = ("met", "not_met")
    for i in range(max(0, args.log - n0)):
        cmd.run(store, cmd.SetFinding("chokehold", results[i % 2]))
    grown = max(0, args.log - n0)
    if grown:
        print(f"commands: {grown} findings, {1000 * (time.perf_counter() - t) / grown:.2f} ms "
              "each (chained log)")
    store.close()
    print(f"file: {path.stat().st_size / 1e6:.1f} MB")
    with closing(sqlite3.connect(path)) as conn:
        for name, fn in (("row check (every open)", row_problems),
                         ("seal check (export, verify --review)", seal_problems),
                         ("all (reviewer-app check)", all_problems)):
            t = time.perf_counter()
            problems = fn(conn)
            print(f"{name}: {1000 * (time.perf_counter() - t):.0f} ms, {len(problems)} "
                  "problems")


if __name__ == "__main__":
    main()
