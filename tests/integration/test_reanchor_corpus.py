"""Re-anchoring on real policy text (skipped without ../shared): a reflowed, renumbered,
extended and reworded revision of two corpus policies; no anchor may land on a wrong
clause, and at least 95% must land on the right one (``benchmarks/reanchor_quality.py``
measures all twelve documents)."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from reviewer_app.core.pdf.documents import inspect_pdf
from reviewer_app.core.revisions.reanchor import reanchor
from tests.factories.corpus import corpus_pdf
from tests.factories.paths import BENCHMARKS

pytestmark = pytest.mark.corpus



def load(name: str):
    if name not in sys.modules:
        sys.path.insert(0, str(BENCHMARKS))
        spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.mark.parametrize("name", ["harrisonburg-va_use-of-force.pdf",
                                  "lake-county-il_use-of-force.pdf"])
@pytest.mark.parametrize("kind", ["reflowed", "renumbered", "combined"])
def test_labelled_quotes_follow_a_revision(name, kind, labels):
    rq, rm = load("reanchor_quality"), load("revision_maker")
    entry = next(d for d in labels["documents"] if d["file"].endswith(name))
    old = inspect_pdf(corpus_pdf(name).read_bytes(), name).text
    anchors = rq.labelled_anchors(entry, old)
    draft, deleted = rq.make_revision(kind, old, anchors, seed=3)
    new = inspect_pdf(rm.typeset(draft), "revised.pdf").text
    expected = rm.expected_spans(draft, new)
    assert expected is not None
    verdicts = {k: rq.judge(reanchor(a, new, old), expected[k], new) for k, a in anchors.items()}
    assert [k for k, v in verdicts.items() if v == "wrong"] == []
    correct = sum(v == "correct" for v in verdicts.values())
    assert correct >= 0.95 * len(anchors), verdicts
    assert all(verdicts[k] == "correct" for k in deleted)  # deleted clauses are orphaned
