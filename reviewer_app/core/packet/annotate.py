"""Annotated copies of the policies: every evidence clause as a real PDF annotation.

Text evidence becomes a highlight annotation (one per page the clause covers), area
evidence a rectangle; author is the assessor and the note names the item, so any PDF
reader lists them. Stored geometry is in unrotated page space, which is exactly what PDF
annotations take, so rotated pages need no conversion. Dates come from the evidence
record, so the same review gives the same file.
"""

from __future__ import annotations

import re
from datetime import datetime

import pymupdf

from reviewer_app.core.checklist.standards import StandardsSet
from reviewer_app.core.packet.targets import safe_file_name
from reviewer_app.core.pdf.active_content import strip_active_content
from reviewer_app.core.records import Evidence

HIGHLIGHT = (1.0, 0.87, 0.2)
AREA_STROKE = (0.85, 0.35, 0.0)


def mark_evidence(page: pymupdf.Page, rects: list[pymupdf.Rect], kind: str) -> pymupdf.Annot:
    """The annotation that shows one evidence on one page: a highlight over a quote's
    lines, a rectangle around an area. Shared by the annotated PDFs and the packet crops
    so both show evidence the same way."""
    if kind == "area":
        annot = page.add_rect_annot(rects[0])
        annot.set_colors(stroke=AREA_STROKE)
        annot.set_border(width=1.5)
    else:
        annot = page.add_highlight_annot(quads=[r.quad for r in rects])
        annot.set_colors(stroke=HIGHLIGHT)
    return annot


def pdf_date(iso: str) -> str:
    """ISO timestamp ("2024-05-01T12:00:00Z") -> PDF date ("D:20240501120000Z")."""
    try:
        dt = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return ""
    return dt.strftime("D:%Y%m%d%H%M%SZ")


def annotate_document(data: bytes, evidence: list[Evidence], standards: StandardsSet,
                      assessor: str, packet_id: str) -> bytes:
    """The document's bytes with one annotation per evidence and page."""
    doc = pymupdf.open(stream=data, filetype="pdf")
    try:
        strip_active_content(doc)  # the copy travels on: no scripts, actions, attachments
        for ev in sorted(evidence, key=lambda e: e.id):
            item = standards.item(ev.item_id)
            content = f"{item.code} {item.title}"
            if ev.note:
                content += f"\n{ev.note}"
            by_page: dict[int, list[pymupdf.Rect]] = {}
            for p, r in ev.quads:
                by_page.setdefault(p, []).append(pymupdf.Rect(r))
            for pno, rects in sorted(by_page.items()):
                if not 0 <= pno < doc.page_count:
                    continue
                page = doc[pno]  # keep a reference: an annotation dies with its page object
                annot = mark_evidence(page, rects, ev.kind)
                stamp = pdf_date(ev.created_at)
                annot.set_info(title=assessor or ev.created_by, content=content,
                               subject=f"Evidence {ev.id} for item {item.code}",
                               creationDate=stamp, modDate=stamp)
                annot.update()
                doc.xref_set_key(annot.xref, "NM",
                                 pymupdf.get_pdf_str(f"{packet_id}-ev{ev.id}-p{pno + 1}"))
        return doc.tobytes(garbage=1, deflate=True, no_new_id=True)
    finally:
        doc.close()


def annotated_name(filename: str, taken: set[str]) -> str:
    """A safe, unique file name under annotated/ for a policy's original file name."""
    return safe_file_name(re.sub(r"\.pdf$", "", filename, flags=re.IGNORECASE), ".pdf", taken)
