"""The section heading an evidence clause sits under, for the packet's evidence lines.

Two sources, and the nearer one before the clause wins: the passage index
(``passages.section``/``heading``, filled by the segmenter) and the PDF's own typography,
the nearest preceding short line set in bold or in a larger size than the page's body
text that is not a running header or footer (the shared ``furniture`` detector). Either
alone misses headings the other sees (a heading at the foot of a page, a heading in plain type).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import pymupdf

from reviewer_app.core.records import Evidence
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.text.furniture import is_furniture
from reviewer_app.core.text.textmap import DocumentText, extract_document

PAGES_BACK = 8
MAX_GAP = 36.0  # points between a section number and its title
_PAGE_NO = re.compile(r"^(page)?\s*(\d+(\s*(of|/)\s*\d+)?)?$", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_BOLD = ("bold", "black", "heavy", "semibold", "demi")

Found = tuple[str, int]  # heading text, global canonical offset where it stands


def section_headings(store: ReviewStore, evidence: list[Evidence]) -> dict[int, str]:
    """Evidence id -> heading text ("" when none is found)."""
    out: dict[int, str] = {}
    by_doc: dict[int, list[Evidence]] = {}
    for ev in evidence:
        by_doc.setdefault(ev.doc_id, []).append(ev)
    for doc_id, evs in by_doc.items():
        text = store.document_text(doc_id)
        doc = pymupdf.open(stream=store.document_data(doc_id), filetype="pdf")
        try:
            finder = HeadingFinder(doc, text)
            for ev in evs:
                page, y = _position(ev)
                candidates = [c for c in (_from_passages(store, ev),
                                          finder.found_before(page, y, text)) if c]
                out[ev.id] = max(candidates, key=lambda c: c[1])[0] if candidates else ""
        finally:
            doc.close()
    return out


def _from_passages(store: ReviewStore, ev: Evidence) -> Found | None:
    if ev.kind != "text" or ev.start is None:
        return None
    row = store.conn.execute(
        "SELECT section, heading FROM passages WHERE doc_id = ? AND start <= ? "
        "ORDER BY start DESC LIMIT 1", (ev.doc_id, ev.start)).fetchone()
    if row is None:
        return None
    section, heading = (row[0] or "").strip(), (row[1] or "").strip()
    if not (section or heading):
        return None
    first = store.conn.execute(
        "SELECT min(start) FROM passages WHERE doc_id = ? AND section = ? AND heading = ? "
        "AND start <= ?", (ev.doc_id, row[0], row[1], ev.start)).fetchone()[0]
    if section and heading and not heading.startswith(section):
        dot = "." if re.fullmatch(r"[IVXLC]+|[A-Za-z]", section) else ""
        return f"{section}{dot} {heading}", first
    return heading or section, first


def _position(ev: Evidence) -> tuple[int, float]:
    on_page = [r for p, r in ev.quads if p == ev.page]
    return ev.page, (min(r[1] for r in on_page) if on_page else 0.0)


class HeadingFinder:
    """Heading-like lines per page of one open document, computed on demand."""

    def __init__(self, doc: pymupdf.Document, text: DocumentText | None = None):
        self.doc = doc
        self.text = text if text is not None else extract_document(doc)
        self._lines = lru_cache(maxsize=64)(self._page_headings)

    def heading_before(self, page: int, y: float) -> str:
        found = self._before(page, y)
        return found[0] if found else ""

    def found_before(self, page: int, y: float, text) -> Found | None:
        """The heading before (page, y) with its offset in the document's canonical text."""
        found = self._before(page, y)
        if found is None:
            return None
        heading, pno, x, hy = found
        if pno >= len(text.pages):
            return None
        local = text.pages[pno].offset_at(x, hy)
        return heading, text.page_starts[pno] + (local or 0)

    def _before(self, page: int, y: float) -> tuple[str, int, float, float] | None:
        for pno in range(page, max(page - PAGES_BACK, -1), -1):
            if pno >= self.doc.page_count:
                continue
            heads = self._lines(pno)
            if pno == page:
                heads = [h for h in heads if h[1] <= y + 1.0]
            if heads:
                heading, _, x, hy = heads[-1]
                return heading, pno, x, hy
        return None

    def _page_headings(self, pno: int) -> list[tuple[str, float, float, float]]:
        """(text, bottom y, left x, middle y) of each heading-like line, top to bottom."""
        page = self.doc[pno]
        lines = _merged_lines(page)
        sizes: Counter[float] = Counter()
        for _, _, spans in lines:
            for s in spans:
                sizes[round(s["size"])] += len(s["text"].strip())
        body = sizes.most_common(1)[0][0] if sizes else 11
        out = []
        for y0, y1, spans in lines:
            text = " ".join(" ".join(s["text"].split()) for s in spans if s["text"].strip())
            x, y = spans[0]["bbox"][0] + 1, (y0 + y1) / 2
            if _looks_like_heading(text, spans, body) and not self._furniture(pno, x, y):
                out.append((text, y1, x, y))
        return out

    def _furniture(self, pno: int, x: float, y: float) -> bool:
        """True when the line at (x, y) is a running header or footer."""
        if pno >= len(self.text.pages):
            return False
        local = self.text.pages[pno].offset_at(x, y)
        if local is None:
            return False
        at = self.text.page_starts[pno] + local
        return is_furniture(self.text, at, at + 1)


def _merged_lines(page: pymupdf.Page) -> list[tuple[float, float, list[dict]]]:
    """Text lines, with a line joined to its left neighbour on the same baseline when
    they sit close (a numeral "IV." and its title), not when they are table columns."""
    rows: list[list] = []  # [y0, y1, x1, spans]
    lines = [line for block in page.get_text("dict")["blocks"] for line in block.get("lines", [])]
    for line in sorted(lines, key=lambda ln: ln["bbox"][0]):
        spans = [s for s in line["spans"] if s["text"].strip()]
        if not spans:
            continue
        x0, y0, x1, y1 = line["bbox"]
        mid = (y0 + y1) / 2
        for row in rows:
            if abs((row[0] + row[1]) / 2 - mid) < 3 and 0 <= x0 - row[2] < MAX_GAP:
                row[0], row[1], row[2] = min(row[0], y0), max(row[1], y1), max(row[2], x1)
                row[3] += spans
                break
        else:
            rows.append([y0, y1, x1, spans])
    rows.sort(key=lambda r: r[0])
    return [(y0, y1, spans) for y0, y1, _, spans in rows]


def _is_bold(span: dict) -> bool:
    return bool(span["flags"] & 16) or any(b in span["font"].lower() for b in _BOLD)


def _looks_like_heading(text: str, spans: list[dict], body: float) -> bool:
    """Short, set apart by weight or size, and starting like a title (not mid-sentence)."""
    if not 2 <= len(text) <= 90 or len(text.split()) > 12:
        return False
    first = _LETTER.search(text)
    if first is None or _PAGE_NO.match(text) or text.endswith((",", ";")):
        return False
    if first.group().islower() and not text[:first.start()].strip():
        return False
    chars = sum(len(s["text"].strip()) for s in spans) or 1
    bold_chars = sum(len(s["text"].strip()) for s in spans if _is_bold(s))
    bold = _is_bold(spans[0]) and bold_chars >= 0.4 * chars
    larger = min(s["size"] for s in spans) >= body * 1.15
    return bold or larger
