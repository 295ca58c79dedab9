"""The annotated policies: one real highlight per text evidence, on its page, over its words."""

from __future__ import annotations

import pymupdf

from tests.factories.packets import normalized


def highlights(path) -> dict[str, list[tuple[int, pymupdf.Annot, str]]]:
    """Subject ("Evidence N for item X") -> (page, annot, text under it)."""
    out: dict[str, list] = {}
    doc = pymupdf.open(path)
    for page in doc:
        for annot in page.annots():
            if annot.type[1] != "Highlight":
                continue
            under = page.get_textbox(annot.rect)
            out.setdefault(annot.info["subject"], []).append((page.number, annot.info, under))
    doc.close()
    return out


def test_one_highlight_per_evidence_on_its_page_over_its_words(shared_review, full_packet):
    full_review, result = shared_review, full_packet
    names = {p.name for p in result.annotated}
    assert names == {"policy-100.pdf", "training_annex.pdf"}
    docs = {d.id: d for d in full_review.documents()}
    by_doc = {d.id: highlights(result.folder / "annotated" / name)
              for d, name in zip(docs.values(), sorted(names), strict=True)}
    evidence = full_review.evidence()
    assert sum(len(v) for h in by_doc.values() for v in h.values()) == len(evidence)
    for ev in evidence:
        item = full_review.standards().item(ev.item_id)
        found = by_doc[ev.doc_id][f"Evidence {ev.id} for item {item.code}"]
        assert len(found) == 1
        page, info, under = found[0]
        assert page == ev.page
        assert info["title"] == "Tess Tester"
        assert info["content"].startswith(f"{item.code} {item.title}")
        under = normalized(under)
        for word in ev.exact.split():
            assert word.strip(".,") in under, (word, under)


def test_rotated_page_and_two_line_quote(shared_review, full_packet):
    full_review, result = shared_review, full_packet
    ev = next(e for e in full_review.evidence() if e.item_id == "duty_to_intervene")
    assert len(ev.quads) >= 2  # the quote wraps onto a second line
    with pymupdf.open(result.folder / "annotated" / "policy-100.pdf") as doc:
        page = doc[ev.page]
        assert page.rotation == 90
        annots = [a for a in page.annots() if "Evidence" in a.info["subject"]
                  and f"Evidence {ev.id} " in a.info["subject"]]
        assert len(annots) == 1
        assert len(annots[0].vertices) == 4 * len(ev.quads)
        under = normalized(page.get_textbox(annots[0].rect))
        assert "shall intervene to prevent it" in under
        assert "supervisor without delay" in under


def test_original_content_is_kept(shared_review, full_packet):
    full_review, result = shared_review, full_packet
    for doc_rec in full_review.documents():
        original = pymupdf.open(stream=full_review.document_data(doc_rec.id), filetype="pdf")
        name = "policy-100.pdf" if doc_rec.filename == "policy-100.pdf" else \
            "training_annex.pdf"
        annotated = pymupdf.open(result.folder / "annotated" / name)
        assert annotated.page_count == original.page_count
        for a, b in zip(original, annotated, strict=True):
            for xref in [an.xref for an in b.annots(types=[pymupdf.PDF_ANNOT_FREE_TEXT])]:
                b.delete_annot(b.load_annot(xref))  # the margin labels are ours
            assert a.get_text() == b.get_text()
            assert a.rotation == b.rotation


def test_labels_colours_bookmarks_and_a_shared_clause_shows_both_tags(full_review, tmp_path):
    from reviewer_app.core.packet import export_packet
    from reviewer_app.core.packet.annotate import RESULT_COLORS
    from tests.factories.packets import QUOTES
    from tests.factories.reviews import link

    doc_id = next(d.id for d in full_review.documents() if d.filename == "policy-100.pdf")
    link(full_review, "termination_of_force", doc_id, QUOTES["duty_to_intervene"][1])  # shared
    result = export_packet(full_review, tmp_path / "p")
    pdf = pymupdf.open(result.folder / "annotated" / "policy-100.pdf")
    labels = [an.info["content"] for page in pdf
              for an in page.annots(types=[pymupdf.PDF_ANNOT_FREE_TEXT])]
    codes = {i.id: i.code for i in full_review.standards().items}
    assert f"{codes['chokehold']} Met" in labels
    shared = [t for t in labels if codes["duty_to_intervene"] + " Partial" in t]
    assert shared and codes["termination_of_force"] + " " in shared[0]  # both tags on one clause
    colors = {tuple(round(c, 2) for c in an.colors["stroke"]) for page in pdf
              for an in page.annots(types=[pymupdf.PDF_ANNOT_HIGHLIGHT])}
    assert tuple(round(c, 2) for c in RESULT_COLORS["met"]) in colors
    assert tuple(round(c, 2) for c in RESULT_COLORS["partial"]) in colors
    toc = [title for _, title, _ in pdf.get_toc()]
    assert "Evidence by item" in toc
    assert any(t.startswith(codes["chokehold"] + " ") for t in toc)
