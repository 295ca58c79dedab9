"""How often the suggestions find the labelled evidence clause of the development corpus.

    .venv/bin/python benchmarks/suggest_quality.py [--corpus ../shared/corpus] [--loo]

For every text document in ``labels.json`` and every labelled item, the rank of the first
suggestion that holds a labelled quote (or covers more than half of one) gives
recall@1/@3/@5 and MRR, per item and overall. Items labelled null (the policy has no such
clause) count a false confidence when the top suggestion is still confident. Image-only
documents have no text layer and are reported as not applicable (they need OCR).

Prints a table, then one JSON line. ``--loo`` also runs a leave-one-document-out check of
the confidence threshold (the only weight fitted on these labels).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewer_app.core import suggest as sg  # noqa: E402
from reviewer_app.core.anchoring import find_quote_spans  # noqa: E402
from reviewer_app.core.documents import inspect_pdf  # noqa: E402
from reviewer_app.core.standards import resolve_standards  # noqa: E402
from reviewer_app.core.textmap import DocumentText  # noqa: E402

K = 5
OVERLAP = 0.5  # a suggestion counts when it covers more than this share of a quote


@dataclass
class Outcome:
    doc: str
    item: str
    rank: int | None  # 1-based rank of the first correct suggestion, None when missed
    confident: bool  # the top suggestion is confident
    top_score: float


@dataclass
class Report:
    labelled: list[Outcome] = field(default_factory=list)
    null: list[Outcome] = field(default_factory=list)
    not_applicable: list[str] = field(default_factory=list)
    missing_quotes: list[str] = field(default_factory=list)


def quote_spans(text: DocumentText, quote: dict) -> list[tuple[int, int]]:
    """Where a labelled quote sits, preferring its labelled page(s)."""
    spans = find_quote_spans(text, quote["text"])
    pages = {quote["page"] - 1, *(p - 1 for p in quote.get("other_pages", []))}
    on_pages = [s for s in spans if text.page_of(s[0]) in pages]
    return on_pages or spans


def is_hit(s: sg.Suggestion, spans: list[tuple[int, int]]) -> bool:
    for qs, qe in spans:
        inter = min(s.end, qe) - max(s.start, qs)
        if inter > OVERLAP * (qe - qs):
            return True
    return False


def evaluate_document(name: str, text: DocumentText, entry: dict, standards,
                      report: Report) -> None:
    results = sg.suggest_text(text, standards, top=K)
    for item_id, label in entry["labels"].items():
        if not standards.has_item(item_id):
            continue
        sugg = results.get(item_id, [])
        top_score = sugg[0].score if sugg else 0.0
        confident = bool(sugg) and sugg[0].confident
        if label is None:
            report.null.append(Outcome(name, item_id, None, confident, top_score))
            continue
        spans = []
        for q in label["quotes"]:
            found = quote_spans(text, q)
            if not found:
                report.missing_quotes.append(f"{name}/{item_id}: {q['text'][:60]}")
            spans.extend(found)
        rank = next((i + 1 for i, s in enumerate(sugg) if is_hit(s, spans)), None)
        report.labelled.append(Outcome(name, item_id, rank, confident, top_score))


def metrics(outcomes: list[Outcome]) -> dict:
    n = len(outcomes)
    if not n:
        return {"n": 0}
    ranks = [o.rank for o in outcomes]
    return {
        "n": n,
        "recall@1": round(sum(1 for r in ranks if r and r <= 1) / n, 3),
        "recall@3": round(sum(1 for r in ranks if r and r <= 3) / n, 3),
        "recall@5": round(sum(1 for r in ranks if r and r <= 5) / n, 3),
        "mrr": round(sum(1 / r for r in ranks if r) / n, 3),
        "confident_top": round(sum(o.confident for o in outcomes) / n, 3),
    }


def load_texts(corpus: Path, labels: dict, cache: Path | None) -> dict[str, DocumentText | None]:
    import pickle

    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    texts: dict[str, DocumentText | None] = {}
    for entry in labels["documents"]:
        path = corpus / entry["file"]
        info = inspect_pdf(path.read_bytes(), path.name)
        texts[path.name] = info.text if info.text.has_text else None
    if cache:
        cache.write_bytes(pickle.dumps(texts))
    return texts


def run(corpus: Path, cache: Path | None = None,
        standards_ref: str = "doj-2020") -> tuple[Report, dict]:
    labels = json.loads((corpus / "labels.json").read_text())
    standards = resolve_standards(standards_ref)
    texts = load_texts(corpus, labels, cache)
    report = Report()
    for entry in labels["documents"]:
        name = Path(entry["file"]).name
        text = texts.get(name)
        if text is None:
            report.not_applicable.append(name)
            continue
        evaluate_document(name, text, entry, standards, report)
    return report, labels


def leave_one_document_out(report: Report) -> dict:
    """Refit the confidence threshold on all documents but one, score the one left out."""
    docs = sorted({o.doc for o in report.labelled + report.null})
    grid = [x / 100 for x in range(20, 91, 2)]
    fc = tp = n_null = n_lab = 0

    def cost(th: float, lab: list[Outcome], null: list[Outcome]) -> float:
        missed = sum(1 for o in lab if o.rank == 1 and o.top_score < th)
        false = sum(1 for o in null if o.top_score >= th)
        return missed + false

    for d in docs:
        lab = [o for o in report.labelled if o.doc != d]
        null = [o for o in report.null if o.doc != d]
        th = min(grid, key=lambda t: (cost(t, lab, null), abs(t - sg.CONFIDENT)))
        fc += sum(1 for o in report.null if o.doc == d and o.top_score >= th)
        n_null += sum(1 for o in report.null if o.doc == d)
        tp += sum(1 for o in report.labelled if o.doc == d and o.rank == 1 and o.top_score >= th)
        n_lab += sum(1 for o in report.labelled if o.doc == d)
    return {"loo_false_confidence": round(fc / max(n_null, 1), 3),
            "loo_confident_correct_top1": round(tp / max(n_lab, 1), 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--cache", type=Path, help="pickle of extracted texts (dev speed-up)")
    parser.add_argument("--standards", default="doj-2020", help="set id or .toml path")
    parser.add_argument("--loo", action="store_true", help="leave-one-document-out check")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    if not (args.corpus / "labels.json").exists():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    report, _ = run(args.corpus, args.cache, args.standards)
    items = sorted({o.item for o in report.labelled + report.null})
    print(f"{'item':22} {'n':>3} {'R@1':>6} {'R@3':>6} {'R@5':>6} {'MRR':>6} "
          f"{'null':>5} {'false-conf':>10}")
    for item in items:
        m = metrics([o for o in report.labelled if o.item == item])
        nulls = [o for o in report.null if o.item == item]
        fc = sum(o.confident for o in nulls)
        if m["n"]:
            print(f"{item:22} {m['n']:>3} {m['recall@1']:>6.2f} {m['recall@3']:>6.2f} "
                  f"{m['recall@5']:>6.2f} {m['mrr']:>6.2f} {len(nulls):>5} {fc:>10}")
        else:
            print(f"{item:22} {0:>3} {'-':>6} {'-':>6} {'-':>6} {'-':>6} {len(nulls):>5} "
                  f"{fc:>10}")
    overall = metrics(report.labelled)
    false_conf = sum(o.confident for o in report.null) / max(len(report.null), 1)
    print(f"{'overall':22} {overall['n']:>3} {overall['recall@1']:>6.2f} "
          f"{overall['recall@3']:>6.2f} {overall['recall@5']:>6.2f} {overall['mrr']:>6.2f} "
          f"{len(report.null):>5} {sum(o.confident for o in report.null):>10}")
    for name in report.not_applicable:
        print(f"not applicable without OCR: {name} (image-only, no text layer)")
    for miss in report.missing_quotes:
        print(f"labelled quote not found in the text: {miss}")
    if args.misses:
        for o in report.labelled:
            if o.rank != 1:
                print(f"  rank {o.rank}: {o.doc} {o.item} (top score {o.top_score})")
        for o in report.null:
            if o.confident:
                print(f"  false confidence: {o.doc} {o.item} ({o.top_score})")
    result = {"benchmark": "suggest_quality", **overall,
              "false_confidence": round(false_conf, 3), "null_items": len(report.null),
              "not_applicable": report.not_applicable,
              "seconds": round(time.perf_counter() - t0, 1)}
    if args.loo:
        result.update(leave_one_document_out(report))
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
