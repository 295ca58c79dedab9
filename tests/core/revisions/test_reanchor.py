"""The re-anchoring matcher on revisions whose truth is known by construction."""

from __future__ import annotations

from io import BytesIO

import pytest

from reviewer_app.core.pdf.documents import inspect_pdf
from reviewer_app.core.revisions.reanchor import reanchor
from tests.factories.pdfs import SAMPLE_PAGES, make_pdf
from tests.factories.texts import Ev, anchor, anchor_at, doc_text

FIRST_AID = "Officers shall render first aid to any injured person as soon as it is safe to do so."
ANIMALS = "Officers shall render first aid to any injured animal as soon as it is safe to do so."


def pdf_text(pages: list[str], **kw):
    return inspect_pdf(make_pdf(pages, **kw), "t.pdf").text


def test_identical_revision_is_intact_at_the_same_offsets(sample_pdf):
    old = inspect_pdf(sample_pdf).text
    new = pdf_text(SAMPLE_PAGES)
    for quote in ("Chokeholds are prohibited", "render first aid", "300.3 DUTY TO INTERVENE"):
        ev = anchor(old, quote)
        r = reanchor(ev, new, old)
        assert r.status == "intact" and (r.anchor.start, r.anchor.end) == (ev.start, ev.end)


def test_inserted_paragraph_moves_the_anchor_to_the_same_words(sample_pdf):
    old = inspect_pdf(sample_pdf).text
    new = pdf_text(["A new first paragraph about the revision.\n" + SAMPLE_PAGES[0],
                    SAMPLE_PAGES[1]])
    ev = anchor(old, "Chokeholds are prohibited unless deadly force is authorized by law.")
    r = reanchor(ev, new, old)
    assert r.status == "moved" and r.anchor.exact == ev.exact
    assert new.text[r.anchor.start:r.anchor.end] == ev.exact and r.anchor.start > ev.start
    assert r.anchor.quads and r.anchor.page == 0


def test_reworded_clause_is_changed_with_the_new_words(sample_pdf):
    old = inspect_pdf(sample_pdf).text
    new = pdf_text([SAMPLE_PAGES[0], SAMPLE_PAGES[1].replace("shall intervene", "must intervene")])
    ev = anchor(old, "Any officer present and observing another officer using excessive force "
                     "shall intervene to prevent the use of unreasonable force.")
    r = reanchor(ev, new, old)
    assert r.status == "changed"
    assert r.anchor.exact == ev.exact.replace("shall", "must")
    assert "similar" in r.reason and 80 < r.score <= 100


def test_deleted_clause_is_orphaned_with_a_reason(sample_pdf):
    old = inspect_pdf(sample_pdf).text
    new = pdf_text([SAMPLE_PAGES[0].replace(
        "Chokeholds are prohibited unless deadly force is authorized by law.",
        "Neck restraints are covered by policy 312."), SAMPLE_PAGES[1]])
    ev = anchor(old, "Chokeholds are prohibited unless deadly force is authorized by law.")
    r = reanchor(ev, new, old)
    assert r.status == "orphaned" and r.anchor is None and "not found" in r.reason


def test_deleted_clause_never_lands_on_its_near_duplicate():
    """The animal clause resembles the deleted person clause (96%), but it answers its own
    old clause better: attaching to it would be a silent wrong attachment."""
    body = "Section 5 covers medical matters in the field for every shift. "
    old = doc_text(body + FIRST_AID + " Section 9 covers animals. " + ANIMALS + " End.")
    new = doc_text(body + "Section 9 covers animals. " + ANIMALS + " End.")
    r = reanchor(anchor(old, FIRST_AID), new, old)
    assert r.status == "orphaned"
    ev_animals = anchor(old, ANIMALS)
    assert reanchor(ev_animals, new, old).status == "moved"


