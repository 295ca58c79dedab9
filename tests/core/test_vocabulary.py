"""The result and evidence-status vocabulary: stored strings, order, words, file schema."""

from __future__ import annotations

import json

import pytest

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.records import Evidence, Finding
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.schema import M001_EVIDENCE_STATUSES, M001_RESULTS
from reviewer_app.core.vocabulary import EvidenceStatus, Result


def test_values_are_the_strings_the_review_file_allows():
    assert tuple(Result) == M001_RESULTS
    assert tuple(EvidenceStatus) == M001_EVIDENCE_STATUSES
    assert Result.PARTIAL == "partial" and json.dumps(Result.NOT_MET) == '"not_met"'
    assert f"{EvidenceStatus.MOVED:<7}|" == "moved  |"


def test_labels_descriptions_and_choices():
    assert [r.label for r in Result] == ["Met", "Partially met", "Not met", "Not applicable",
                                         "Not assessed"]
    assert Result.choices() == (Result.MET, Result.PARTIAL, Result.NOT_MET,
                                Result.NOT_APPLICABLE)
    assert EvidenceStatus.CHANGED.label == "Wording changed"
    for word in (*Result, *EvidenceStatus):
        assert word.description.endswith(".") and word.description.isascii()
    assert [s for s in EvidenceStatus if s.anchored] == [EvidenceStatus.INTACT,
                                                          EvidenceStatus.MOVED]
    assert [s for s in EvidenceStatus if s.needs_assessor] == [EvidenceStatus.CHANGED,
                                                                EvidenceStatus.ORPHANED]


def test_records_read_from_a_review_are_typed(review):
    store, doc_id = review
    cmd.run(store, cmd.AddEvidence(item_id="chokehold", doc_id=doc_id, kind="area", page=0,
                                   quads=((0, (72.0, 120.0, 540.0, 180.0)),)))
    cmd.run(store, cmd.SetFinding("chokehold", Result.NOT_MET, "no ban"))
    finding = store.findings()["chokehold"]
    assert isinstance(finding, Finding) and finding.result is Result.NOT_MET
    assert finding.result_label == "Not met"
    (ev,) = store.evidence()
    assert isinstance(ev, Evidence) and ev.status is EvidenceStatus.INTACT
    raw = store.conn.execute("SELECT result, typeof(result) FROM findings").fetchone()
    assert tuple(raw) == ("not_met", "text")


def test_unknown_result_is_refused_with_the_choices(review):
    store, _ = review
    with pytest.raises(ReviewError, match="use one of met, partial, not_met"):
        cmd.run(store, cmd.SetFinding("chokehold", "maybe"))


def test_records_built_from_plain_strings_hold_the_enums():
    """Readers that build records from raw rows (the caseload index) get the enums too."""
    from reviewer_app.core.checklist.outcome import NOT_CERTIFIED, certification_outcome
    from reviewer_app.core.checklist.standards import resolve_standards

    standards = resolve_standards("doj-2020")
    item = standards.mandatory_items[0]
    finding = Finding(item.id, "not_met", "", False, "", "")  # type: ignore[arg-type]
    assert finding.result is Result.NOT_MET
    outcome = certification_outcome(standards, {item.id: finding})
    assert outcome.status == NOT_CERTIFIED
    assert any("not met; a mandatory condition" in r for r in outcome.reasons)
    with pytest.raises(ValueError):
        Finding(item.id, "good", "", False, "", "")  # type: ignore[arg-type]
