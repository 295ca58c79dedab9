"""Evidence images: the region of the page around a clause, rendered with the clause
highlighted, so the packet shows the evidence itself and not only a page number.

Each crop is a band across the text column from a line above the clause to a line below
it. Pages are rendered unrotated (stored geometry is in unrotated page space, and text on
a page that is merely flagged /Rotate reads upright there); the highlight is a real
highlight annotation on a private copy of the document, rendered and then removed.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import median

import pymupdf

from reviewer_app.core.packet.annotate import mark_evidence
from reviewer_app.core.records import Evidence
from reviewer_app.core.text.textmap import DocumentText, Rect

DPI = 150
JPEG_QUALITY = 80
CONTEXT_LINES = 1.3  # line heights shown above and below the clause
PAD = 6.0
MAX_PIXELS = 2400  # longest side of an evidence image, whatever the page's size


@dataclass(frozen=True)
class Crop:
    page: int  # 0-based
    jpeg: bytes
    width: float  # size of the cropped region in PDF points
    height: float


def crops_for_document(data: bytes, text: DocumentText, evidence: list[Evidence],
                       dpi: int = DPI) -> dict[int, list[Crop]]:
    """Evidence id -> one crop per page the evidence covers."""
    out: dict[int, list[Crop]] = {}
    if not evidence:
        return out
    doc = pymupdf.open(stream=data, filetype="pdf")
    try:
        for ev in evidence:
            pages = sorted({p for p, _ in ev.quads})
            out[ev.id] = [crop for p in pages
                          if (crop := _crop(doc, text, ev, p, dpi)) is not None]
    finally:
        doc.close()
    return out


def _crop(doc: pymupdf.Document, text: DocumentText, ev: Evidence, pno: int,
          dpi: int) -> Crop | None:
    rects = [pymupdf.Rect(r) for p, r in ev.quads if p == pno]
    if not rects or pno >= doc.page_count:
        return None
    page = doc[pno]
    if page.rotation:
        page.set_rotation(0)
    clip = band(rects, text.pages[pno] if pno < len(text.pages) else None,
                page.rect, ev.kind == "area")
    if clip.is_empty:
        return None
    annot = mark_evidence(page, rects, ev.kind)
    annot.update()
    # /UserUnit scales a page's points (100 x letter is 850 m wide): bound the pixels
    zoom = min(dpi / 72, (MAX_PIXELS - 1) / max(clip.width, clip.height))
    try:
        pix = page.get_pixmap(matrix=pymupdf.Matrix(zoom, zoom), clip=clip, annots=True)
        jpeg = pix.tobytes("jpeg", jpg_quality=JPEG_QUALITY) if pix.width and pix.height \
            else b""
    finally:
        page.delete_annot(annot)
    if not jpeg:
        return None
    return Crop(pno, jpeg, clip.width, clip.height)


def band(rects: list[pymupdf.Rect], page_text, page_rect: pymupdf.Rect,
         area: bool = False) -> pymupdf.Rect:
    """The region to show: the clause, a line of context above and below, and the width
    of the text column beside it."""
    box = pymupdf.Rect(rects[0])
    for r in rects[1:]:
        box |= r
    if area:
        return (box + (-18, -18, 18, 18)) & page_rect
    line_h = median(r.height for r in rects) or 12.0
    y0, y1 = box.y0 - CONTEXT_LINES * line_h, box.y1 + CONTEXT_LINES * line_h
    x0, x1 = box.x0, box.x1
    for wx0, wy0, wx1, wy1 in _word_boxes(page_text):
        if wy1 > y0 and wy0 < y1:
            x0, x1 = min(x0, wx0), max(x1, wx1)
    return pymupdf.Rect(x0 - PAD, y0, x1 + PAD, y1) & page_rect


def _word_boxes(page_text) -> list[Rect]:
    if page_text is None:
        return []
    b = page_text.boxes
    return [tuple(b[i:i + 4]) for i in range(0, len(b), 4)]