def test_repeated_sentence_keeps_its_own_occurrence():
    s = "Members shall complete the annual review of this policy."
    old = doc_text(f"1. Patrol unit rules follow. {s} Patrol ends. 2. Jail unit rules. {s} Jail.")
    new = doc_text(f"0. Inserted preface text here. 1. Patrol unit rules follow. {s} Patrol "
                   f"ends. 2. Jail unit rules. {s} Jail.")
    spans = [i for i in range(len(old.text)) if old.text.startswith(s, i)]
    assert len(spans) == 2
    second = anchor_at(old, spans[1], spans[1] + len(s))
    r = reanchor(second, new, old)
    new_spans = [i for i in range(len(new.text)) if new.text.startswith(s, i)]
    assert r.status == "moved" and r.anchor.start == new_spans[1]


def test_repeated_sentence_whose_occurrence_was_deleted_is_not_moved_to_the_other():
    s = "Members shall complete the annual review of this policy."
    old = doc_text(f"1. Patrol unit rules follow here. {s} Patrol ends now. "
                   f"2. Jail unit rules apply. {s} Jail ends.")
    new = doc_text(f"1. Patrol unit rules follow here. Patrol ends now. "
                   f"2. Jail unit rules apply. {s} Jail ends.")
    first = old.text.find(s)
    r = reanchor(anchor_at(old, first, first + len(s)), new, old)
    assert r.status == "orphaned"
    second = old.text.find(s, first + 1)
    r2 = reanchor(anchor_at(old, second, second + len(s)), new, old)
    assert r2.status == "moved" and r2.anchor.exact == s


def test_short_phrase_does_not_jump_to_a_stray_copy():
    old = doc_text("Prohibited techniques: (e) Leg sweeps (f) Choke holds (g) Strikes to the "
                   "head. Training covers the physiology of breathing.")
    new = doc_text("Prohibited techniques: (e) Leg sweeps (f) Carotid restraints (g) Strikes to "
                   "the head. Training covers the physiology of breathing and why Choke holds "
                   "kill.")
    ev = anchor(old, "Choke holds")
    r = reanchor(ev, new, old)
    if r.anchor is not None:  # acceptable: changed in place; never the stray copy
        assert "Carotid" in r.anchor.exact or r.status == "changed"
        assert r.anchor.start < new.text.find("Training")


def test_line_end_hyphen_joined_by_a_reflow_is_the_same_wording():
    old = doc_text("Every officer must inter- vene when force is clearly excessive and report it.")
    new = doc_text("Preface. Every officer must intervene when force is clearly excessive and "
                   "report it.")
    ev = anchor(old, "must inter- vene when force is clearly excessive")
    r = reanchor(ev, new, old)
    assert r.status == "moved"
    assert r.anchor.exact == "must intervene when force is clearly excessive"


def test_scan_revision_orphans_everything_with_an_explanation(sample_pdf):
    old = inspect_pdf(sample_pdf).text
    new = pdf_text(["", ""])
    r = reanchor(anchor(old, "render first aid"), new, old)
    assert r.status == "orphaned" and "no text layer" in r.reason


def test_works_from_stored_selectors_without_the_old_text(sample_pdf):
    old = inspect_pdf(sample_pdf).text
    new = pdf_text(["Preface added.\n" + SAMPLE_PAGES[0], SAMPLE_PAGES[1]])
    ev = anchor(old, "Officers shall use only that amount of force")
    r = reanchor(Ev(ev.start, ev.end, ev.exact, ev.prefix, ev.suffix, ev.page), new, None)
    assert r.status == "moved" and r.anchor.exact == ev.exact


