"""The faster paths of the view: partial document info, whole-page renders, text later."""

from __future__ import annotations

import pymupdf

from reviewer_app.core.render import PageRenderer

from .helpers import pdf_with_lines


def _labelled() -> bytes:
    doc = pymupdf.open(stream=pdf_with_lines([["a"], ["b"], ["c"]]), filetype="pdf")
    doc.set_toc([[1, "Chapter 1", 1], [1, "Chapter 2", 3]])
    doc.set_page_labels([{"startpage": 0, "prefix": "", "style": "r", "firstpagenum": 1},
                         {"startpage": 1, "prefix": "A-", "style": "D", "firstpagenum": 1}])
    return doc.tobytes()


def test_info_leaves_out_what_the_viewer_already_has():
    r = PageRenderer(_labelled())
    try:
        full = r.info()
        assert full.page_labels == ("i", "A-1", "A-2") and len(full.pages) == 3
        bare = r.info(geometry=False, labels=False)
        assert bare.pages == () and bare.page_labels == ()
        assert bare.outline == full.outline == ((1, "Chapter 1", 0), (1, "Chapter 2", 2))
    finally:
        r.close()


def test_whole_page_and_tile_renders_agree():
    """A whole page drawn straight from the page equals the same area drawn as a clip
    through the display list (the path zoomed-in tiles take)."""
    r = PageRenderer(pdf_with_lines([["Alpha Bravo Charlie"]], rotation=90))
    try:
        whole = r.render(0, 1.5)
        w, h = r.page_size(0)
        clip = r.render(0, 1.5, (0.0, 0.0, w, h))
        assert (whole.width, whole.height) == (clip.width, clip.height)
        assert whole.samples == clip.samples
    finally:
        r.close()


def test_view_with_stored_labels_keeps_them_and_gets_the_outline(make_view, qtbot):
    view = make_view(_labelled(), labels=["one", "two", "three"])
    qtbot.waitUntil(view.outline_known, timeout=20000)
    assert view.page_labels() == ["one", "two", "three"]
    assert [t for _, t, _ in view.outline()] == ["Chapter 1", "Chapter 2"]
    assert view.page_count() == 3
