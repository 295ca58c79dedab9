import pytest
from hypothesis import given
from hypothesis import strategies as st

from reviewer_app.core.errors import AmbiguousQuote, QuoteNotFound
from reviewer_app.core.pdf.documents import inspect_pdf
from reviewer_app.core.text.anchoring import find_quote_spans, locate_quote
from reviewer_app.core.text.normalize import loose_view, normalize_quote, spaceless_view


def test_quote_across_line_breaks_and_case(sample_pdf):
    text = inspect_pdf(sample_pdf).text
    quote = "ANY officer present and observing another officer using\n excessive force"
    a = locate_quote(text, quote)
    assert a.page == 1
    assert a.exact.startswith("Any officer") and a.exact.endswith("excessive force")
    assert text.text[a.start:a.end] == a.exact
    assert a.prefix.endswith("INTERVENE ") and a.suffix.startswith(" shall intervene")
    assert a.quads and all(p == 1 for p, _ in a.quads)


def test_quads_cover_the_words(sample_pdf):
    import pymupdf

    text = inspect_pdf(sample_pdf).text
    a = locate_quote(text, "Chokeholds are prohibited")
    doc = pymupdf.open(stream=sample_pdf)
    page = doc[a.page]
    covered = " ".join(page.get_textbox(pymupdf.Rect(r)).strip() for _, r in a.quads)
    assert "Chokeholds are prohibited" in covered


def test_curly_quotes_and_hyphen_line_breaks():
    from array import array

    from reviewer_app.core.text.textmap import DocumentText, PageText

    t = "the officer\u2019s duty to inter- vene and him/ herself"
    page = PageText(t, array("i", [0]), array("f", [0, 0, 1, 1]), array("i", [0]))
    doc = DocumentText([page])
    spans = find_quote_spans(doc, "officer's duty to inter-vene and him/herself")
    assert spans and t[spans[0][0]:spans[0][1]].startswith("officer\u2019s")


def test_not_found_and_ambiguous(pdf_factory):
    text = inspect_pdf(pdf_factory(["Officers shall. Officers shall.", "Officers shall."])).text
    with pytest.raises(QuoteNotFound):
        locate_quote(text, "nowhere to be seen")
    with pytest.raises(AmbiguousQuote, match="3 times"):
        locate_quote(text, "Officers shall")
    assert locate_quote(text, "Officers shall", page=1).page == 1
    with pytest.raises(AmbiguousQuote):
        locate_quote(text, "Officers shall", page=0)


def test_scanned_document_says_so(pdf_factory):
    text = inspect_pdf(pdf_factory([""])).text
    with pytest.raises(QuoteNotFound, match="no text layer"):
        locate_quote(text, "anything")


def test_rotated_page_geometry_is_unrotated(pdf_factory):
    import pymupdf

    data = pdf_factory(["Rotated policy text about chokeholds."], rotation=90)
    a = locate_quote(inspect_pdf(data).text, "about chokeholds")
    page = pymupdf.open(stream=data)[0]
    assert page.rotation == 90
    (_, r), = a.quads
    assert "chokeholds" in page.get_textbox(pymupdf.Rect(r))


words = st.text(alphabet="abcXYZ-/ \u2019'", min_size=1, max_size=60)


@given(words)
def test_views_map_back_to_source(source):
    for view in (loose_view(source), spaceless_view(source)):
        for i, ch in enumerate(view.text):
            j = view.to_source(i)
            assert normalize_quote(source[j]) in (ch, "") or source[j].lower() == ch or ch == "'"


@given(st.lists(st.sampled_from(["force", "shall", "not", "be", "used", "choke-", "hold"]),
                min_size=3, max_size=20), st.integers(0, 10), st.integers(1, 5))
def test_any_substring_of_words_is_found(ws, a, n):
    from array import array

    from reviewer_app.core.text.textmap import DocumentText, PageText

    t = " ".join(ws)
    page = PageText(t, array("i", [0]), array("f", [0, 0, 1, 1]), array("i", [0]))
    doc = DocumentText([page])
    sub = " ".join(ws[a % len(ws): a % len(ws) + n])
    spans = find_quote_spans(doc, sub.replace(" ", "\n"))
    assert spans
    assert any(normalize_quote(t[s:e]) == normalize_quote(sub) for s, e in spans)
