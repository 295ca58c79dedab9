"""export_packet: what packet.pdf says, that the review is untouched, and folder safety."""

from __future__ import annotations

import hashlib
from datetime import date

import pymupdf
import pytest

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.packet import export_packet
from reviewer_app.core.packet.model import add_months
from reviewer_app.core.packet.pdf_sections import long_date
from reviewer_app.core.review.status import review_status
from reviewer_app.core.vocabulary import Result
from tests.factories.packets import normalized


def pdf_text(path) -> str:
    with pymupdf.open(path) as doc:
        return normalized(" ".join(page.get_text() for page in doc))


def test_packet_pdf_holds_every_item_result_quote_and_hash(shared_review, full_packet):
    full_review, result = shared_review, full_packet
    text = pdf_text(result.packet_pdf)
    status = review_status(full_review)
    for state in status.items:
        assert f"{state.item.code} · {state.item.title}" in text
        assert state.result.label in text
        for e in state.evidence:
            assert normalized(e.evidence.exact) in text, e.evidence.exact
    for doc in full_review.documents():
        assert doc.sha256 in text
        assert doc.title in text
    findings_sha = hashlib.sha256(result.findings.read_bytes()).hexdigest()
    assert findings_sha in text
    assert result.packet_id in text
    assert "Compliance with the safe policing certification requirement" in text
    assert "Draft:" not in text


def test_every_page_has_header_footer_and_outline(shared_review, full_packet):
    full_review, result = shared_review, full_packet
    with pymupdf.open(result.packet_pdf) as doc:
        assert doc.page_count == result.pages
        for page in doc:
            words = normalized(page.get_text())
            assert f"Page {page.number + 1} of {doc.page_count}" in words
            assert result.packet_id in words
        toc = [title for _, title, _ in doc.get_toc()]
        fonts = {f[3] for page in doc for f in page.get_fonts()}
    for item in full_review.standards().items:
        assert f"{item.code}  {item.title}" in toc
    assert {"Summary of findings", "Determination and signatures"} <= set(toc)
    assert any("NotoSans" in f for f in fonts), fonts  # embedded TrueType, not base-14


def test_summary_puts_mandatory_conditions_first(full_packet):
    result = full_packet
    with pymupdf.open(result.packet_pdf) as doc:
        summary = next(normalized(p.get_text()) for p in doc
                       if "Summary of findings" in p.get_text() and "MANDATORY" in p.get_text())
    mandatory, rest = summary.split("DISCRETIONARY PRINCIPLES", 1)
    assert "Adherence to applicable laws" in mandatory
    assert "Prohibition of choke holds" in mandatory
    assert "Termination of force" not in mandatory and "Termination of force" in rest


def test_draft_cover_says_how_many_items_are_open(draft_review, tmp_path):
    result = export_packet(draft_review, tmp_path / "packet")
    assessed = len([f for f in draft_review.findings().values() if f.result != "not_assessed"])
    total = len(draft_review.standards().items)
    with pymupdf.open(result.packet_pdf) as doc:
        cover = normalized(doc[0].get_text())
    assert f"Draft: {total - assessed} of {total} items not assessed" in cover
    assert result.is_draft
    assert "Not applicable (draft)" in cover


def test_complete_review_before_sign_off_is_a_recommendation(shared_review, full_packet):
    """Issue 12: a complete review not yet signed off never says "Certified ... valid
    until": it is the assessor's recommendation, and the 36 months have not started."""
    full_review, result = shared_review, full_packet
    with pymupdf.open(result.packet_pdf) as doc:
        cover = normalized(doc[0].get_text())
    assert "RECOMMENDATION: CERTIFY" in cover and "Draft" not in cover
    assert "CERTIFIED" not in cover and "AWAITING SIGN-OFF" in cover
    assert "Not applicable (awaiting sign-off)" in cover
    last = [e.at for e in full_review.log_entries() if e.action == "set_finding"][-1]
    expiry = add_months(date.fromisoformat(last[:10]), 36)
    assert long_date(expiry) not in cover
    assert "Approving official Not signed off" in cover.replace("APPROVING OFFICIAL",
                                                                 "Approving official")
    assert "Test Accreditation" in cover and "IL0990000" in cover
    assert "Agía Marína Police Department — Σπάρτη" in cover


def test_signed_off_cover_has_outcome_and_expiry_from_the_sign_off(full_review, tmp_path):
    from reviewer_app.core.review import commands as cmd

    cmd.run(full_review, cmd.SignOff("Olga Official", "Director of Certification",
                                     at="2026-03-31T10:00:00Z"))
    result = export_packet(full_review, tmp_path / "signed")
    with pymupdf.open(result.packet_pdf) as doc:
        cover = normalized(doc[0].get_text())
    assert "CERTIFIED" in cover and "Draft" not in cover and "RECOMMENDATION" not in cover
    assert long_date(date(2029, 3, 31)) in cover  # 36 months after the sign-off
    assert "March 31, 2026 (signed off by Olga Official)" in cover
    assert "Olga Official, Director of Certification; signed off March 31, 2026" in cover


