"""The section heading an evidence clause sits under, for the packet's evidence lines.

First choice is the passage index (``passages.section``/``heading``, filled by the
segmenter). Where that is empty, the nearest preceding heading-like line of the PDF is
used: a short line set entirely in bold or in a larger size than the page's body text,
outside the running header and footer bands.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import pymupdf

from reviewer_app.core.records import Evidence
from reviewer_app.core.store import ReviewStore

MARGIN_BAND = 0.075  # top/bottom share of the page treated as running header/footer
PAGES_BACK = 8
MAX_GAP = 36.0  # points between a section number and its title
_PAGE_NO = re.compile(r"^(page)?\s*(\d+(\s*(of|/)\s*\d+)?)?$", re.IGNORECASE)
_LETTER = re.compile(r"[^\W\d_]")
_BOLD = ("bold", "black", "heavy", "semibold", "demi")


def section_headings(store: ReviewStore, evidence: list[Evidence]) -> dict[int, str]:
    """Evidence id -> heading text ("" when none is found)."""
    out: dict[int, str] = {}
    missing: dict[int, list[Evidence]] = {}
    for ev in evidence:
        heading = _from_passages(store, ev) if ev.kind == "text" and ev.start is not None else ""
        if heading:
            out[ev.id] = heading
        else:
            missing.setdefault(ev.doc_id, []).append(ev)
    for doc_id, evs in missing.items():
        doc = pymupdf.open(stream=store.document_data(doc_id), filetype="pdf")
        try:
            finder = HeadingFinder(doc)
            for ev in evs:
                page, y = _position(ev)
                out[ev.id] = finder.heading_before(page, y)
        finally:
            doc.close()
    return out


def _from_passages(store: ReviewStore, ev: Evidence) -> str:
    row = store.conn.execute(
        "SELECT section, heading FROM passages WHERE doc_id = ? AND start <= ? "
        "ORDER BY start DESC LIMIT 1", (ev.doc_id, ev.start)).fetchone()
    if row is None:
        return ""
    section, heading = (row[0] or "").strip(), (row[1] or "").strip()
    if section and heading and not heading.startswith(section):
        dot = "." if re.fullmatch(r"[IVXLC]+|[A-Za-z]", section) else ""
        return f"{section}{dot} {heading}"
    return heading or section


def _position(ev: Evidence) -> tuple[int, float]:
    on_page = [r for p, r in ev.quads if p == ev.page]
    return ev.page, (min(r[1] for r in on_page) if on_page else 0.0)


class HeadingFinder:
    """Heading-like lines per page of one open document, computed on demand."""

    def __init__(self, doc: pymupdf.Document):
        self.doc = doc
        self._lines = lru_cache(maxsize=64)(self._page_headings)

    def heading_before(self, page: int, y: float) -> str:
        for pno in range(page, max(page - PAGES_BACK, -1), -1):
            heads = self._lines(pno)
            if pno == page:
                heads = [h for h in heads if h[1] <= y + 1.0]
            if heads:
                return heads[-1][0]
        return ""

    def _page_headings(self, pno: int) -> list[tuple[str, float]]:
        """(text, bottom y) of each heading-like line, top to bottom."""
        page = self.doc[pno]
        height = page.cropbox.height or 792.0
        lines = _merged_lines(page)
        sizes = Counter()
        for _, _, spans in lines:
            for s in spans:
                sizes[round(s["size"])] += len(s["text"].strip())
        body = sizes.most_common(1)[0][0] if sizes else 11
        out = []
        for y0, y1, spans in lines:
            if y0 < height * MARGIN_BAND or y1 > height * (1 - MARGIN_BAND):
                continue
            text = " ".join(" ".join(s["text"].split()) for s in spans if s["text"].strip())
            if _looks_like_heading(text, spans, body):
                out.append((text, y1))
        return out


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
