"""Several standards sets on real policies: how many clauses a crosswalk proposes, and
what proposals, acceptance and one packet per set cost.

    .venv/bin/python benchmarks/sets_proposals.py [--corpus ../shared/corpus]

Every text document of ``labels.json`` that is not a whole manual gets a review of the DOJ
set plus a generated 300-item state set (tests/factories/standards_sheets.py, imported as
``standards import`` would) and the CALEA stand-in (tests/factories/sets.py), joined by a
crosswalk mapping each DOJ item onto three state items and by the bundled DOJ -> CALEA
crosswalk. Each labelled clause is linked to its DOJ item; then per review: the proposals
for every set (count, time of ``proposals``), the time of the item panel's reads for one
item (``also_counts_for`` and its proposals), accepting all (one command per set), and
exporting the three packets. Prints one line per document and the totals.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _state_set(tmp: Path):
    from reviewer_app.core.checklist.importing import import_sheet
    from reviewer_app.core.checklist.spreadsheet import read_sheet
    from tests.factories.standards_sheets import state_rows, write_xlsx

    src = write_xlsx(tmp / "state.xlsx", state_rows(300))
    return import_sheet(read_sheet(src), set_id="il-leap", title="Illinois LEAP",
                        edition="2024").standards


def _crosswalk(doj, state):
    from reviewer_app.core.checklist.crosswalk import Crosswalk, Mapping

    codes = [i.id for i in state.items]
    maps = tuple(Mapping(item.id, tuple(codes[3 * n: 3 * n + 3]), "partial")
                 for n, item in enumerate(doj.items))
    return Crosswalk("doj-2020_to_il-leap", "DOJ onto LEAP", "doj-2020", "il-leap",
                     "generated", maps)


def run(corpus: Path) -> None:
    from reviewer_app.core.checklist.standards import resolve_standards
    from reviewer_app.core.packet.per_set import export_packets
    from reviewer_app.core.pdf.documents import inspect_pdf
    from reviewer_app.core.review import commands as cmd
    from reviewer_app.core.review.commands.sets import AcceptProposals, AddSets, check_new_sets
    from reviewer_app.core.review.proposals import also_counts_for, proposals
    from reviewer_app.core.review.store import ReviewStore
    from reviewer_app.core.text.anchoring import locate_quote
    from tests.factories.sets import calea_set

    labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    doj = resolve_standards("doj-2020")
    totals = {"linked": 0, "proposed": 0}
    times: dict[str, list[float]] = {"proposals": [], "panel": [], "accept": [], "export": []}
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        state = _state_set(tmp)
        for entry in labels["documents"]:
            pdf = corpus / entry["file"]
            quotes = [(item, q) for item, label in entry["labels"].items()
                      for q in (label or {}).get("quotes", [])]
            if not pdf.exists() or not quotes or "manual" in pdf.name:
                continue
            path = tmp / f"{pdf.stem}.review"
            store = ReviewStore.create(path, agency_name=pdf.stem, standards=doj,
                                       assessor="bench")
            walks = check_new_sets([doj], [state, calea_set()], [_crosswalk(doj, state)])
            walks += check_new_sets([doj, state], [calea_set()], [])  # the bundled one
            cmd.run(store, AddSets([state, calea_set()], walks))
            data = pdf.read_bytes()
            info = inspect_pdf(data, pdf.name)
            doc_id = cmd.run(store, cmd.AddDocument(info.data or data, pdf.name, info)).doc_id
            linked = 0
            for item, q in quotes:
                try:
                    a = locate_quote(store.document_text(doc_id), q["text"], q["page"] - 1,
                                     pdf.name)
                except Exception:
                    continue
                cmd.run(store, cmd.AddEvidence(item_id=item, doc_id=doc_id, kind="text",
                                               page=a.page, quads=a.quads, start=a.start,
                                               end=a.end, exact=a.exact, prefix=a.prefix,
                                               suffix=a.suffix))
                linked += 1
            t = time.perf_counter()
            found = proposals(store)
            times["proposals"].append(time.perf_counter() - t)
            t = time.perf_counter()
            also_counts_for(store, "chokehold")
            proposals(store, "il-leap", state.items[3].id)
            proposals(store, "il-leap")
            times["panel"].append(time.perf_counter() - t)
            t = time.perf_counter()
            for set_id in ("il-leap", "calea"):
                if proposals(store, set_id):
                    cmd.run(store, AcceptProposals(set_id))
            times["accept"].append(time.perf_counter() - t)
            t = time.perf_counter()
            results = export_packets(store, tmp / f"{pdf.stem}-packet")
            times["export"].append(time.perf_counter() - t)
            pages = ", ".join(f"{s}: {r.pages} p." for s, r in results)
            print(f"{pdf.name:<48} {linked:>3} clauses linked -> {len(found):>3} proposed; "
                  f"packets {pages}")
            totals["linked"] += linked
            totals["proposed"] += len(found)
            store.close()
    print(f"\n{totals['linked']} clauses linked to DOJ items -> {totals['proposed']} proposals "
          "for the state and CALEA items")
    for name, values in times.items():
        print(f"{name:<10} median {statistics.median(values) * 1000:8.1f} ms   max "
              f"{max(values) * 1000:8.1f} ms   ({len(values)} reviews)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    run(parser.parse_args().corpus)
