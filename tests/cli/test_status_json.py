"""`status --json` is read by scripts: its keys, their order and value types are pinned here."""

from __future__ import annotations

import json

from reviewer_app.main import main

REVIEW_KEYS = ["agency_name", "agency_ori", "agency_state", "credentialing_body", "assessor",
               "standards_id", "standards_sha256", "created_at"]
STANDARDS_KEYS = ["id", "title", "edition"]
DOCUMENT_KEYS = ["title", "filename", "sha256", "pages", "active"]
# keys added by issue 16 come last: "label" (never "Certified" early), "met_without_evidence"
# and "problems" (what keeps a packet from being final); issue 12 added "stage" last
OUTCOME_KEYS = ["status", "reasons", "assessed", "total", "label"]
ITEM_KEYS = ["id", "code", "title", "mandatory", "result", "result_label", "rationale",
             "needs_rereview", "evidence", "met_without_evidence"]
STAGE_KEYS = ["stage", "label", "signed_by", "signed_role", "signed_at", "people"]
EVIDENCE_KEYS = ["id", "kind", "doc", "doc_sha256", "page", "page_label", "quote", "status",
                 "intact"]


def _status_json(tmp_path, sample_pdf, capsys) -> tuple[str, dict]:
    pdf = tmp_path / "policy.pdf"
    pdf.write_bytes(sample_pdf)
    f = tmp_path / "r.review"
    steps = [["new", f, "--agency", "Test PD", "--ori", "IL0000000", "--state", "il"],
             ["add-doc", f, pdf, "--title", "Use of Force"],
             ["link", f, "--item", "chokehold", "--quote",
              "Chokeholds are prohibited unless deadly force is authorized by law."],
             ["finding", f, "--item", "chokehold", "--result", "partial", "--note", "Why"]]
    for args in steps:
        assert main([str(a) for a in args]) == 0
    capsys.readouterr()
    assert main(["status", str(f), "--json"]) == 0
    out = capsys.readouterr().out
    return out, json.loads(out)


def test_status_json_keys_order_and_types(tmp_path, sample_pdf, capsys):
    out, data = _status_json(tmp_path, sample_pdf, capsys)
    assert list(data) == ["review", "standards", "documents", "outcome", "items", "problems",
                          "stage"]
    assert list(data["problems"]) == ["blockers", "warnings"]
    assert list(data["stage"]) == STAGE_KEYS
    assert (data["stage"]["stage"], data["stage"]["label"]) == ("assessment", "Assessment")
    assert list(data["review"]) == REVIEW_KEYS
    assert all(isinstance(v, str) for v in data["review"].values())
    assert list(data["standards"]) == STANDARDS_KEYS
    (doc,) = data["documents"]
    assert list(doc) == DOCUMENT_KEYS
    assert doc["pages"] == 2 and doc["active"] is True
    assert list(data["outcome"]) == OUTCOME_KEYS
    assert data["outcome"]["status"] == "Not certified"
    assert isinstance(data["outcome"]["reasons"], list)
    assert all(list(item) == ITEM_KEYS for item in data["items"])
    choke = next(i for i in data["items"] if i["id"] == "chokehold")
    assert (choke["result"], choke["result_label"], choke["rationale"]) == (
        "partial", "Partially met", "Why")
    assert choke["mandatory"] is True and choke["needs_rereview"] is False
    (ev,) = choke["evidence"]
    assert list(ev) == EVIDENCE_KEYS
    assert (ev["id"], ev["kind"], ev["page"], ev["page_label"]) == (1, "text", 1, "1")
    assert (ev["status"], ev["intact"]) == ("intact", True)
    other = next(i for i in data["items"] if i["id"] == "legal_compliance")
    assert (other["result"], other["result_label"], other["evidence"]) == (
        "not_assessed", "Not assessed", [])
    assert out == json.dumps(data, indent=2, ensure_ascii=False) + "\n"
