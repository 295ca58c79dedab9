"""A page's visual lines and what each one is: a heading, a list item's marker, page
furniture (running header, footer, page number), or a table row.

Lines are rebuilt from the word geometry kept in ``PageText`` (words sharing a line key),
then classified by their height against the body text's, their case and their markers.
Segmentation (``segment``) builds blocks and passages from them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from reviewer_app.core.text.furniture import is_furniture
from reviewer_app.core.text.textmap import DocumentText

MARKER = re.compile(
    r"""^(
        \d{1,4}(?:\.\d{1,3})+\.?            # 300.3.7  4.1.
      | \d{1,3}[.)]                         # 1.  1)
      | \((?:\d{1,3}|[a-zA-Z]{1,4})\)       # (1) (a) (iv)
      | [IVXLC]{1,6}\.                      # II.
      | [ivxlc]{1,6}[.)]                    # iv.  ii)
      | [A-Za-z][.)]                        # A.  b)
      | [\u2022\u25cf\u25aa\u25e6\u00b7\u2013\uf0b7\uf0a7\uf076\uf0d8*-]   # bullets
    )(?=\s|$)""",
    re.X,
)
LETTER = re.compile(r"[^\W\d_]")
TERMINAL = (".", ";", ",", "!", "?")


@dataclass(slots=True)
class Line:
    page: int
    start: int  # global
    end: int
    x0: float
    y0: float
    x1: float
    y1: float
    h: float
    text: str
    marker: str = ""
    heading: bool = False
    furniture: bool = False
    columns: bool = False  # a table row ("MAKE   MODEL   CALIBER"): never a heading


# -- visual lines ------------------------------------------------------------------------
def page_lines(doc: DocumentText, pno: int) -> list[Line]:
    """Words grouped into visual lines (MuPDF line keys, merged when on one baseline)."""
    page = doc.pages[pno]
    n = page.word_count()
    if not n:
        return []
    base = doc.page_starts[pno]
    starts, boxes, text = page.starts, page.boxes, page.text
    keys = page.lines.tolist()
    cuts = [0, *(k for k in range(1, n) if keys[k] != keys[k - 1]), n]
    out: list[Line] = []
    prev: Line | None = None
    for i, j in zip(cuts, cuts[1:], strict=False):
        x0 = min(boxes[4 * i:4 * j:4])
        y0 = min(boxes[4 * i + 1:4 * j:4])
        x1 = max(boxes[4 * i + 2:4 * j:4])
        y1 = max(boxes[4 * i + 3:4 * j:4])
        s = starts[i]
        e = starts[j] - 1 if j < n else len(text)
        if prev is not None and abs(y0 - prev.y0) < 0.35 * max(prev.h, 1.0) \
                and x0 >= prev.x1 - 2.0:
            if x0 - prev.x1 > 3.0 * max(prev.h, 1.0):
                prev.columns = True  # words far apart on one baseline: a table row
            prev.end, prev.x1 = base + e, max(prev.x1, x1)
            prev.y0, prev.y1 = min(prev.y0, y0), max(prev.y1, y1)
            prev.h = prev.y1 - prev.y0
            prev.text = text[prev.start - base:e]
        else:
            prev = Line(pno, base + s, base + e, x0, y0, x1, y1, y1 - y0, text[s:e])
            out.append(prev)
    return out


def mark_furniture(lines: list[Line], doc: DocumentText) -> None:
    """Running headers, footers and page numbers, as the shared detector finds them."""
    for ln in lines:
        ln.furniture = is_furniture(doc, ln.start, ln.end)


# -- line classification -----------------------------------------------------------------
def mode_of(values: list[float], default: float) -> float:
    if not values:
        return default
    return Counter(values).most_common(1)[0][0]


def letters(text: str) -> int:
    return len(LETTER.findall(text))


SMALL_WORDS = {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or",
                "the", "to", "with", "vs", "v."}


def title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z'\-]*", text)]
    if not words or not words[0][0].isupper():
        return False
    big = [w for w in words if w.lower() not in SMALL_WORDS]
    return bool(big) and sum(w[0].isupper() for w in big) >= 0.75 * len(big)


def classify(body: list[Line], body_h: float, pitch: float) -> None:
    big = 1.3 * body_h
    for ln in body:
        m = MARKER.match(ln.text)
        ln.marker = m.group(1) if m else ""
    for k, ln in enumerate(body):
        rest = ln.text[len(ln.marker):].strip()
        if ln.columns or len(rest) > (100 if ln.h >= big else 80) or rest.endswith(TERMINAL) \
                or letters(rest) < 2:
            continue  # headings are short and unpunctuated
        nxt = body[k + 1] if k + 1 < len(body) else None
        if ln.h >= big:
            ln.heading = True  # larger type: chapter or policy title
        elif rest.isupper() and letters(rest) >= 3:
            ln.heading = True
        elif (ln.marker and (ln.marker[0].isalnum() or ln.marker[0] == "(")
              and len(rest) <= 70 and title_case(rest) and nxt is not None
              and nxt.page == ln.page and nxt.x0 > ln.x0 + 4
              and rest.split()[-1].lower() not in SMALL_WORDS
              and (nxt.marker or (nxt.y0 - ln.y0) / max(ln.h, 1.0) > pitch * 1.3 + 0.05)):
            ln.heading = True  # "C. Legal Authority" over an indented block of its own


