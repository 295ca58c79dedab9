"""The fast paths added for speed give exactly what the plain versions gave."""

from __future__ import annotations

import unicodedata
from array import array

import pymupdf
from hypothesis import given, settings
from hypothesis import strategies as st

from reviewer_app.core.text.anchoring import find_quote_spans
from reviewer_app.core.text.normalize import clean_word, loose_view, loose_view_of_parts
from reviewer_app.core.text.textmap import DocumentText, PageText, extract_page

TRICKY = list("ab -/\n\t`\u00ad\u2019\u2013\u00a0Aİßẞ\ufb01É")


def plain_clean_word(word: str) -> str:
    word = unicodedata.normalize("NFKC", word)
    return "".join(c for c in word if c != "\u00ad" and (c.isprintable() or c == " ")).strip()


def plain_extract_page(page) -> PageText:
    """The word loop as first written (one word at a time)."""
    parts, starts, boxes, lines, pos = [], array("i"), array("f"), array("i"), 0
    for x0, y0, x1, y1, word, block, line, _ in page.get_text("words", sort=False):
        w = plain_clean_word(word)
        if not w:
            continue
        if parts:
            pos += 1
        starts.append(pos)
        boxes.extend((x0, y0, x1, y1))
        lines.append(block * 1000 + line)
        parts.append(w)
        pos += len(w)
    r = page.cropbox
    return PageText(" ".join(parts), starts, boxes, lines, r.width, r.height, page.rotation)


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(TRICKY), max_size=12))
def test_clean_word_fast_path_matches_nfkc(word):
    assert clean_word(word) == plain_clean_word(word)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.text(st.sampled_from(TRICKY), max_size=8), max_size=6),
       st.sampled_from(["\n", " ", "-", "x- ", ""]))
def test_loose_view_by_pages_equals_whole_text(parts, sep):
    assert loose_view_of_parts(parts, sep) == loose_view(sep.join(parts))


def test_extract_page_equals_word_loop(pdf_factory):
    pages = ["Plain ASCII words only, on one page.",
             "Curly \u2019quotes\u2019 and \ufb01ligatures, soft\u00adhyphen, "
             "caf\u00e9 \u2013 dash.",
             "", "line end hyphen- ated and/ or slashed"]
    doc = pymupdf.open(stream=pdf_factory(pages, rotation=90), filetype="pdf")
    for page in doc:
        fast, plain = extract_page(page), plain_extract_page(page)
        assert fast == plain
        assert (fast.starts, fast.boxes, fast.lines) == (plain.starts, plain.boxes, plain.lines)


def test_stored_page_decodes_on_first_use(pdf_factory):
    doc = pymupdf.open(stream=pdf_factory(["Officers shall intervene. Duty to report."]),
                       filetype="pdf")
    page = extract_page(doc[0])
    stored = PageText.from_blob(page.text, page.to_blob(), page.width, page.height,
                                page.rotation)
    assert "_blob" in stored.__dict__ and "starts" not in stored.__dict__
    assert stored.text == page.text and stored.width == page.width
    assert stored.rects_for_range(0, 8) == page.rects_for_range(0, 8)
    assert "_blob" not in stored.__dict__
    assert stored == page and stored.to_blob() == page.to_blob()
    text = DocumentText([stored])
    assert find_quote_spans(text, "DUTY to report") == find_quote_spans(
        DocumentText([page]), "duty to report")


def _text(pages: list[str]) -> DocumentText:
    return DocumentText([PageText(p, array("i"), array("f"), array("i")) for p in pages])


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.text(st.sampled_from(TRICKY), max_size=10), min_size=1, max_size=5),
       st.text(st.sampled_from(TRICKY), min_size=1, max_size=4))
def test_quote_search_without_loose_view_finds_the_same_spans(pages, quote):
    fresh = _text(pages)  # a needle without "-" or "/" is looked up in the folded text
    forced = _text(pages)
    forced.cache["loose"] = loose_view("\n".join(pages))  # the general path
    assert find_quote_spans(fresh, quote) == find_quote_spans(forced, quote)
