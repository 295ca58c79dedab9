"""How often the suggestions find the labelled evidence clause of the development corpus.

    .venv/bin/python benchmarks/suggest_quality.py [--corpus ../shared/corpus] [--loo]

For every text document in ``labels.json`` and every labelled item, the rank of the first
suggestion that holds a labelled quote (or covers more than half of one) gives
recall@1/@3/@5 and MRR, per item and overall. Quotes and suggestions are compared as
canonical-text spans found with the labels' normalisation rules (soft hyphens dropped,
whitespace runs collapsed, no space after a line-end hyphen or slash; case and quote marks
folded). Items labelled null (the policy has no such clause) count a false confidence when
the top suggestion is still confident. Image-only documents have no text layer and are
reported as not applicable (they need OCR).

Prints a table, then one JSON line. ``--loo`` adds a leave-one-document-out check of the
ranking weights: for each document, the weights are picked again from a fixed grid using
the other documents only, then scored on the document left out.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewer_app.core.checklist.standards import StandardsSet, resolve_standards  # noqa: E402
from reviewer_app.core.pdf.documents import inspect_pdf  # noqa: E402
from reviewer_app.core.suggest import engine as sg  # noqa: E402
from reviewer_app.core.text.anchoring import find_quote_spans  # noqa: E402
from reviewer_app.core.text.textmap import DocumentText  # noqa: E402

K = 5
OVERLAP = 0.5  # a suggestion counts when it covers more than this share of a quote


@dataclass
class Case:
    """One text document of the corpus, indexed, with its labelled quote spans."""

    name: str
    ranker: sg.Ranker
    spans: dict[str, list[tuple[int, int]] | None]  # None: the item is absent (null label)


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


def build(corpus: Path, standards: StandardsSet, cache: Path | None = None
          ) -> tuple[list[Case], Report]:
    labels = json.loads((corpus / "labels.json").read_text())
    texts = load_texts(corpus, labels, cache)
    theme = sg.theme_words(list(standards.items))
    cases, report = [], Report()
    for entry in labels["documents"]:
        name = Path(entry["file"]).name
        text = texts.get(name)
        if text is None:
            report.not_applicable.append(name)
            continue
        spans: dict[str, list[tuple[int, int]] | None] = {}
        for item_id, label in entry["labels"].items():
            if not standards.has_item(item_id):
                continue
            if label is None:
                spans[item_id] = None
                continue
            spans[item_id] = []
            for q in label["quotes"]:
                found = quote_spans(text, q)
                if not found:
                    report.missing_quotes.append(f"{name}/{item_id}: {q['text'][:60]}")
                spans[item_id].extend(found)
        ranker = sg.Ranker(sg.memory_index({1: text}), [1], theme)
        cases.append(Case(name, ranker, spans))
    return cases, report


def evaluate(cases: list[Case], standards: StandardsSet, report: Report | None = None
             ) -> Report:
    report = report or Report()
    rivals = list(standards.items)
    for case in cases:
        case.ranker.forget()
        for item_id, spans in case.spans.items():
            found = case.ranker.rank(standards.item(item_id), K, rivals)
            top = found[0].score if found else 0.0
            confident = bool(found) and found[0].confident
            if spans is None:
                report.null.append(Outcome(case.name, item_id, None, confident, top))
                continue
            rank = next((i + 1 for i, s in enumerate(found) if is_hit(s, spans)), None)
            report.labelled.append(Outcome(case.name, item_id, rank, confident, top))
    return report


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


LOO_GRID = {
    "heading": [0.6, 1.2, 1.8], "context": [0.2, 0.35, 0.6], "scope": [1.0, 1.5, 2.0, 2.5],
    "negation": [1.0, 1.3, 1.6], "opening": [1.0, 1.1, 1.25], "definition": [0.4, 0.6, 0.8],
    "term_decay": [0.0, 0.04, 0.07, 0.1], "synonym": [0.3, 0.6, 1.0],
    "citation": [1.0, 1.3, 1.6, 2.0], "rival": [0.5, 0.7, 1.0],
}


def leave_one_document_out(cases: list[Case], standards: StandardsSet) -> dict:
    """Re-pick the weights without each document in turn (from the shipped weights, each
    weight varied alone, and 40 fixed random mixes) and score the document left out."""
    shipped = dict(sg.WEIGHTS)
    configs: list[dict] = [{}]
    for key, values in LOO_GRID.items():
        configs += [{key: v} for v in values if v != shipped[key]]
    rng = random.Random(13)
    configs += [{k: rng.choice(v) for k, v in LOO_GRID.items()} for _ in range(40)]
    runs = []
    try:
        for config in configs:
            sg.WEIGHTS.update(shipped)
            sg.WEIGHTS.update(config)
            runs.append(evaluate(cases, standards).labelled)
    finally:
        sg.WEIGHTS.clear()
        sg.WEIGHTS.update(shipped)

    def quality(outcomes: list[Outcome]) -> float:
        m = metrics(outcomes)
        return m["recall@1"] + m["recall@3"] + m["mrr"] if m["n"] else 0.0

    held_out: list[Outcome] = []
    kept_shipped = 0
    for case in cases:
        best = max(range(len(runs)),
                   key=lambda i: quality([o for o in runs[i] if o.doc != case.name]))
        kept_shipped += best == 0
        held_out += [o for o in runs[best] if o.doc == case.name]
    m = metrics(held_out)
    return {"loo_recall@1": m["recall@1"], "loo_recall@3": m["recall@3"],
            "loo_mrr": m["mrr"], "loo_configs": len(configs),
            "loo_folds_keeping_shipped_weights": kept_shipped}


def print_table(report: Report) -> None:
    items = sorted({o.item for o in report.labelled + report.null})
    print(f"{'item':22} {'n':>3} {'R@1':>6} {'R@3':>6} {'R@5':>6} {'MRR':>6} "
          f"{'null':>5} {'false-conf':>10}")
    for item in items + ["overall"]:
        lab = [o for o in report.labelled if item in (o.item, "overall")]
        nulls = [o for o in report.null if item in (o.item, "overall")]
        m = metrics(lab)
        fc = sum(o.confident for o in nulls)
        if m["n"]:
            cells = " ".join(f"{m[k]:>6.2f}" for k in ("recall@1", "recall@3", "recall@5",
                                                        "mrr"))
        else:
            cells = " ".join(f"{'-':>6}" for _ in range(4))
        print(f"{item:22} {m['n']:>3} {cells} {len(nulls):>5} {fc:>10}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--standards", default="doj-2020", help="set id or .toml path")
    parser.add_argument("--cache", type=Path, help="pickle of extracted texts (dev speed-up)")
    parser.add_argument("--loo", action="store_true", help="leave-one-document-out check")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    if not (args.corpus / "labels.json").exists():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    standards = resolve_standards(args.standards)
    cases, report = build(args.corpus, standards, args.cache)
    evaluate(cases, standards, report)
    print_table(report)
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
    overall = metrics(report.labelled)
    false_conf = sum(o.confident for o in report.null) / max(len(report.null), 1)
    confident = [o for o in report.labelled + report.null if o.confident]
    right = sum(1 for o in confident if o.rank == 1)
    result = {"benchmark": "suggest_quality", **overall,
              "false_confidence": round(false_conf, 3), "null_items": len(report.null),
              "confident_precision": round(right / max(len(confident), 1), 3),
              "not_applicable": report.not_applicable}
    if args.loo:
        result.update(leave_one_document_out(cases, standards))
    result["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
