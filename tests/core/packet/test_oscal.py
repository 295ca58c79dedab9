"""findings.json: OSCAL assessment-results that validate and carry every result and hash."""

from __future__ import annotations

import json

import pytest

from reviewer_app.core.packet import export_packet


@pytest.fixture
def findings(full_packet) -> dict:
    return json.loads(full_packet.findings.read_text(encoding="utf-8"))


def test_validates_against_oscal_assessment_results(findings):
    models = pytest.importorskip("trestle.oscal.assessment_results")
    ar = models.AssessmentResults.model_validate(findings["assessment-results"])
    assert len(ar.results[0].findings) == 13  # no finding for the not-applicable item


def test_validation_catches_a_broken_document(findings):
    models = pytest.importorskip("trestle.oscal.assessment_results")
    broken = json.loads(json.dumps(findings["assessment-results"]))
    del broken["import-ap"]
    with pytest.raises(ValueError):
        models.AssessmentResults.model_validate(broken)


def test_one_finding_per_item_with_result_in_props(findings, shared_review):
    full_review = shared_review
    ar = findings["assessment-results"]
    by_target = {f["target"]["target-id"]: f for f in ar["results"][0]["findings"]}
    results = {item_id: f.result for item_id, f in full_review.findings().items()}
    assert set(by_target) == {i.id for i in full_review.standards().items} - {"no_knock"}
    for item_id, f in by_target.items():
        props = {p["name"]: p["value"] for p in f["props"]}
        assert props["result"] == results[item_id].replace("_", "-")
        expected = "satisfied" if results[item_id] == "met" else "not-satisfied"
        assert f["target"]["status"]["state"] == expected
    assert by_target["duty_to_intervene"]["target"]["status"]["remarks"] == \
        "Recorded result: Partially met."
    # not applicable is no "not-satisfied": the item is excluded, its reason in the remarks
    controls = ar["results"][0]["reviewed-controls"]
    assert controls["control-selections"][0]["exclude-controls"] == [{"control-id": "no_knock"}]
    assert "The Office does not serve warrants" in controls["remarks"]
    for f in by_target.values():  # who and when on each finding
        props = {p["name"]: p["value"] for p in f["props"]}
        assert props["recorded-by"] == "Tess Tester" and props["recorded-at"].startswith("20")


def test_no_placeholder_namespace_and_no_link_outside_the_packet(findings, full_packet):
    text = json.dumps(findings)
    assert ".invalid" not in text and "example." not in text
    for r in findings["assessment-results"]["back-matter"]["resources"]:
        for link in r.get("rlinks", []):
            assert (full_packet.folder / link["href"]).is_file(), link["href"]


def test_observations_hold_quotes_pages_and_link_to_documents(findings, shared_review):
    full_review = shared_review
    ar = findings["assessment-results"]
    result = ar["results"][0]
    observations = {o["uuid"]: o for o in result["observations"]}
    resources = {r["uuid"]: r for r in ar["back-matter"]["resources"]}
    assert ar["import-ap"]["href"].lstrip("#") in resources
    evidence = full_review.evidence()
    assert len(observations) == len(evidence)
    quotes = {o["description"] for o in observations.values()}
    for ev in evidence:
        assert ev.exact in quotes
    for o in observations.values():
        rel = o["relevant-evidence"][0]
        assert rel["href"].lstrip("#") in resources
        props = {p["name"]: p["value"] for p in rel["props"]}
        assert int(props["page"]) >= 1
    linked = {r["observation-uuid"] for f in result["findings"]
              for r in f.get("related-observations", [])}
    assert linked == set(observations)


def test_back_matter_has_every_document_hash(findings, shared_review):
    full_review = shared_review
    resources = findings["assessment-results"]["back-matter"]["resources"]
    hashes = {h["value"] for r in resources for link in r.get("rlinks", [])
              for h in link["hashes"]}
    hashes |= {p["value"] for r in resources for p in r.get("props", [])
               if p["name"] == "sha256"}
    for doc in full_review.documents():
        assert doc.sha256 in hashes


def test_same_review_gives_byte_identical_json(shared_review, full_packet, tmp_path):
    a = full_packet.findings.read_bytes()
    b = export_packet(shared_review, tmp_path / "b").findings.read_bytes()
    assert a == b
    assert a.endswith(b"\n")
