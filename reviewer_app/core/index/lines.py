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

from reviewer_app.core.text.furniture import VisualLine, is_furniture, visual_lines
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
class Line(VisualLine):
    """A visual line with what the segmenter decides about it (a table row, ``columns``,
    is never a heading)."""

    marker: str = ""
    heading: bool = False
    furniture: bool = False


# -- visual lines ------------------------------------------------------------------------
def page_lines(doc: DocumentText, pno: int) -> list[Line]:
    """The page's visual lines (``furniture.visual_lines``, the one grouping), ready to be
    classified."""
    return visual_lines(doc, pno, Line)


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


