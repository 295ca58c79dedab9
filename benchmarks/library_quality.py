"""The clause library on the corpus: leave-one-document-out quality, and matching speed.

    .venv/bin/python benchmarks/library_quality.py [--corpus ../shared/corpus] [--speed-only]

Quality: the labelled clauses of every text document of ``labels.json`` are put in one
library, each document standing for one finished review (result Met for a "full" label,
Partial for a "partial" one; the label's notes as the rationale); no review files are
built (adding La Grange's 758 pages to a review would dominate the run), but the clauses go
through the same masking, store and matching as ``library build``. Then for each document
in turn the library *without that document's own uses* is matched against its text, and per
labelled item the first suggestion is checked: the best library match for the item when
there is one, else the first lexical suggestion (``core/suggest``). It counts when it
covers >= 60% of a labelled quote and is itself <= 1,500 characters (the rule of
benchmarks/suggest_quality.py). A document is "template-based" when the library (from the
others) matches any of its labelled clauses. Items labelled null that still get a library
match are counted as wrong library suggestions.

Speed: La Grange's text (758 pages) matched against a library of 5,000 clauses, the
corpus's labelled clauses plus sentences of the other corpus documents with a few words
changed; index build and match timed separately, median of 3. Budget: 2 s for the match.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import suggest_quality as sq  # noqa: E402

from reviewer_app.core.checklist.standards import resolve_standards  # noqa: E402
from reviewer_app.core.library.masking import agency_words, masked_words  # noqa: E402
from reviewer_app.core.library.matching import (  # noqa: E402
    LibraryIndex,
    LibraryMatch,
    best_per_item,
    leads,
)
from reviewer_app.core.library.store import ClauseLibrary, LibraryClause, Use  # noqa: E402

BUDGET_S = 2.0
LA_GRANGE = "la-grange-il_policy-manual.pdf"


def agency_of(name: str) -> str:
    """'la-grange-il_policy-manual.pdf' -> 'La Grange'."""
    place = name.split("_")[0].rsplit("-", 1)[0]
    return place.replace("-", " ").title()


def corpus_uses(labels: dict, standards) -> list[Use]:
    uses = []
    for entry in labels["documents"]:
        name = Path(entry["file"]).name
        agency = agency_words([agency_of(name)])
        for item_id, label in entry["labels"].items():
            if label is None or not standards.has_item(item_id):
                continue
            result = "met" if label.get("strength") == "full" else "partial"
            for q in label["quotes"]:
                words = masked_words(q["text"], agency)
                uses.append(Use(name, name, agency_of(name), "", standards.id, item_id,
                                result, label.get("notes", ""), words, q["text"], "",
                                "2026-01-01T00:00:00Z"))
    return uses


def covers(m: LibraryMatch, spans: list[tuple[int, int]]) -> bool:
    if m.end - m.start > sq.MAX_SPAN:
        return False
    return any(min(m.end, qe) - max(m.start, qs) >= sq.COVERAGE * (qe - qs) for qs, qe in spans)


def quality(args: argparse.Namespace, standards) -> dict:
    import json

    labels = json.loads((args.corpus / "labels.json").read_text())
    cases, report = sq.build(args.corpus, standards, args.cache)
    texts = {c.name: c.ranker.texts(1) for c in cases if c.ranker.texts}
    rivals = list(standards.items)
    with tempfile.TemporaryDirectory() as tmp, ClauseLibrary.open(Path(tmp) / "l.sqlite") as lib:
        uses = corpus_uses(labels, standards)
        by_review = defaultdict(list)
        for u in uses:
            by_review[u.review_uuid].append(u)
        for review, group in by_review.items():
            lib.replace_review(review, group)
        rows, per_item = [], defaultdict(lambda: [0, 0, 0])
        wrong_on_null = 0
        for case in cases:
            index = LibraryIndex(lib.clauses(without=frozenset({case.name})))
            matches = index.match(texts[case.name].text, 1, agency_words([agency_of(case.name)]))
            lexical_all = {i: case.ranker.rank(standards.item(i), sq.K, rivals)
                           for i in case.spans}
            agreeing = {i: [(1, x.start, x.end, x.confident) for x in ss]
                        for i, ss in lexical_all.items()}
            found = best_per_item(matches, agreeing)
            n = without = with_ = lib_first = lib_right = 0
            for item_id, spans in case.spans.items():
                lib_matches = [m for m in found.get(item_id, []) if leads(m, agreeing)]
                if spans is None:
                    wrong_on_null += bool(lib_matches)
                    continue
                lexical = lexical_all[item_id]
                lex_ok = bool(lexical) and sq.is_hit(lexical[0], spans)
                if lib_matches:
                    ok = covers(lib_matches[0], spans)
                    if not ok and args.misses:
                        m = lib_matches[0]
                        print(f"library wrong: {case.name} {item_id} ratio {m.ratio:.0f} "
                              f"got {m.start}-{m.end} want {spans}\n  got: "
                              f"{texts[case.name].text[m.start:m.end][:300]!r}\n  want: "
                              f"{texts[case.name].text[spans[0][0]:spans[0][1]][:300]!r}")
                    lib_first += 1
                    lib_right += ok
                else:
                    ok = lex_ok
                    if not ok and args.misses:
                        first = (f"{lexical[0].start}-{lexical[0].end} "
                                 f"{texts[case.name].text[lexical[0].start:lexical[0].end][:200]!r}"
                                 if lexical else "nothing")
                        print(f"lexical wrong (no library match leads): {case.name} {item_id} "
                              f"got {first}\n  want {spans}: "
                              f"{texts[case.name].text[spans[0][0]:spans[0][1]][:200]!r}")
                n += 1
                without += lex_ok
                with_ += ok
                stats = per_item[item_id]
                stats[0] += 1
                stats[1] += lex_ok
                stats[2] += ok
            rows.append((case.name, n, without, with_, lib_first, lib_right))
    print(f"{'document':42} {'n':>3} {'R@1 lexical':>11} {'R@1 +library':>12} "
          f"{'lib first':>9} {'lib right':>9}")
    for name, n, without, with_, first, right in rows:
        tag = " (template)" if right else ""
        print(f"{name + tag:42} {n:>3} {without / max(n, 1):>11.2f} {with_ / max(n, 1):>12.2f} "
              f"{first:>9} {right:>9}")
    print(f"\n{'item':22} {'n':>3} {'R@1 lexical':>11} {'R@1 +library':>12}")
    for item, (n, without, with_) in sorted(per_item.items()):
        print(f"{item:22} {n:>3} {without / n:>11.2f} {with_ / n:>12.2f}")
    template = [r for r in rows if r[5]]
    t_n = sum(r[1] for r in template)
    total = sum(r[1] for r in rows)
    worse = [r[0] for r in rows if r[3] < r[2]]
    out = {
        "labelled_items": total,
        "r1_lexical": round(sum(r[2] for r in rows) / total, 3),
        "r1_with_library": round(sum(r[3] for r in rows) / total, 3),
        "template_documents": [r[0] for r in template],
        "template_r1_lexical": round(sum(r[2] for r in template) / max(t_n, 1), 3),
        "template_r1_with_library": round(sum(r[3] for r in template) / max(t_n, 1), 3),
        "one_key_confirmations": round(sum(r[5] for r in rows) / total, 3),
        "library_first_wrong": sum(r[4] - r[5] for r in rows),
        "library_match_on_null_item": wrong_on_null,
        "documents_worse_with_library": worse,
    }
    for doc in report.not_applicable:
        print(f"not applicable without OCR: {doc}")
    return out


def speed(args: argparse.Namespace, standards) -> dict:
    import json

    from reviewer_app.core.pdf.documents import inspect_pdf

    labels = json.loads((args.corpus / "labels.json").read_text())
    texts = sq.load_texts(args.corpus, labels, args.cache)
    big = texts[LA_GRANGE] or inspect_pdf((args.corpus / "docs" / LA_GRANGE).read_bytes(),
                                          LA_GRANGE).text
    rng = random.Random(18)
    sentences = [s for name, t in texts.items() if t is not None and name != LA_GRANGE
                 for s in re.split(r"(?<=[.;:])\s+", t.text) if len(s.split()) >= 12]
    clauses = [LibraryClause(u.review_uuid, u.item_id, u.words, u.example, "", 1)
               for u in corpus_uses(labels, standards)]
    items = [i.id for i in standards.items]
    while len(clauses) < 5000:
        words = list(masked_words(rng.choice(sentences)))
        for _ in range(2):  # a couple of words changed, as another agency's edition would
            words[rng.randrange(len(words))] = rng.choice(words)
        clauses.append(LibraryClause(str(len(clauses)), rng.choice(items), tuple(words),
                                     " ".join(words), "", 1))
    builds, matches, found = [], [], 0
    for _ in range(3):
        t0 = time.perf_counter()
        index = LibraryIndex(clauses)
        t1 = time.perf_counter()
        found = len(index.match(big.text, 1, agency_words(["La Grange"])))
        t2 = time.perf_counter()
        builds.append(t1 - t0)
        matches.append(t2 - t1)
    match_s = statistics.median(matches)
    print(f"\nLa Grange ({len(big.pages)} pages, {len(big.text):,} characters) against "
          f"{len(clauses):,} clauses: index {statistics.median(builds):.2f} s, match "
          f"{match_s:.2f} s (budget {BUDGET_S:.0f} s: {'ok' if match_s < BUDGET_S else 'OVER'})"
          f", {found} matches")
    return {"pages": len(big.pages), "clauses": len(clauses),
            "index_s": round(statistics.median(builds), 3), "match_s": round(match_s, 3),
            "within_budget": match_s < BUDGET_S}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--cache", type=Path, default=ROOT / ".bench" / "corpus_texts.pickle",
                    help="extracted texts are kept here between runs")
    ap.add_argument("--speed-only", action="store_true")
    ap.add_argument("--misses", action="store_true", help="show the wrong library matches")
    args = ap.parse_args()
    if not (args.corpus / "labels.json").exists():
        print(f"no corpus at {args.corpus}; nothing measured")
        return 1
    args.cache.parent.mkdir(parents=True, exist_ok=True)
    standards = resolve_standards("doj-2020")
    import json

    result = {} if args.speed_only else quality(args, standards)
    result["speed"] = speed(args, standards)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
