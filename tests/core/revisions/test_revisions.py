"""ReplaceDocument: a revised policy replaces the old one and the evidence follows it."""

from __future__ import annotations

import json

import pymupdf
import pytest

from reviewer_app.cli import run_cli
from reviewer_app.core.errors import ReviewError
from reviewer_app.core.pdf.documents import inspect_pdf
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.revisions.replace import ConfirmEvidence, ReplaceDocument, awaiting_review
from tests.factories.pdfs import (
    AID,
    CHOKE,
    INTERVENE,
    REVISED_PAGES,
    SAMPLE_PAGES,
    SCOPE,
    make_pdf,
)
from tests.factories.reviews import link, link_area

AREA = (72.0, 72.0, 300.0, 200.0)


@pytest.fixture
def reviewed(review):
    """The sample review with text evidence on four clauses, an area, and findings."""
    store, doc_id = review
    ids = {
        "choke": link(store, "chokehold", doc_id, CHOKE),
        "intervene": link(store, "duty_to_intervene", doc_id, INTERVENE),
        "aid": link(store, "medical_aid", doc_id, AID),
        "scope": link(store, "legal_compliance", doc_id, SCOPE),
        "area": link_area(store, "deescalation", doc_id, 0, AREA),
    }
    for item in ("chokehold", "duty_to_intervene", "medical_aid", "legal_compliance"):
        cmd.run(store, cmd.SetFinding(item, "met", "clause present"))
    return store, doc_id, ids


def replace(store, doc_id, pages=REVISED_PAGES, name="policy-v2.pdf"):
    data = make_pdf(pages)
    return ReplaceDocument(doc_id, data, name, inspect_pdf(data, name))


def snapshot(store) -> dict:
    tables = ("documents", "doc_pages", "evidence", "findings", "passages")
    return {t: [dict(r) for r in store.conn.execute(f"SELECT * FROM {t} ORDER BY rowid")]
            for t in tables}


def test_evidence_follows_the_revision_with_statuses(reviewed):
    store, old_id, ids = reviewed
    c = cmd.run(store, replace(store, old_id))
    new_id = c.new_doc_id
    status = {o.evidence_id: o.status for o in c.outcomes}
    assert status == {ids["choke"]: "moved", ids["scope"]: "moved", ids["intervene"]: "changed",
                      ids["aid"]: "orphaned", ids["area"]: "orphaned"}
    choke = store.evidence_by_id(ids["choke"])
    assert choke.doc_id == new_id and choke.exact == CHOKE and choke.previous_exact == ""
    assert store.document_text(new_id).text[choke.start:choke.end] == CHOKE
    changed = store.evidence_by_id(ids["intervene"])
    assert changed.doc_id == new_id and "must intervene" in changed.exact
    assert changed.previous_exact == INTERVENE
    orphan = store.evidence_by_id(ids["aid"])  # kept, on the old revision, where it was
    assert orphan.status == "orphaned" and orphan.doc_id == old_id and orphan.exact == AID
    assert store.document_text(old_id).text[orphan.start:orphan.end] == AID


def test_documents_and_findings_after_a_replacement(reviewed):
    store, old_id, _ = reviewed
    c = cmd.run(store, replace(store, old_id))
    assert [d.id for d in store.documents()] == [c.new_doc_id]
    old, new = store.document(old_id), store.document(c.new_doc_id)
    assert not old.active and new.replaces == old_id and new.title == old.title
    flags = {k: f.needs_rereview for k, f in store.findings().items()}
    assert flags == {"chokehold": False, "legal_compliance": False,
                     "duty_to_intervene": True, "medical_aid": True}
    entry = store.log_entries()[-1]
    assert entry.action == "replace_document"
    assert entry.payload["counts"] == {"intact": 0, "moved": 2, "changed": 1, "orphaned": 2}
    assert {e.id for e in awaiting_review(store)} == {
        o.evidence_id for o in c.outcomes if o.status in ("changed", "orphaned")}


def test_undo_and_redo_restore_every_row(reviewed):
    store, old_id, _ = reviewed
    before = snapshot(store)
    stack = cmd.CommandStack(store)
    stack.execute(replace(store, old_id))
    after = snapshot(store)
    stack.undo()
    assert snapshot(store) == before
    stack.redo()
    assert snapshot(store) == after


def test_identical_revision_keeps_everything_intact(reviewed):
    store, old_id, ids = reviewed
    c = cmd.run(store, replace(store, old_id, SAMPLE_PAGES, "resaved.pdf"))
    # same text; the file differs only by its /ID, so it is a new revision
    assert {o.status for o in c.outcomes} == {"intact"}
    assert store.evidence_by_id(ids["area"]).doc_id == c.new_doc_id
    assert not any(f.needs_rereview for f in store.findings().values())


