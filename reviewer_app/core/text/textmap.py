"""The canonical text of a PDF and the map from its character offsets to page geometry.

Evidence offsets point into this text, so it must come out identically every time:
words from MuPDF in reading order, each cleaned by ``normalize.clean_word``, joined by one
space; pages joined by a newline. ``EXTRACTOR_VERSION`` is stored with every anchor and
must change whenever this construction changes.

Geometry is kept per word (unrotated page space, as MuPDF reports it and as PDF
annotations expect); a character range inside a word is interpolated across its box.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from itertools import accumulate
from typing import TYPE_CHECKING

from reviewer_app.core.text.normalize import clean_word

if TYPE_CHECKING:  # pages come from callers: the window never needs MuPDF for text
    import pymupdf

EXTRACTOR_VERSION = 1
PAGE_SEPARATOR = "\n"

Rect = tuple[float, float, float, float]
_GEOMETRY = frozenset(("starts", "boxes", "lines"))


@dataclass
class PageText:
    """Canonical text of one page with the box and line of each word."""

    text: str
    starts: array  # word start offsets into ``text`` (array of int)
    boxes: array  # x0, y0, x1, y1 per word (array of float)
    lines: array  # line key per word: words of one key sit on one visual line
    width: float = 0.0
    height: float = 0.0
    rotation: int = 0

    @property
    def has_text(self) -> bool:
        return bool(self.text.strip())

    def word_count(self) -> int:
        return len(self.starts)

    def to_blob(self) -> bytes:
        """Word geometry as raw arrays: count, starts (int32), boxes (float32 x4), lines."""
        count = array("i", [len(self.starts)])
        return b"".join(a.tobytes() for a in (count, self.starts, self.boxes, self.lines))

    @classmethod
    def from_blob(cls, text: str, blob: bytes, width: float, height: float,
                  rotation: int) -> PageText:
        """A page as stored; its word arrays are decoded on first use, since most reads
        (search, a link, the first screen of a 700-page manual) touch few pages' geometry."""
        page = cls.__new__(cls)
        page.text, page.width, page.height, page.rotation = text, width, height, rotation
        page.__dict__["_blob"] = blob
        return page

    def __getattr__(self, name: str):
        # Only reached while a stored page's arrays are still undecoded.
        if name in _GEOMETRY and "_blob" in self.__dict__:
            self._decode()
            return self.__dict__[name]
        raise AttributeError(f"{type(self).__name__!s} has no attribute {name!r}")

    def _decode(self) -> None:
        blob = self.__dict__["_blob"]
        count = array("i")
        count.frombytes(blob[:4])
        n = count[0]
        starts, boxes, lines = array("i"), array("f"), array("i")
        starts.frombytes(blob[4:4 + 4 * n])
        boxes.frombytes(blob[4 + 4 * n:4 + 20 * n])
        lines.frombytes(blob[4 + 20 * n:4 + 24 * n])
        self.starts, self.boxes, self.lines = starts, boxes, lines  # all set before ...
        self.__dict__.pop("_blob", None)  # ... the blob goes, so other threads stay safe

    def rects_for_range(self, start: int, end: int) -> list[Rect]:
        """Boxes covering page-local characters [start, end), one per visual line."""
        if end <= start or not self.starts:
            return []
        first = max(bisect_right(self.starts, start) - 1, 0)
        last = bisect_left(self.starts, end)
        rects: list[Rect] = []
        current_line, cur = None, None
        for i in range(first, last):
            w_start = self.starts[i]
            w_end = self._word_end(i)
            lo, hi = max(start, w_start), min(end, w_end)
            if hi <= lo:
                continue
            x0, y0, x1, y1 = self.boxes[4 * i : 4 * i + 4]
            n = max(w_end - w_start, 1)
            fx0 = x0 + (x1 - x0) * (lo - w_start) / n
            fx1 = x0 + (x1 - x0) * (hi - w_start) / n
            if self.lines[i] == current_line and cur is not None:
                cur = (min(cur[0], fx0), min(cur[1], y0), max(cur[2], fx1), max(cur[3], y1))
            else:
                if cur is not None:
                    rects.append(cur)
                current_line, cur = self.lines[i], (fx0, y0, fx1, y1)
        if cur is not None:
            rects.append(cur)
        return rects

    def _word_end(self, i: int) -> int:
        nxt = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)
        return nxt

    def offset_at(self, x: float, y: float) -> int | None:
        """Page-local character offset nearest a point (unrotated space), for selection."""
        best, best_d = None, float("inf")
        for i in range(len(self.starts)):
            x0, y0, x1, y1 = self.boxes[4 * i : 4 * i + 4]
            dy = 0.0 if y0 <= y <= y1 else min(abs(y - y0), abs(y - y1))
            dx = 0.0 if x0 <= x <= x1 else min(abs(x - x0), abs(x - x1))
            d = dy * 4 + dx
            if d < best_d:
                best, best_d = i, d
                if d == 0:
                    break
        if best is None:
            return None
        x0, _, x1, _ = self.boxes[4 * best : 4 * best + 4]
        w_start, w_end = self.starts[best], self._word_end(best)
        frac = 0.0 if x1 <= x0 else min(max((x - x0) / (x1 - x0), 0.0), 1.0)
        return w_start + round(frac * (w_end - w_start))


