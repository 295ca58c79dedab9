"""Anchoring evidence: finding a quote in a document's canonical text and describing it
with the W3C Web Annotation selectors (position, quote with prefix/suffix, page).

Matching is tolerant of what PDF text layers do to a clause: line breaks, hyphenated and
slashed line ends, curly quotes, ligatures, letter case, and stray spaces inside words
(a whitespace-free comparison is the last resort).
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewer_app.core.errors import AmbiguousQuote, QuoteNotFound
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
    needle = needle.replace(" ", "")
    spaceless = _view(text, "spaceless")
    return [spaceless.span_to_source(h, h + len(needle)) for h in find_all(spaceless.text, needle)]


def anchor_span(text: DocumentText, start: int, end: int) -> TextAnchor:
    """Selectors and geometry for the canonical span [start, end)."""
    full = text.text
    rects = tuple(text.rects_for_range(start, end))
    return TextAnchor(
        start=start, end=end, exact=full[start:end],
        prefix=full[max(0, start - CONTEXT_CHARS):start], suffix=full[end:end + CONTEXT_CHARS],
        page=text.page_of(start), quads=rects)


def locate_quote(text: DocumentText, quote: str, page: int | None = None,
                 doc_name: str = "the document") -> TextAnchor:
    """Anchor a quote, using ``page`` (0-based) to choose among repeated occurrences."""
    if not text.has_text:
        raise QuoteNotFound(f"{doc_name} has no text layer (a scan?); quotes cannot be "
                            "searched in it; record area evidence instead.")
    spans = find_quote_spans(text, quote)
    if not spans:
        short = quote if len(quote) <= 70 else quote[:67] + "..."
        raise QuoteNotFound(f"quote not found in {doc_name}: \"{short}\"")
    if page is not None:
        on_page = [s for s in spans if text.page_of(s[0]) == page]
        if not on_page:
            pages = sorted({text.page_of(s[0]) + 1 for s in spans})
            raise QuoteNotFound(f"quote not found on page {page + 1} of {doc_name}; "
                                f"it occurs on page(s) {pages}")
        spans = on_page
    if len(spans) > 1:
        pages = [text.page_of(s[0]) + 1 for s in spans]
        where = "page" if page is not None else "pages"
        raise AmbiguousQuote(f"quote occurs {len(spans)} times in {doc_name} ({where} "
                             f"{sorted(set(pages))}); give --page or a longer quote")
    return anchor_span(text, *spans[0])
