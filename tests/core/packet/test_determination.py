"""Issue 16: the determination never claims more than the evidence shows."""

from __future__ import annotations

import json

import pymupdf

from reviewer_app.core.checklist.standards import resolve_standards
from reviewer_app.core.packet import export_packet
from reviewer_app.core.review.status import review_status
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.main import main
from tests.factories.packets import build_review, set_finding


def _cover(path) -> str:
    return " ".join(pymupdf.open(path)[0].get_text().split())


def test_met_without_evidence_document_or_assessor_gives_a_draft_with_reasons(tmp_path):
    with ReviewStore.create(tmp_path / "e.review", agency_name="Empty PD",
                            standards=resolve_standards("doj-2020")) as store:
        for item in store.standards().items:
            set_finding(store, item.id, "met" if item.mandatory else "not_applicable", "x")
        result = export_packet(store, tmp_path / "p")
    assert result.is_draft  # every item has a result, yet nothing supports it
    cover = _cover(result.packet_pdf)
    assert "CERTIFIED" not in cover.replace("NOT CERTIFIED", "")
    assert "IN PROCESS (MANDATORY CONDITIONS MET)" in cover
    for reason in ("No policy document was reviewed", "assessor is not recorded",
                   "met, but no evidence clause is linked"):
        assert reason in cover


def test_not_met_without_rationale_blocks_a_final_packet(tmp_path):
    store = build_review(tmp_path / "r.review", complete=True)
    try:
        set_finding(store, "no_knock", "not_met", "")
        problems = review_status(store).to_json()["problems"]
        code = store.standards().item("no_knock").code
        assert any(b.startswith(f"{code} ") and "not met without a rationale" in b
                   for b in problems["blockers"])
        assert export_packet(store, tmp_path / "p").is_draft
    finally:
        store.close()


def test_complete_supported_review_is_final(full_packet):
    assert not full_packet.is_draft


def test_export_lists_every_warning_and_status_says_in_process(tmp_path, capsys):
    store = build_review(tmp_path / "w.review", complete=False)
    store.close()
    assert main(["export", str(tmp_path / "w.review"), "--out", str(tmp_path / "p"),
                 "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "warning: 5 Medical care after force: met without a rationale." in out
    assert "draft packet" in out and "items are not assessed" in out
    assert main(["status", str(tmp_path / "w.review"), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["outcome"]["label"] == "In process (mandatory conditions met)"
    assert data["outcome"]["status"] == "Certified"  # the rule itself is unchanged


def _text(path) -> str:
    return " ".join(" ".join(p.get_text() for p in pymupdf.open(path)).split())


def test_packet_has_deficiencies_near_the_front_and_the_methodology(full_packet):
    doc = pymupdf.open(full_packet.packet_pdf)
    toc = {title: page for _, title, page in doc.get_toc()}
    assert toc["Summary of deficiencies"] < toc["Findings by item"]
    assert toc["Methodology"] < toc["Findings by item"]
    page = " ".join(doc[toc["Summary of deficiencies"] - 1].get_text().split())
    deficiencies = page[page.index("Summary of deficiencies"):]
    assert "Duty exists; reporting is vague." in deficiencies  # the Partial's rationale
    assert "TO REQUEST" in deficiencies
    method = " ".join(" ".join(doc[p].get_text() for p in range(
        toc["Methodology"] - 1, toc["Findings by item"] - 1)).split())
    assert "DOCUMENTS RECEIVED" in method and "policy-100.pdf" in method
    assert "hit(s)" in method  # the searches made for absent provisions


def test_packet_pdf_carries_its_real_creation_date(full_packet, shared_review):
    meta = pymupdf.open(full_packet.packet_pdf).metadata
    last = shared_review.log_entries()[-1].at
    assert meta["creationDate"].startswith("D:" + last[:10].replace("-", ""))
    assert not meta["creationDate"].startswith("D:2000")


def test_an_assessor_recorded_as_a_person_counts_as_the_assessor():
    """The second-review workflow records the assessor among the review's people; a review
    whose details leave the assessor field blank is then not blocked for want of one."""
    from reviewer_app.core.checklist.determination import review_problems

    status = {"documents": [{"active": True}], "review": {"assessor": ""}, "items": []}
    blocked = review_problems(status).blockers
    assert any("assessor is not recorded" in b for b in blocked)
    status["stage"] = {"people": [{"name": "Ann Assessor", "role": "second_reviewer"}]}
    assert any("assessor is not recorded" in b for b in review_problems(status).blockers)
    status["stage"] = {"people": [{"name": "Ann Assessor", "role": "assessor"}]}
    assert not any("assessor is not recorded" in b for b in review_problems(status).blockers)