def extract_page(page: pymupdf.Page) -> PageText:
    words = page.get_text("words", sort=False)
    cleaned = [w[4] for w in words]
    joined = "".join(cleaned)
    if not (joined.isascii() and joined.isprintable() and " " not in joined):
        cleaned = [clean_word(w) for w in cleaned]  # else every word is its own clean form
    if not all(cleaned):  # words that clean to nothing (soft hyphens, controls) are dropped
        words = [w for w, c in zip(words, cleaned, strict=True) if c]
        cleaned = [c for c in cleaned if c]
    # Each word starts one past the end of the previous one (words are joined by a space).
    starts = array("i", accumulate((len(c) + 1 for c in cleaned[:-1]), initial=0)
                    if cleaned else ())
    boxes = array("f", [v for w in words for v in w[:4]])
    lines = array("i", [w[5] * 1000 + w[6] for w in words])
    rect = page.cropbox
    return PageText(" ".join(cleaned), starts, boxes, lines, rect.width, rect.height,
                    page.rotation)


@dataclass
class DocumentText:
    """All pages' canonical text and the global offsets where each page starts."""

    pages: list[PageText]
    page_starts: list[int] = field(default_factory=list)
    _full: str | None = None
    cache: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.page_starts:
            pos = 0
            for p in self.pages:
                self.page_starts.append(pos)
                pos += len(p.text) + len(PAGE_SEPARATOR)

    @property
    def text(self) -> str:
        if self._full is None:
            self._full = PAGE_SEPARATOR.join(p.text for p in self.pages)
        return self._full

    def page_of(self, offset: int) -> int:
        return max(bisect_right(self.page_starts, offset) - 1, 0)

    def rects_for_range(self, start: int, end: int) -> list[tuple[int, Rect]]:
        """(page index, rect) boxes covering global characters [start, end)."""
        out: list[tuple[int, Rect]] = []
        for pno in range(self.page_of(start), self.page_of(max(end - 1, start)) + 1):
            base = self.page_starts[pno]
            lo = max(start - base, 0)
            hi = min(end - base, len(self.pages[pno].text))
            out.extend((pno, r) for r in self.pages[pno].rects_for_range(lo, hi))
        return out

    @property
    def has_text(self) -> bool:
        return any(p.has_text for p in self.pages)


def extract_document(doc: pymupdf.Document) -> DocumentText:
    return DocumentText([extract_page(page) for page in doc.pages()])
