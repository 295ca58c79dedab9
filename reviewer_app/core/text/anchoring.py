"""Anchoring evidence: finding a quote in a document's canonical text and describing it
with the W3C Web Annotation selectors (position, quote with prefix/suffix, page).

Matching is tolerant of what PDF text layers do to a clause: line breaks, hyphenated and
slashed line ends, curly quotes, ligatures, letter case, and stray spaces inside words
(a whitespace-free comparison is the last resort).
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewer_app.core.errors import AmbiguousQuote, QuoteNotFound
from reviewer_app.core.text.bodytext import loose_body
from reviewer_app.core.text.furniture import body_rects, body_text, is_furniture
from reviewer_app.core.text.normalize import (
    View,
    find_all,
    folded_view_of_parts,
    loose_view_of_parts,
    normalize_quote,
    spaceless_view,
)
from reviewer_app.core.text.textmap import EXTRACTOR_VERSION, PAGE_SEPARATOR, DocumentText, Rect

CONTEXT_CHARS = 32


@dataclass(frozen=True)
class TextAnchor:
    """Where a quote sits: global canonical offsets, selectors, and boxes per page."""

    start: int
    end: int
    exact: str
    prefix: str
    suffix: str
    page: int  # 0-based page of the first character
    quads: tuple[tuple[int, Rect], ...]
    extractor_version: int = EXTRACTOR_VERSION


def _view(text: DocumentText, kind: str) -> View:
    """Matching views are built on first use and kept with the text (built lazily: the
    whitespace-free one is only needed when the loose match fails)."""
    if kind not in text.cache:
        parts = [p.text for p in text.pages]
        if kind == "loose":
            text.cache[kind] = loose_view_of_parts(parts, PAGE_SEPARATOR)
        elif kind == "folded":
            text.cache[kind] = folded_view_of_parts(parts, PAGE_SEPARATOR)
        else:
            text.cache[kind] = spaceless_view(text.text)
    return text.cache[kind]


def find_quote_spans(text: DocumentText, quote: str) -> list[tuple[int, int]]:
    """Every place the quote occurs, as canonical [start, end) spans."""
    needle = normalize_quote(quote)
    if not needle:
        return []
    # Without a hyphen or slash the plain folded text finds the same spans, and is cheaper
    # to build when nothing has built the loose view yet (a one-off ``link``).
    plain = "-" not in needle and "/" not in needle and "loose" not in text.cache
    loose = (plain and _view(text, "folded")) or _view(text, "loose")
    hits = find_all(loose.text, needle)
    if hits:
        return [loose.span_to_source(h, h + len(needle)) for h in hits]
    # across a page break: the body text, running headers and footers left out
    body = loose_body(text)
    hits = find_all(body.text, needle)
    if hits:
        return [body.span_to_source(h, h + len(needle)) for h in hits]
    needle = needle.replace(" ", "")
    spaceless = _view(text, "spaceless")
    return [spaceless.span_to_source(h, h + len(needle)) for h in find_all(spaceless.text, needle)]


def snap_to_words(text: DocumentText, start: int, end: int) -> tuple[int, int]:
    """[start, end) grown to whole words and trimmed of blanks at its edges: a drag that
    begins inside "employees" quotes "employees", never "ees"."""
    full = text.text
    start, end = max(0, min(start, end)), min(len(full), max(start, end))
    while start < end and full[start].isspace():
        start += 1
    while end > start and full[end - 1].isspace():
        end -= 1
    if end <= start:
        return start, start
    while start > 0 and not full[start - 1].isspace():
        start -= 1
    while end < len(full) and not full[end].isspace():
        end += 1
    return start, end


def anchor_span(text: DocumentText, start: int, end: int) -> TextAnchor:
    """Selectors and geometry for the canonical span [start, end): the quote and the
    boxes are the body text only, a running header or footer inside the span left out."""
    full = text.text
    rects = tuple(body_rects(text, start, end))
    return TextAnchor(
        start=start, end=end, exact=body_text(text, start, end),
        prefix=full[max(0, start - CONTEXT_CHARS):start], suffix=full[end:end + CONTEXT_CHARS],
        page=text.page_of(start), quads=rects)


def _pages_phrase(pages: list[int]) -> str:
    """[3, 7, 9] -> "pages 3, 7 and 9" (1-based numbers already)."""
    if len(pages) == 1:
        return f"page {pages[0]}"
    return "pages " + ", ".join(map(str, pages[:-1])) + f" and {pages[-1]}"


def _around(text: DocumentText, span: tuple[int, int], width: int = 24) -> str:
    """A few words after the hit, to show the user where each occurrence is."""
    after = " ".join(text.text[span[1]:span[1] + width].split())
    return f"...{after}" if after else "(at the end)"


def locate_quote(text: DocumentText, quote: str, page: int | None = None,
                 doc_name: str = "the document", occurrence: int | None = None
                 ) -> TextAnchor:
    """Anchor a quote, using ``page`` (0-based) and ``occurrence`` (1-based, counted in
    reading order on that page, or in the whole document without a page) to choose
    among repeated occurrences. A quote may cross a page break: the running header and
    footer between its halves need not be part of it."""
    if not text.has_text:
        raise QuoteNotFound(f"{doc_name} has no text layer (a scan?); quotes cannot be "
                            "searched in it; record area evidence instead.")
    spans = find_quote_spans(text, quote)
    if len(spans) > 1:  # a header line repeated on every page is not a clause
        body = [s for s in spans if not is_furniture(text, *s)]
        spans = body or spans
    if not spans:
        short = quote if len(quote) <= 70 else quote[:67] + "..."
        raise QuoteNotFound(f"quote not found in {doc_name}: \"{short}\"; check the "
                            "wording against the PDF, or quote a shorter part of the clause")
    if page is not None:
        on_page = [s for s in spans if text.page_of(s[0]) == page]
        if not on_page:
            pages = sorted({text.page_of(s[0]) + 1 for s in spans})
            raise QuoteNotFound(f"quote not found on page {page + 1} of {doc_name}; it "
                                f"occurs on {_pages_phrase(pages)}")
        spans = on_page
    where = f"on page {page + 1} of {doc_name}" if page is not None else f"in {doc_name}"
    if occurrence is not None:
        if not 1 <= occurrence <= len(spans):
            raise QuoteNotFound(f"there is no occurrence {occurrence}: the quote occurs "
                                f"{len(spans)} time(s) {where}.")
        spans = [sorted(spans)[occurrence - 1]]
    if len(spans) > 1:
        pages = sorted({text.page_of(s[0]) + 1 for s in spans})
        hits = "; ".join(f"page {text.page_of(s[0]) + 1} \"{_around(text, s)}\""
                         for s in spans[:4])
        choose = f"--occurrence 1-{len(spans)} (in reading order)"
        if len(pages) == 1:
            each = "both" if len(spans) == 2 else "all"
            why = "" if page is not None else ", so --page cannot tell them apart"
            advice = (f"{each} on page {pages[0]}{why}; give {choose}, or quote more words, "
                      "from before or after it, so that it occurs once")
        else:
            advice = (f"on {_pages_phrase(pages)}; give --page with one of those pages, "
                      f"{choose}, or quote more words so that it occurs once")
        raise AmbiguousQuote(f"quote occurs {len(spans)} times {where}, {advice} "
                             f"(followed by: {hits})")
    return anchor_span(text, *spans[0])