def test_same_file_or_an_old_revision_is_refused(reviewed, sample_pdf):
    store, old_id, _ = reviewed
    with pytest.raises(ReviewError, match="very same file"):
        cmd.run(store, ReplaceDocument(old_id, sample_pdf, "same.pdf", inspect_pdf(sample_pdf)))
    cmd.run(store, replace(store, old_id))
    with pytest.raises(ReviewError, match="already been replaced"):
        cmd.run(store, replace(store, old_id, SAMPLE_PAGES[:1], "other.pdf"))
    assert len(store.documents(include_inactive=True)) == 2


def test_confirming_changed_wording(reviewed):
    store, old_id, ids = reviewed
    cmd.run(store, replace(store, old_id))
    stack = cmd.CommandStack(store)
    stack.execute(ConfirmEvidence(ids["intervene"]))
    ev = store.evidence_by_id(ids["intervene"])
    assert ev.status == "intact" and ev.previous_exact == ""
    stack.undo()
    assert store.evidence_by_id(ids["intervene"]).previous_exact == INTERVENE
    with pytest.raises(ReviewError, match="orphaned"):
        cmd.run(store, ConfirmEvidence(ids["aid"]))


def test_unconfirmed_change_survives_a_second_revision(reviewed):
    store, old_id, ids = reviewed
    c1 = cmd.run(store, replace(store, old_id))
    third = [REVISED_PAGES[0] + "\nAnother sentence.", REVISED_PAGES[1]]
    c2 = cmd.run(store, replace(store, c1.new_doc_id, third, "policy-v3.pdf"))
    ev = store.evidence_by_id(ids["intervene"])
    assert ev.doc_id == c2.new_doc_id and ev.status == "changed"
    assert ev.previous_exact == INTERVENE  # the wording the assessor last saw


def test_area_evidence_on_a_scan_follows_an_unchanged_page(new_review):
    store = new_review()
    doc = pymupdf.open()
    for n in range(2):
        page = doc.new_page()
        page.draw_rect(pymupdf.Rect(100, 100 + 80 * n, 400, 160 + 80 * n), fill=(0, 0, 0))
    scan = doc.tobytes()
    info = inspect_pdf(scan, "scan.pdf")
    assert info.pages_without_text == [0, 1]
    old_id = cmd.run(store, cmd.AddDocument(scan, "scan.pdf", info)).doc_id
    keep = link_area(store, "early_intervention", old_id, 0, AREA)
    lose = link_area(store, "early_intervention", old_id, 1, AREA)
    doc[1].draw_rect(pymupdf.Rect(50, 600, 500, 700), fill=(0, 0, 0))  # page 2 rescanned
    rescan = doc.tobytes(no_new_id=False)
    c = cmd.run(store, ReplaceDocument(old_id, rescan, "scan2.pdf", inspect_pdf(rescan)))
    status = {o.evidence_id: o.status for o in c.outcomes}
    assert status == {keep: "intact", lose: "orphaned"}
    assert store.evidence_by_id(keep).doc_id == c.new_doc_id


def test_cli_replace_doc_shows_statuses_and_wording(reviewed, tmp_path, capsys):
    store, _, ids = reviewed
    path = store.path
    store.close()
    new_pdf = tmp_path / "policy-v2.pdf"
    new_pdf.write_bytes(make_pdf(REVISED_PAGES))
    assert run_cli(["replace-doc", str(path), "Generated", str(new_pdf)]) == 0
    out = capsys.readouterr().out
    assert "2 moved, 1 changed, 2 orphaned" in out
    assert f"old: {INTERVENE[:60]}" in out and "[must]" in out and "[shall]" in out
    assert "kept on the old revision" in out and "findings flagged for re-review: 2, 5" in out
    assert run_cli(["confirm", str(path), "--evidence", str(ids["intervene"])]) == 0
    assert "confirmed evidence" in capsys.readouterr().out


def test_cli_replace_doc_json_and_errors(reviewed, tmp_path, capsys):
    store, _, _ = reviewed
    path = store.path
    store.close()
    new_pdf = tmp_path / "v2.pdf"
    new_pdf.write_bytes(make_pdf(REVISED_PAGES))
    assert run_cli(["replace-doc", str(path), "nope", str(new_pdf)]) == 2
    assert "no document match 'nope'" in capsys.readouterr().err
    (tmp_path / "bad.pdf").write_bytes(b"not a pdf at all")
    assert run_cli(["replace-doc", str(path), "Generated", str(tmp_path / "bad.pdf")]) == 2
    assert "not a PDF" in capsys.readouterr().err
    assert run_cli(["replace-doc", str(path), "Generated", str(new_pdf), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["counts"]["changed"] == 1 and len(data["evidence"]) == 5
    assert data["flagged_items"] == ["duty_to_intervene", "medical_aid"]


def test_wording_diff_marks_the_changed_words():
    from reviewer_app.core.revisions.replace import wording_diff

    runs = wording_diff("the officer should act prior to force",
                        "the member should act before force")
    assert [r for r in runs if r[0] != "equal"] == [("replace", "officer", "member"),
                                                    ("replace", "prior to", "before")]
