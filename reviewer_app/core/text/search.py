"""Find in document: every occurrence of what the user typed, as canonical spans.

Uses the same tolerant matcher as quote anchoring (case, curly quotes, line-end hyphens,
runs of whitespace), so a phrase that can be linked as evidence can also be found.
"""

from __future__ import annotations

from reviewer_app.core.text.anchoring import find_quote_spans
from reviewer_app.core.text.textmap import DocumentText

MAX_HITS = 5000


def search(doc_text: DocumentText, query: str, limit: int = MAX_HITS) -> list[tuple[int, int]]:
    """[start, end) global offsets of each hit, in document order (at most ``limit``)."""
    if not query or not query.strip() or doc_text is None:
        return []
    spans = sorted(set(find_quote_spans(doc_text, query)))
    return spans[:limit]
