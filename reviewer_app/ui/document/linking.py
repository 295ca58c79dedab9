"""From a selection in the view to an ``AddEvidence`` command, and from evidence to highlights.

Kept apart from the window so the rules are readable in one place: text evidence is
anchored with ``anchoring.anchor_span`` over the stored canonical text (the same text the
view selects in), area evidence keeps the rectangle the user drew, in unrotated page space.
"""

from __future__ import annotations

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.review.commands import AddEvidence
from reviewer_app.core.text.anchoring import anchor_span, snap_to_words
from reviewer_app.core.text.textmap import DocumentText
from reviewer_app.core.vocabulary import EvidenceStatus
from reviewer_app.ui.common.theme import HIGHLIGHT_COLORS, result_label
from reviewer_app.ui.pdfview.highlights import Highlight
from reviewer_app.ui.session.session import ReviewSession

Rect = tuple[float, float, float, float]
MIN_AREA_PT = 4.0


def text_evidence(session: ReviewSession, item_id: str, doc_id: int, text: DocumentText,
                  start: int, end: int, note: str = "") -> AddEvidence:
    """The command linking canonical characters [start, end) of a document to an item."""
    start, end = snap_to_words(text, start, end)  # whole words, no blanks at the edges
    if end <= start:
        raise ReviewError("the selection holds no text; select the clause to link.")
    anchor = anchor_span(text, start, end)
    item = session.item(item_id)
    return AddEvidence(item_id=item_id, doc_id=doc_id, kind="text", page=anchor.page,
                       quads=anchor.quads, start=anchor.start, end=anchor.end,
                       exact=anchor.exact, prefix=anchor.prefix, suffix=anchor.suffix,
                       note=note, item_code=item.code)


def area_evidence(session: ReviewSession, item_id: str, doc_id: int, page: int,
                  rect: Rect) -> AddEvidence:
    """The command linking a rectangle of a page (a scan without text) to an item."""
    x0, y0, x1, y1 = rect
    rect = (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))
    if rect[2] - rect[0] < MIN_AREA_PT or rect[3] - rect[1] < MIN_AREA_PT:
        raise ReviewError("the marked area is too small; drag a larger rectangle.")
    item = session.item(item_id)
    return AddEvidence(item_id=item_id, doc_id=doc_id, kind="area", page=page,
                       quads=((page, rect),), item_code=item.code)


def highlights_for(session: ReviewSession, doc_id: int) -> list[Highlight]:
    """All evidence of one document, coloured by its item's result, labelled by item code."""
    out = []
    for ev in session.evidence_for_doc(doc_id):
        if not session.standards.has_item(ev.item_id) or not ev.quads:
            continue
        item = session.item(ev.item_id)
        result = session.result(ev.item_id)
        tip = f"{item.code} {item.title} \u2014 {result_label(result)}"
        if ev.status != EvidenceStatus.INTACT:
            tip += f" ({ev.status})"
        out.append(Highlight(evidence_id=ev.id, label=item.code, tooltip=tip,
                             color=HIGHLIGHT_COLORS[result],
                             quads=tuple(ev.quads)))
    return out
