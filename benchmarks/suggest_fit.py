"""Fit the suggestion score (core/suggest/scoring.COEF) on the development corpus.

    .venv/bin/python benchmarks/suggest_fit.py [--corpus ../shared/corpus]

The score is a logistic function of a few cues of each span; this fits its coefficients
(L2-regularised logistic regression, Newton steps, no third-party numerics) on whether a
span is a labelled clause by the benchmark's rule, and prints them for COEF.
``suggest_quality.py --loo`` refits them without each document in turn.
"""

from __future__ import annotations

import argparse
import math
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reviewer_app.core.checklist.standards import StandardsSet, resolve_standards  # noqa: E402
from reviewer_app.core.suggest import scoring  # noqa: E402

L2 = 1.0


@dataclass
class Sample:
    doc: str
    item: str
    features: dict[str, float]
    hit: bool
    pick: object


def collect(cases: list, standards: StandardsSet, is_hit) -> list[list[Sample]]:
    """Per labelled (document, item): the scored pool of spans, hit or not."""
    rivals = list(standards.items)
    lists = []
    for case in cases:
        case.ranker.forget()
        for item_id, spans in case.spans.items():
            picks = case.ranker.picks(standards.item(item_id), None, rivals)
            lists.append([Sample(case.name, item_id, p.features,
                                 spans is not None and is_hit(p, spans), p) for p in picks])
    return lists


def fit(samples: list[Sample], names: list[str], l2: float = L2) -> dict[str, float]:
    """Logistic regression by Newton's method; the bias is not regularised."""
    keys = ["bias", *names]
    rows = [[1.0, *(s.features.get(k, 0.0) for k in names)] for s in samples]
    ys = [1.0 if s.hit else 0.0 for s in samples]
    w = [0.0] * len(keys)
    for _ in range(25):
        grad = [0.0] * len(keys)
        hess = [[0.0] * len(keys) for _ in keys]
        for x, y in zip(rows, ys, strict=True):
            z = sum(a * b for a, b in zip(w, x, strict=True))
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            d = p * (1 - p)
            for i, xi in enumerate(x):
                if xi:
                    grad[i] += (p - y) * xi
                    for j, xj in enumerate(x):
                        if xj:
                            hess[i][j] += d * xi * xj
        for i in range(1, len(keys)):
            grad[i] += l2 * w[i]
            hess[i][i] += l2
        hess[0][0] += 1e-6
        step = _solve(hess, grad)
        w = [a - b for a, b in zip(w, step, strict=True)]
        if max(abs(v) for v in step) < 1e-6:
            break
    return {k: round(v, 3) for k, v in zip(keys, w, strict=True)}


def fit_ranking(pools: list[list[Sample]], names: list[str], l2: float = L2,
                steps: int = 300, rate: float = 0.5) -> dict[str, float]:
    """Listwise fit: per item, the softmax over its pool should put its weight on the
    labelled spans (conditional logit, gradient ascent); then a one-feature logistic fit
    of the result on hit / miss sets the bias and scale, so the score reads as a
    probability without changing the order."""
    lists = [[([s.features.get(k, 0.0) for k in names], s.hit) for s in pool]
             for pool in pools if any(s.hit for s in pool)]
    w = [0.0] * len(names)
    for _ in range(steps):
        grad = [-l2 * x / len(lists) for x in w]
        for pool in lists:
            zs = [sum(a * b for a, b in zip(w, x, strict=True)) for x, _ in pool]
            top = max(zs)
            es = [math.exp(z - top) for z in zs]
            total, hits = sum(es), sum(e for e, (_, h) in zip(es, pool, strict=True) if h)
            for e, (x, h) in zip(es, pool, strict=True):
                coef = (e / hits if h else 0.0) - e / total
                for i, xi in enumerate(x):
                    grad[i] += coef * xi / len(lists)
        w = [a + rate * g for a, g in zip(w, grad, strict=True)]
    ranked = {k: v for k, v in zip(names, w, strict=True)}
    flat = [Sample(s.doc, s.item, {"z": sum(ranked[k] * s.features.get(k, 0.0)
                                            for k in names)}, s.hit, s.pick)
            for pool in pools for s in pool]
    calib = fit(flat, ["z"], l2=0.0)
    return {"bias": calib["bias"], **{k: round(v * calib["z"], 3) for k, v in ranked.items()}}


def _solve(a: list[list[float]], b: list[float]) -> list[float]:
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        if abs(m[c][c]) < 1e-12:
            continue
        for r in range(n):
            if r != c:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c], strict=True)]
    return [m[i][n] / m[i][i] if abs(m[i][i]) > 1e-12 else 0.0 for i in range(n)]


def feature_names() -> list[str]:
    return [k for k in scoring.COEF if k != "bias" and k not in HAND_SET]


def main(argv: list[str] | None = None) -> int:
    import suggest_quality as sq

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--cache", type=Path, help="pickle of extracted texts (dev speed-up)")
    parser.add_argument("--write", action="store_true",
                        help="write the fitted weights into core/suggest/scoring.py")
    args = parser.parse_args(argv)
    standards = resolve_standards("doj-2020")
    cases, _ = sq.build(args.corpus, standards, args.cache)
    pools = collect(cases, standards, sq.is_hit)
    coef = fit_ranking(pools, feature_names())
    print("COEF = {")
    for k, v in coef.items():
        print(f'    "{k}": {v},')
    print("}")
    if args.write:
        write(coef)
    return 0


# see the comment on COEF
HAND_SET = {"contents", "table", "definition", "theme_chapter", "out_of_scope", "examples"}


def write(coef: dict[str, float]) -> None:
    """Replace the fitted numbers in COEF, keeping its comments and the hand-set ones."""
    import re

    path = ROOT / "reviewer_app" / "core" / "suggest" / "scoring.py"
    text = path.read_text()
    for key, value in coef.items():
        if key not in HAND_SET:
            text = re.sub(rf'(\n    "{re.escape(key)}": )-?[0-9.]+,', rf"\g<1>{value},", text)
    path.write_text(text)


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "benchmarks"))
    sys.exit(main())
