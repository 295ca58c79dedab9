"""How well evidence survives a policy revision, measured on the real corpus.

For each text-layer corpus PDF, every labelled quote is anchored on the original; revised
versions are made from its text (``revision_maker``): reflowed (new page size and font),
renumbered, with inserted paragraphs, with reworded and deleted clauses, and all of these
at once. Each anchor is re-anchored on each revision and judged against where the clause
really went:

  correct   attached to the same clause (span overlaps the expected one by >= 80%, or it
            is the expected span's wording at the same place) or, for a deleted clause,
            orphaned
  missed    orphaned although the clause is still there (visible; the assessor relinks)
  wrong     attached somewhere else: the failure that must never happen silently

Also times re-anchoring 30 evidence clauses onto a revised La Grange manual (758 pages).

    python benchmarks/reanchor_quality.py [--docs NAME ...] [--json OUT] [--no-timing]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(Path(__file__).resolve().parent)]

import revision_maker as rm  # noqa: E402

from reviewer_app.core.pdf.documents import inspect_pdf  # noqa: E402
from reviewer_app.core.revisions.reanchor import ORPHANED, reanchor, same_wording  # noqa: E402
from reviewer_app.core.text.anchoring import find_quote_spans  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
KINDS = ("reflowed", "renumbered", "inserted", "reworded", "combined")


class _Anchor:
    def __init__(self, text, start: int, end: int):
        full = text.text
        self.start, self.end, self.exact = start, end, full[start:end]
        self.prefix, self.suffix = full[max(0, start - 32):start], full[end:end + 32]
        self.page = text.page_of(start)


def labelled_anchors(doc_entry: dict, text) -> dict[str, _Anchor]:
    out = {}
    for item, label in doc_entry["labels"].items():
        for n, q in enumerate((label or {}).get("quotes", [])):
            spans = find_quote_spans(text, q["text"])
            on_page = [s for s in spans if text.page_of(s[0]) == q["page"] - 1] or spans
            if on_page:
                out[f"{item}#{n}"] = _Anchor(text, *on_page[0])
    return out


def random_sentences(text, n: int, seed: int, taken: list[_Anchor]) -> dict[str, _Anchor]:
    """Sentences picked at random (short and long, boilerplate included): more anchors,
    and harder ones, than the labels alone. They do not overlap each other or ``taken``."""
    rng = random.Random(seed)
    full, out = text.text, {}
    # not on running headers or footers, which a reflow drops
    spans = [(a.start, a.end) for a in taken] + rm.furniture_blocks(text)
    for _ in range(n * 20):
        if len(out) >= n or len(full) < 500:
            break
        s = full.find(". ", rng.randrange(len(full) - 300)) + 2
        e = full.find(". ", s + 1) + 1
        if s > 1 and 20 < e - s < 400 and "\n" not in full[s:e] and all(
                e <= a or s >= b for a, b in spans):
            spans.append((s, e))
            out[f"random#{len(out)}"] = _Anchor(text, s, e)
    return out


def make_revision(kind: str, text, anchors: dict[str, _Anchor], seed: int
                  ) -> tuple[rm.Draft, set[str]]:
    rng = random.Random(seed)
    d = rm.draft_from(text, {k: (a.start, a.end) for k, a in anchors.items()})
    deleted: set[str] = set()
    rm.strip_furniture(d, text)
    if kind in ("renumbered", "combined"):
        rm.renumber(d)
    if kind in ("inserted", "combined"):
        rm.insert_paragraphs(d, rng)
    if kind in ("reworded", "combined"):
        keys = sorted(anchors)
        rng.shuffle(keys)
        n_del = max(1, len(keys) // 8)
        for k in keys[:n_del]:
            d.delete_span(k)
            deleted.add(k)
        rm.reword(d, keys[n_del:n_del + len(keys) // 2], rng)
    return d, deleted


def judge(result, expected: tuple[int, int] | None, new_text) -> str:
    if expected is None:
        return "correct" if result.status == ORPHANED else "wrong"
    if result.status == ORPHANED:
        return "missed"
    s, e = result.anchor.start, result.anchor.end
    es, ee = expected
    overlap = max(0, min(e, ee) - max(s, es))
    union = max(e, ee) - min(s, es)
    if overlap / union >= 0.8:
        return "correct"
    if overlap and same_wording(new_text.text[s:e], new_text.text[es:ee]):
        return "correct"
    return "imprecise" if overlap else "wrong"


def evaluate(names: list[str], labels: dict, extra: int) -> dict:
    entries = {Path(d["file"]).name: d for d in labels["documents"]}
    totals = {k: Counter() for k in KINDS}
    totals_all = {k: Counter() for k in KINDS}
    rows = []
    for name in names:
        entry = entries[name]
        data = (CORPUS / entry["file"]).read_bytes()
        old = inspect_pdf(data, name).text
        anchors = labelled_anchors(entry, old)
        anchors.update(random_sentences(old, extra, len(name), list(anchors.values())))
        for ki, kind in enumerate(KINDS):
            draft, deleted = make_revision(kind, old, anchors, seed=ki)
            page = (612, 792) if kind == "renumbered" else (420, 595)
            new = inspect_pdf(rm.typeset(draft, page, 9.0 if page[0] < 500 else 11.0),
                              "rev.pdf").text
            expected = rm.expected_spans(draft, new)
            if expected is None:
                print(f"  ! {name} {kind}: extraction differs from the draft; skipped")
                continue
            c, c_all = Counter(), Counter()
            for key, a in anchors.items():
                r = reanchor(a, new, old)
                verdict = judge(r, expected[key], new)
                for counter in (c_all, c) if not key.startswith("random") else (c_all,):
                    counter.update((verdict, r.status, "anchors"))
                    counter["deleted"] += key in deleted
                if verdict in ("wrong", "imprecise", "missed"):
                    rows.append({"doc": name, "kind": kind, "key": key, "verdict": verdict,
                                 "status": r.status, "reason": r.reason,
                                 "old": a.exact[:90],
                                 "got": r.anchor.exact[:90] if r.anchor else "",
                                 "want": new.text[slice(*expected[key])][:90]
                                 if expected[key] else "(deleted)"})
            totals[kind] += c
            totals_all[kind] += c_all
        print(f"  {name}: {len(anchors)} anchors", flush=True)
    return {"totals": {k: dict(v) for k, v in totals.items()},
            "totals_with_random": {k: dict(v) for k, v in totals_all.items()},
            "problems": rows}


def time_la_grange(labels: dict) -> dict:
    """Re-anchor 30 clauses (15 labelled + 15 random sentences) onto a revised La Grange."""
    name = "la-grange-il_policy-manual.pdf"
    entry = next(d for d in labels["documents"] if d["file"].endswith(name))
    old = inspect_pdf((CORPUS / entry["file"]).read_bytes(), name).text
    anchors = labelled_anchors(entry, old)
    anchors.update(random_sentences(old, 30 - len(anchors), 7, list(anchors.values())))
    draft, _ = make_revision("combined", old, anchors, seed=11)
    t0 = time.perf_counter()
    pdf = rm.typeset(draft)
    t1 = time.perf_counter()
    new = inspect_pdf(pdf, "la-grange-rev.pdf").text
    t2 = time.perf_counter()
    results = [reanchor(a, new, old) for a in anchors.values()]
    t3 = time.perf_counter()
    again = [reanchor(a, new, old) for a in anchors.values()]
    t4 = time.perf_counter()
    assert [r.status for r in again] == [r.status for r in results]
    return {"evidence": len(anchors), "pages_old": len(old.pages), "pages_new": len(new.pages),
            "typeset_s": round(t1 - t0, 2), "extract_s": round(t2 - t1, 2),
            "reanchor_cold_s": round(t3 - t2, 3), "reanchor_warm_s": round(t4 - t3, 3),
            "statuses": dict(Counter(r.status for r in results))}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", nargs="*", help="corpus file names (default: all text PDFs)")
    ap.add_argument("--json", type=Path, help="write the figures here")
    ap.add_argument("--no-timing", action="store_true")
    ap.add_argument("--show", type=int, default=15, help="problem rows to print")
    ap.add_argument("--random", type=int, default=20, help="random sentences per document")
    args = ap.parse_args(argv)
    if not (CORPUS / "labels.json").exists():
        print("corpus not available (../shared/corpus); nothing measured")
        return 0
    labels = json.loads((CORPUS / "labels.json").read_text())
    names = args.docs or [Path(d["file"]).name for d in labels["documents"]
                          if d.get("text_layer") != "image-only"]
    report = evaluate(names, labels, args.random)
    for title, key in (("labelled quotes", "totals"),
                       (f"labelled quotes + {args.random} random sentences per document",
                        "totals_with_random")):
        print(f"\n{title}\n{'revision':<11} {'anchors':>7} {'correct':>8} {'%':>6} "
              f"{'missed':>6} {'wrong':>5} {'imprec':>6} | intact moved changed orphaned "
              "(deleted)")
        for kind, c in report[key].items():
            n = c.get("anchors", 0)
            pct = 100 * c.get("correct", 0) / n if n else 0
            print(f"{kind:<11} {n:>7} {c.get('correct', 0):>8} {pct:>5.1f}% "
                  f"{c.get('missed', 0):>6} {c.get('wrong', 0):>5} {c.get('imprecise', 0):>6} "
                  f"| {c.get('intact', 0):>6} {c.get('moved', 0):>5} {c.get('changed', 0):>7} "
                  f"{c.get('orphaned', 0):>8} ({c.get('deleted', 0)})")
    for row in report["problems"][:args.show]:
        print(f"  [{row['verdict']}] {row['doc']} {row['kind']} {row['key']} {row['status']}: "
              f"{row['reason']}\n      old : {row['old']}\n      got : {row['got']}\n"
              f"      want: {row['want']}")
    if not args.no_timing:
        report["la_grange"] = t = time_la_grange(labels)
        print(f"\nLa Grange ({t['pages_old']} -> {t['pages_new']} pages): re-anchoring "
              f"{t['evidence']} evidence took {t['reanchor_cold_s']} s cold (views built), "
              f"{t['reanchor_warm_s']} s warm; statuses {t['statuses']} "
              f"(typesetting {t['typeset_s']} s, extraction {t['extract_s']} s)")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
