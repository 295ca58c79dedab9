"""Quality floor on the development corpus (skipped without ../shared): a change that makes
the suggestions find fewer labelled clauses, cite longer spans, or makes absent items look
present, fails. The rule is the benchmark's: a suggestion counts only when it covers at
least 60% of a labelled quote and is itself at most 1,500 characters."""

from __future__ import annotations

import importlib.util
import sys

import pytest

from reviewer_app.core.checklist.standards import resolve_standards
from tests.factories.corpus import CORPUS, ROOT

pytestmark = pytest.mark.corpus


# Just below what the shipped weights and doj-2020 terms reach (see the closing table of
# benchmarks/suggest_quality.py): 0.868 / 0.967 / 0.910, median span 232 characters;
# the extra labels reach recall@3 0.944. recall@1 0.85 is the target.
FLOOR = {"recall@1": 0.85, "recall@3": 0.94, "mrr": 0.87}
ITEM_FLOOR_AT_3 = 0.8  # every item with at least three labels (the rule)
EXTRA_FLOOR = {"recall@3": 0.8}
MAX_MEDIAN_SPAN = 500
MAX_FALSE_CONFIDENCE = 0.0


@pytest.fixture(scope="module")
def benchmark():
    spec = importlib.util.spec_from_file_location(
        "suggest_quality", ROOT / "benchmarks" / "suggest_quality.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def standards():
    return resolve_standards("doj-2020")


def test_suggestions_meet_the_quality_floor(labels, benchmark, standards):
    cases, report = benchmark.build(CORPUS, standards)
    benchmark.evaluate(cases, standards, report)
    assert not report.missing_quotes
    assert report.not_applicable == ["bartlett-il_early-intervention-system.pdf"]
    m = benchmark.metrics(report.labelled)
    assert m["n"] == 91
    for key, floor in FLOOR.items():
        assert m[key] >= floor, (key, m)
    for item in {o.item for o in report.labelled}:
        per_item = benchmark.metrics([o for o in report.labelled if o.item == item])
        if per_item["n"] >= 3:
            assert per_item["recall@3"] >= ITEM_FLOOR_AT_3, (item, per_item)
    assert m["span_median"] <= MAX_MEDIAN_SPAN, m
    assert m["span_p95"] <= benchmark.MAX_SPAN, m
    assert not [o for o in report.labelled if o.definition_above]  # definitions never
    # rank above the operative clause an assessor cites
    false = sum(o.confident for o in report.null) / len(report.null)
    assert false <= MAX_FALSE_CONFIDENCE, [o for o in report.null if o.confident]


def test_extra_labels_are_verbatim_and_found(labels, benchmark, standards):
    cases, report = benchmark.build(CORPUS, standards, labels_path=benchmark.EXTRA_LABELS)
    benchmark.evaluate(cases, standards, report)
    assert not report.missing_quotes
    m = benchmark.metrics(report.labelled)
    assert m["n"] >= 15
    for key, floor in EXTRA_FLOOR.items():
        assert m[key] >= floor, (key, m)
    assert sum(o.confident for o in report.null) == 0, [o for o in report.null if o.confident]
