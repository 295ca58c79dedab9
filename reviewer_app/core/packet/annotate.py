"""Annotated copies of the policies: every evidence clause as a real PDF annotation.

Text evidence becomes a highlight annotation (one per page the clause covers), area
evidence a rectangle, coloured by the item's result; author is the assessor and the note
names the item, so any PDF reader lists them. Beside each highlight, in the page margin, a
label names the item codes the clause serves (a clause linked to two items shows both), and
the outline gains an "Evidence by item" bookmark per item. Stored geometry is in unrotated
page space, which is exactly what PDF annotations take, so rotated pages need no
conversion. Dates come from the evidence record, so the same review gives the same file.
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
RESULT_COLORS = {"met": (0.45, 0.82, 0.45), "partial": (1.0, 0.72, 0.25),
                 "not_met": (0.96, 0.45, 0.42), "not_applicable": (0.72, 0.74, 0.78),
                 "not_assessed": HIGHLIGHT}
LABEL_INK = {"met": (0.1, 0.42, 0.16), "partial": (0.6, 0.36, 0.0), "not_met": (0.7, 0.1, 0.1),
             "not_applicable": (0.35, 0.38, 0.42), "not_assessed": (0.45, 0.38, 0.0)}
LABEL_SIZE = 7.0
SHORT = {"met": "Met", "partial": "Partial", "not_met": "Not met", "not_applicable": "N/A",
         "not_assessed": "Open"}


def mark_evidence(page: pymupdf.Page, rects: list[pymupdf.Rect], kind: str,
                  color: tuple[float, float, float] = HIGHLIGHT) -> pymupdf.Annot:
    """The annotation that shows one evidence on one page: a highlight over a quote's
    lines, a rectangle around an area. Shared by the annotated PDFs and the packet crops
    so both show evidence the same way."""
    if kind == "area":
        annot = page.add_rect_annot(rects[0])
        annot.set_colors(stroke=AREA_STROKE)
        annot.set_border(width=1.5)
    else:
        annot = page.add_highlight_annot(quads=[r.quad for r in rects])
        annot.set_colors(stroke=color)
    return annot


def text_column(page: pymupdf.Page) -> tuple[float, float]:
    """Left and right edge of the page's text (read before any label is added)."""
    words = page.get_text("words")
    return (min((w[0] for w in words), default=72.0),
            max((w[2] for w in words), default=page.rect.width - 72.0))


def _label_rect(page: pymupdf.Page, column: tuple[float, float], y: float,
                text: str) -> pymupdf.Rect:
    """Where a label goes: the wider of the left and right margins, at the clause's top."""
    left, right = column
    width = max(pymupdf.get_text_length(text, fontsize=LABEL_SIZE) + 6, 24)
    if left >= page.rect.width - right:
        x1 = max(left - 3, min(width + 2, left))
        return pymupdf.Rect(max(1, x1 - width), y, x1, y + LABEL_SIZE + 4)
    x0 = min(right + 3, page.rect.width - width - 1)
    return pymupdf.Rect(x0, y, x0 + width, y + LABEL_SIZE + 4)


def add_label(page: pymupdf.Page, column: tuple[float, float], y: float,
              tags: list[tuple[str, str]]) -> pymupdf.Annot:
    """A margin label "B Met · 7 Partial" for the items one clause serves."""
    text = " · ".join(f"{code} {SHORT.get(result, result)}" for code, result in tags)
    result = tags[0][1] if len({r for _, r in tags}) == 1 else "not_assessed"
    annot = page.add_freetext_annot(_label_rect(page, column, y, text), text, fontsize=LABEL_SIZE,
                                    fontname="helv", text_color=LABEL_INK[result],
                                    fill_color=(1, 1, 1), rotate=page.rotation)
    annot.set_border(width=0.5)
    annot.update(text_color=LABEL_INK[result], fill_color=(1, 1, 1))
    return annot


def pdf_date(iso: str) -> str:
    """ISO timestamp ("2024-05-01T12:00:00Z") -> PDF date ("D:20240501120000Z")."""
    try:
        dt = datetime.fromisoformat(iso.replace("Z", "+00:00"))
    except ValueError:
        return ""
    return dt.strftime("D:%Y%m%d%H%M%SZ")


def _overlap(a: list[pymupdf.Rect], b: list[pymupdf.Rect]) -> bool:
    return any((r & q).get_area() > 0.5 * min(r.get_area(), q.get_area()) for r in a for q in b)


def annotate_document(data: bytes, evidence: list[Evidence], standards: StandardsSet,
                      assessor: str, packet_id: str,
                      results: dict[str, str] | None = None) -> bytes:
    """The document's bytes with one annotation per evidence and page, a margin label per
    clause naming every item it serves, and a bookmark per item."""
    results = results or {}
    doc = pymupdf.open(stream=data, filetype="pdf")
    try:
        strip_active_content(doc)  # the copy travels on: no scripts, actions, attachments
        placed: dict[int, list[tuple[list[pymupdf.Rect], list[tuple[str, str]]]]] = {}
        first_page: dict[str, tuple[int, float]] = {}
        for ev in sorted(evidence, key=lambda e: e.id):
            item = standards.item(ev.item_id)
            result = results.get(ev.item_id, "not_assessed")
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
                annot = mark_evidence(page, rects, ev.kind,
                                      RESULT_COLORS.get(result, HIGHLIGHT))
                stamp = pdf_date(ev.created_at)
                annot.set_info(title=assessor or ev.created_by, content=content,
                               subject=f"Evidence {ev.id} for item {item.code}",
                               creationDate=stamp, modDate=stamp)
                annot.update()
                doc.xref_set_key(annot.xref, "NM",
                                 pymupdf.get_pdf_str(f"{packet_id}-ev{ev.id}-p{pno + 1}"))
                groups = placed.setdefault(pno, [])
                group = next((g for g in groups if _overlap(g[0], rects)), None)
                if group is None:
                    groups.append((list(rects), [(item.code, result)]))
                elif (item.code, result) not in group[1]:
                    group[0].extend(rects)
                    group[1].append((item.code, result))
                first_page.setdefault(item.id, (pno, min(r.y0 for r in rects)))
        for pno, groups in sorted(placed.items()):
            page = doc[pno]
            column = text_column(page)
            for rects, tags in groups:
                add_label(page, column, min(r.y0 for r in rects), tags)
        _bookmarks(doc, standards, first_page, results)
        return doc.tobytes(garbage=1, deflate=True, no_new_id=True)
    finally:
        doc.close()


def _bookmarks(doc: pymupdf.Document, standards: StandardsSet,
               first_page: dict[str, tuple[int, float]], results: dict[str, str]) -> None:
    """The document's own outline, then "Evidence by item" with one entry per item."""
    if not first_page:
        return
    toc = doc.get_toc(simple=False)
    toc.append([1, "Evidence by item", first_page[min(
        first_page, key=lambda i: first_page[i])][0] + 1])
    for item in standards.ordered_items():
        if item.id in first_page:
            pno, y = first_page[item.id]
            label = SHORT.get(results.get(item.id, "not_assessed"), "")
            toc.append([2, f"{item.code} {item.title} ({label})", pno + 1,
                        {"kind": pymupdf.LINK_GOTO, "page": pno, "to": pymupdf.Point(0, y),
                         "zoom": 0}])
    doc.set_toc(toc)


def annotated_name(filename: str, taken: set[str]) -> str:
    """A safe, unique file name under annotated/ for a policy's original file name."""
    return safe_file_name(re.sub(r"\.pdf$", "", filename, flags=re.IGNORECASE), ".pdf", taken)
