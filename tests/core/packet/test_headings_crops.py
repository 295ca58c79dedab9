"""Section headings for evidence lines, and the cropped evidence images."""

from __future__ import annotations

import io

import pymupdf

from reviewer_app.core.packet.crops import crops_for_document
from reviewer_app.core.packet.headings import HeadingFinder, section_headings
from tests.factories.packets import policy_pdf


def test_heading_finder_uses_bold_lines_and_skips_running_header():
    doc = pymupdf.open(stream=policy_pdf(), filetype="pdf")
    finder = HeadingFinder(doc)
    assert finder.heading_before(0, 200) == "100.1 PURPOSE AND SCOPE"
    assert finder.heading_before(0, 260) == "100.2 CHOKEHOLDS"
    assert finder.heading_before(1, 60) == "100.2 CHOKEHOLDS"  # carried over from page 1
    assert finder.heading_before(0, 50) == ""  # the running header is not a heading


def test_headings_fall_back_to_the_pdf_when_passages_have_none(full_review):
    full_review.conn.execute("UPDATE passages SET section = '', heading = ''")
    headings = section_headings(full_review, full_review.evidence())
    by_item = {ev.item_id: headings[ev.id] for ev in full_review.evidence()}
    assert by_item["chokehold"] == "100.2 CHOKEHOLDS"
    assert by_item["medical_aid"] == "100.4 MEDICAL AID"
    assert by_item["uof_training"] == "TRAINING"


def test_the_nearer_of_passage_and_typographic_heading_wins(full_review):
    ev = next(e for e in full_review.evidence() if e.item_id == "chokehold")
    conn = full_review.conn
    # a segmenter heading from the top of the document loses to the bold heading nearby
    conn.execute("UPDATE passages SET section = 'IV', heading = 'General' WHERE doc_id = ?",
                 (ev.doc_id,))
    assert section_headings(full_review, [ev])[ev.id] == "100.2 CHOKEHOLDS"
    # a segmenter heading on the clause's own passage wins over the one above it
    pid = conn.execute("SELECT id FROM passages WHERE doc_id = ? AND start <= ? "
                       "ORDER BY start DESC LIMIT 1", (ev.doc_id, ev.start)).fetchone()[0]
    conn.execute("UPDATE passages SET section = 'IV', heading = 'Neck holds' WHERE id = ?",
                 (pid,))
    assert section_headings(full_review, [ev])[ev.id] == "IV. Neck holds"


def test_crop_shows_the_clause_with_context_and_highlight(full_review):
    ev = next(e for e in full_review.evidence() if e.item_id == "duty_to_intervene")
    crops = crops_for_document(full_review.document_data(ev.doc_id),
                               full_review.document_text(ev.doc_id), [ev])[ev.id]
    assert len(crops) == 1
    crop = crops[0]
    assert crop.page == ev.page
    top = min(r[1] for _, r in ev.quads)
    bottom = max(r[3] for _, r in ev.quads)
    assert crop.height > bottom - top  # context above and below the clause
    assert crop.height < 200 and crop.width < 612
    pix = pymupdf.Pixmap(io.BytesIO(crop.jpeg))
    assert pix.width > crop.width  # rendered above 72 dpi
    assert pix.width > pix.height  # upright text band, though the page is rotated 90°
    yellow = sum(1 for x in range(0, pix.width, 4) for y in range(0, pix.height, 4)
                 if _is_yellow(pix.pixel(x, y)))
    assert yellow > 50


def _is_yellow(rgb) -> bool:
    r, g, b = rgb[:3]
    return r > 200 and g > 170 and b < 120
