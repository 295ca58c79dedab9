"""How often the suggestions find the labelled evidence clause of the development corpus.

    .venv/bin/python benchmarks/suggest_quality.py [--corpus ../shared/corpus] [--loo]

For every text document in ``labels.json`` (and, reported separately, in
``benchmarks/labels_extra.json``) and every labelled item, the rank of the first suggestion
that counts gives recall@1/@3/@5 and MRR, per item and overall. A suggestion counts only
when it covers at least 60% of a labelled quote AND is itself at most 1,500 characters (a
clause one can cite, not a chapter); the length of the top three suggestions is reported
as a median and 95th percentile. Quotes and suggestions are compared as
canonical-text spans found with the labels' normalisation rules (soft hyphens dropped,
whitespace runs collapsed, no space after a line-end hyphen or slash; case and quote marks
folded). Items labelled null (the policy has no such clause) count a false confidence when
the top suggestion is still confident. Image-only documents have no text layer and are
reported as not applicable (they need OCR).

Prints a table, then one JSON line. ``--loo`` adds a leave-one-document-out check of the
score: for each document, its coefficients are fitted again on the other documents only
(benchmarks/suggest_fit.py), then that document's spans are ranked with them.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from reviewer_app.core.checklist.standards import StandardsSet, resolve_standards  # noqa: E402
from reviewer_app.core.pdf.documents import inspect_pdf  # noqa: E402
from reviewer_app.core.suggest import engine as sg  # noqa: E402
from reviewer_app.core.suggest import scoring  # noqa: E402
from reviewer_app.core.text.anchoring import find_quote_spans  # noqa: E402
from reviewer_app.core.text.textmap import DocumentText  # noqa: E402

K = 5
COVERAGE = 0.6  # a suggestion counts when it covers at least this share of a quote...
MAX_SPAN = 1500  # ... and is itself at most this many characters
EXTRA_LABELS = ROOT / "benchmarks" / "labels_extra.json"


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
    lengths: tuple[int, ...] = ()  # characters of the top three suggestions
    definition_above: bool = False  # a definition ranked above the labelled clause


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
    """The rule of the issue: >= 60% of a labelled quote, in a span of <= 1,500 chars."""
    if len(s.text) > MAX_SPAN:
        return False
    for qs, qe in spans:
        inter = min(s.end, qe) - max(s.start, qs)
        if inter >= COVERAGE * (qe - qs):
            return True
    return False


def load_texts(corpus: Path, labels: dict, cache: Path | None) -> dict[str, DocumentText | None]:
    import pickle

    texts: dict[str, DocumentText | None] = {}
    if cache and cache.exists():
        texts = pickle.loads(cache.read_bytes())
    missing = [e for e in labels["documents"] if Path(e["file"]).name not in texts]
    for entry in missing:
        path = corpus / entry["file"]
        info = inspect_pdf(path.read_bytes(), path.name)
        texts[path.name] = info.text if info.text.has_text else None
    if cache and missing:
        cache.write_bytes(pickle.dumps(texts))
    return texts


def build(corpus: Path, standards: StandardsSet, cache: Path | None = None,
          labels_path: Path | None = None) -> tuple[list[Case], Report]:
    labels = json.loads((labels_path or corpus / "labels.json").read_text())
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
            located: list[tuple[int, int]] = []
            for q in label["quotes"]:
                found = quote_spans(text, q)
                if not found:
                    report.missing_quotes.append(f"{name}/{item_id}: {q['text'][:60]}")
                located.extend(found)
            spans[item_id] = located
        ranker = sg.Ranker(sg.memory_index({1: text}), [1], theme, {1: text}.__getitem__)
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
            lengths = tuple(len(s.text) for s in found[:3])
            above = rank is not None and "definition" not in found[rank - 1].marks and any(
                "definition" in s.marks for s in found[:rank - 1])
            report.labelled.append(Outcome(case.name, item_id, rank, confident, top, lengths,
                                           above))
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
        **span_lengths(outcomes),
    }


def span_lengths(outcomes: list[Outcome]) -> dict:
    lengths = sorted(n for o in outcomes for n in o.lengths)
    if not lengths:
        return {"span_median": 0, "span_p95": 0}
    return {"span_median": int(statistics.median(lengths)),
            "span_p95": lengths[min(len(lengths) - 1, int(0.95 * len(lengths)))]}


def leave_one_document_out(cases: list[Case], standards: StandardsSet) -> dict:
    """Refit the score's coefficients (benchmarks/suggest_fit.py) without each document in
    turn and rank that document's spans with them: the fitted score must not owe its
    quality to the document it is tested on."""
    import suggest_fit

    pools = suggest_fit.collect(cases, standards, is_hit)
    names = suggest_fit.feature_names()
    held_out: list[Outcome] = []
    for case in cases:
        train = [pool for pool in pools if pool and pool[0].doc != case.name]
        coef = {**scoring.COEF, **suggest_fit.fit_ranking(train, names)}
        for k in suggest_fit.HAND_SET:
            coef[k] = scoring.COEF[k]
        for pool in pools:
            if not pool or pool[0].doc != case.name or case.spans[pool[0].item] is None:
                continue
            ranked = sorted(pool, key=lambda s: -scoring.score(s.features, coef))[:K]
            rank = next((i + 1 for i, s in enumerate(ranked) if s.hit), None)
            held_out.append(Outcome(case.name, pool[0].item, rank, False, 0.0))
    m = metrics(held_out)
    return {"loo_recall@1": m["recall@1"], "loo_recall@3": m["recall@3"], "loo_mrr": m["mrr"]}


def print_table(report: Report) -> None:
    items = sorted({o.item for o in report.labelled + report.null})
    print(f"{'item':22} {'n':>3} {'R@1':>6} {'R@3':>6} {'R@5':>6} {'MRR':>6} "
          f"{'null':>5} {'false-conf':>10} {'len-med':>7} {'len-p95':>7}")
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
        med, p95 = (m["span_median"], m["span_p95"]) if m["n"] else ("-", "-")
        print(f"{item:22} {m['n']:>3} {cells} {len(nulls):>5} {fc:>10} {med:>7} {p95:>7}")


def summary(report: Report) -> dict:
    """Overall figures of one answer key, and how often "likely" is right: a confident
    top suggestion counts as right when it is a hit, wrong on an item the document lacks."""
    overall = metrics(report.labelled)
    false_conf = sum(o.confident for o in report.null)
    confident = [o for o in report.labelled + report.null if o.confident]
    right = sum(1 for o in confident if o.rank == 1)
    return {**overall, "false_confidence": false_conf, "null_items": len(report.null),
            "definition_above_clause": sum(o.definition_above for o in report.labelled),
            "likely": len(confident), "likely_right": round(right / max(len(confident), 1), 3)}


def run_key(name: str, labels: Path, args: argparse.Namespace,
            standards: StandardsSet) -> tuple[list[Case], dict]:
    cases, report = build(args.corpus, standards, args.cache, labels)
    evaluate(cases, standards, report)
    print(f"\n== {name} ({labels.name})")
    print_table(report)
    for doc in report.not_applicable:
        print(f"not applicable without OCR: {doc} (image-only, no text layer)")
    for miss in report.missing_quotes:
        print(f"labelled quote not found in the text: {miss}")
    if args.misses:
        for o in report.labelled:
            if o.rank != 1:
                print(f"  rank {o.rank}: {o.doc} {o.item} (top score {o.top_score})")
        for o in report.null:
            if o.confident:
                print(f"  false confidence: {o.doc} {o.item} ({o.top_score})")
    return cases, summary(report)


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
    cases, main_key = run_key("corpus answer key", args.corpus / "labels.json", args, standards)
    result = {"benchmark": "suggest_quality", **main_key}
    if EXTRA_LABELS.exists():
        _, extra = run_key("extra labels", EXTRA_LABELS, args, standards)
        result["extra"] = extra
    if args.loo:
        result.update(leave_one_document_out(cases, standards))
    result["seconds"] = round(time.perf_counter() - t0, 1)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