def _manual(paragraphs: list[str], page: tuple[float, float], size: float) -> bytes:
    """A multi-page policy with a running header and page-number footer (reportlab)."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    def furniture(canvas, doc):
        canvas.setFont("Helvetica", 8)
        canvas.drawString(40, page[1] - 25, "Testville Police Department Policy Manual")
        canvas.drawString(40, 15, f"Page {doc.page}")

    out = BytesIO()
    style = ParagraphStyle("b", fontName="Helvetica", fontSize=size, leading=size * 1.3)
    SimpleDocTemplate(out, pagesize=page, topMargin=40, bottomMargin=40).build(
        [Paragraph(p, style) for p in paragraphs], onFirstPage=furniture,
        onLaterPages=furniture)
    return out.getvalue()


def test_clause_cut_by_a_new_page_break_is_moved_not_changed():
    import random

    rng = random.Random(3)
    vocab = ("members supervisors report force custody vehicle training review weapon "
             "injury medical scene arrest warrant subject public safety camera record").split()
    paras = [f"Paragraph {n} " + " ".join(rng.choice(vocab) for _ in range(22)) + " it."
             for n in range(60)]
    old = inspect_pdf(_manual(paras, (612, 792), 10), "old.pdf").text
    new = inspect_pdf(_manual(paras, (420, 595), 9), "new.pdf").text
    assert len(new.pages) >= 3
    broken = 0
    for n in range(0, 60, 3):
        ev = anchor(old, paras[n])
        r = reanchor(ev, new, old)
        assert r.status in ("moved", "intact"), (n, r.reason)
        assert r.anchor.exact.startswith(f"Paragraph {n} ") and r.anchor.exact.endswith("it.")
        broken += len({p for p, _ in r.anchor.quads}) > 1
        # highlighted on the pages' body only: never the running header or page number
        assert all(30 < y0 and y1 < 595 - 30 for _, (_, y0, _, y1) in r.anchor.quads)
    assert broken, "no clause crossed a page break; the test proves nothing"


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotated_revision_keeps_unrotated_geometry(rotation):
    import pymupdf

    old = pdf_text(SAMPLE_PAGES)
    data = make_pdf(["Inserted line.\n" + SAMPLE_PAGES[0], SAMPLE_PAGES[1]], rotation=rotation)
    new = inspect_pdf(data).text
    r = reanchor(anchor(old, "Chokeholds are prohibited"), new, old)
    assert r.status == "moved"
    page = pymupdf.open(stream=data)[r.anchor.page]
    assert page.rotation == rotation
    words = " ".join(page.get_textbox(pymupdf.Rect(rect)) for _, rect in r.anchor.quads)
    assert "Chokeholds" in words and "prohibited" in words


def test_evidence_whose_span_starts_in_the_running_header_still_moves():
    """A drag that began on the running header stores the body words only; its span still
    starts in the header. On a revision with a new first page it is the same clause,
    moved (it was orphaned: the old occurrence did not contain the span's start)."""
    import pymupdf

    from reviewer_app.core.pdf.documents import inspect_pdf
    from reviewer_app.core.text.anchoring import anchor_span
    from tests.factories.furniture import HEADER, furniture_policy

    old_text = inspect_pdf(furniture_policy(4), "old.pdf").text
    doc = pymupdf.open(stream=furniture_policy(4), filetype="pdf")
    page = doc.new_page(0, width=612, height=792)
    page.insert_text((72, 40), HEADER[0], fontname="hebo", fontsize=10)
    page.insert_text((72, 120), "A new preface about the revised orders of this office.",
                     fontname="helv", fontsize=10)
    new_text = inspect_pdf(doc.tobytes(), "new.pdf").text

    p4 = old_text.page_starts[3]
    start = p4 + old_text.pages[3].text.index(HEADER[1])  # the drag began on the header
    first_body = old_text.pages[3].text.index("Line")
    end = p4 + old_text.pages[3].text.index(" ", first_body + 30)
    ev = anchor_span(old_text, start, end)
    assert HEADER[1] not in ev.exact  # stored as the policy's words
    result = reanchor(ev, new_text, old_text)
    assert result.status == "moved", result.reason
    assert new_text.page_of(result.anchor.start) == 4
