"""core/textsearch.py: case-insensitive, whitespace-tolerant find, in document order."""

from __future__ import annotations

from reviewer_app.core.text.search import search
from tests.factories.pdfs import pdf_with_lines
from tests.factories.texts import text_of


def test_search_finds_every_hit_in_order():
    text = text_of(pdf_with_lines([["Use of force is the force used."], ["FORCE options"]]))
    hits = search(text, "force")
    assert [text.text[s:e] for s, e in hits] == ["force", "force", "FORCE"]
    assert hits == sorted(hits)
    assert text.page_of(hits[2][0]) == 1


def test_search_tolerates_whitespace_case_and_line_breaks():
    text = text_of(pdf_with_lines([["officers shall render", "first aid promptly"]]))
    hits = search(text, "Shall  RENDER\nfirst   aid")
    assert len(hits) == 1
    s, e = hits[0]
    assert text.text[s:e] == "shall render first aid"


def test_search_empty_and_missing():
    text = text_of(pdf_with_lines([["something"]]))
    assert search(text, "") == [] and search(text, "   ") == []
    assert search(text, "nothing like it") == []


def test_search_limit():
    text = text_of(pdf_with_lines([["a b a b a b a b"]]))
    assert len(search(text, "a", limit=2)) == 2