def test_rationale_and_section_heading_are_printed(full_packet):
    result = full_packet
    text = pdf_text(result.packet_pdf)
    assert "Duty exists; reporting is vague." in text
    assert "100.3 DUTY TO INTERVENE" in text  # the heading above the clause, on a rotated page


def test_export_never_changes_the_review(full_review, tmp_path):
    path = full_review.path
    before_content = review_status(full_review)
    log_before = len(full_review.log_entries())
    full_review.file_sha256()  # checkpoint, so the main file holds everything
    raw_before = path.read_bytes()
    wal = path.with_name(path.name + "-wal")
    wal_before = wal.read_bytes() if wal.exists() else b""
    export_packet(full_review, tmp_path / "packet")
    assert path.read_bytes() == raw_before
    assert (wal.read_bytes() if wal.exists() else b"") == wal_before
    assert len(full_review.log_entries()) == log_before
    assert review_status(full_review) == before_content


def test_exports_are_deterministic(shared_review, full_packet, tmp_path):
    a = full_packet
    b = export_packet(shared_review, tmp_path / "b")
    assert a.findings.read_bytes() == b.findings.read_bytes()
    assert a.files == b.files  # every file byte-identical, packet.pdf included


def test_progress_reports_every_step(shared_review, tmp_path):
    calls = []
    export_packet(shared_review, tmp_path / "p", lambda d, t, m: calls.append((d, t, m)))
    assert calls[-1][0] == calls[-1][1]
    assert [c[0] for c in calls] == list(range(1, calls[-1][1] + 1))
    assert all(m for _, _, m in calls)


def test_refuses_a_folder_with_other_files(shared_review, tmp_path):
    full_review = shared_review
    out = tmp_path / "busy"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(ReviewError, match="not empty"):
        export_packet(full_review, out)
    assert (out / "notes.txt").read_text() == "mine"
    assert sorted(p.name for p in out.iterdir()) == ["notes.txt"]
    assert not any(p.name.startswith(".busy") for p in tmp_path.iterdir())


def test_reexport_replaces_an_earlier_packet(shared_review, tmp_path):
    full_review = shared_review
    out = tmp_path / "packet"
    export_packet(full_review, out)
    result = export_packet(full_review, out)  # an intact earlier packet: replaced
    (out / "packet.pdf").write_bytes(b"stale")
    with pytest.raises(ReviewError, match="changed after export"):  # signed? (issue 15)
        export_packet(full_review, out)
    result = export_packet(full_review, out, force=True)
    assert result.packet_pdf.read_bytes().startswith(b"%PDF")
    (out / "stray.txt").write_text("x")
    with pytest.raises(ReviewError, match="stray.txt"):
        export_packet(full_review, out)


def test_result_labels_cover_every_result():
    from reviewer_app.core.packet.styles import RESULT_STYLE
    assert set(RESULT_STYLE) == set(Result)


def test_area_evidence_gets_a_box_and_an_image(full_review, tmp_path):
    from reviewer_app.core.review import commands as cmd

    doc_id = full_review.documents()[0].id
    c = cmd.run(full_review, cmd.AddEvidence(
        item_id="warning_shots", item_code="8", doc_id=doc_id, kind="area", page=0,
        quads=((0, (72.0, 300.0, 300.0, 380.0)),), note="Signed diagram"))
    result = export_packet(full_review, tmp_path / "packet")
    with pymupdf.open(result.folder / "annotated" / "policy-100.pdf") as doc:
        boxes = [a.info["subject"] for a in doc[0].annots() if a.type[1] == "Square"]
    assert boxes == [f"Evidence {c.evidence.id} for item 8"]
    text = pdf_text(result.packet_pdf)
    assert "Marked area of the page" in text and "Signed diagram" in text


def test_empty_review_exports_a_draft(tmp_path):
    from reviewer_app.core.checklist.standards import resolve_standards
    from reviewer_app.core.review.store import ReviewStore

    with ReviewStore.create(tmp_path / "e.review", agency_name="Empty PD",
                            standards=resolve_standards("doj-2020")) as store:
        result = export_packet(store, tmp_path / "packet")
    assert result.is_draft and result.annotated == []
    text = pdf_text(result.packet_pdf)
    assert "Draft: 14 of 14 items not assessed" in text
    assert "ORI not recorded" in text


def test_symbols_and_line_breaks_in_rationale(full_review, tmp_path):
    from tests.factories.reviews import set_finding

    set_finding(full_review, "warning_shots", "met", "Forbidden → see §4.\nSecond line ✓")
    result = export_packet(full_review, tmp_path / "packet")
    with pymupdf.open(result.packet_pdf) as doc:
        page = next(p for p in doc if "Forbidden" in p.get_text())
        lines = page.get_text().splitlines()
        fonts = {f[3] for f in page.get_fonts()}
    assert any("Forbidden → see §4." in line for line in lines)
    assert any(line.startswith("Second line ✓") for line in lines)
    assert any("DejaVuSansMono" in f for f in fonts)
