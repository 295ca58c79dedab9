"""The faster paths of the view: partial document info, whole-page renders, text later."""

from __future__ import annotations

import pymupdf

from reviewer_app.core.pdf.render import PageRenderer
from tests.factories.pdfs import pdf_with_lines


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


def test_cache_budget_follows_the_screen_and_what_is_in_view(qtbot):
    from reviewer_app.ui.pdfview import PdfView
    from reviewer_app.ui.pdfview.cache import MAX_BUDGET, MIN_BUDGET, SCREENS, screen_budget
    from reviewer_app.ui.pdfview.tiles import job_bytes, plan

    assert screen_budget(640, 480, 1.0) == MIN_BUDGET
    assert screen_budget(2560, 1440, 1.0) == SCREENS * 2560 * 1440 * 3
    assert screen_budget(3840, 2160, 2.0) == MAX_BUDGET
    view = PdfView(isolate_rendering=False)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    view.load(pdf_with_lines([["Zoom"]] * 3), None)
    qtbot.waitUntil(lambda: view.page_count() == 3, timeout=20000)
    budget = view.render_service.cache.budget
    assert MIN_BUDGET <= budget <= MAX_BUDGET
    view.set_zoom(8.0)  # several 2048-px tiles per screen: the budget grows to hold them
    lm = view.layout_model
    wanted = sum(job_bytes(j) for j in plan(
        lm, view.render_service.generation, view._scale_milli(), view._dpr(),
        view.verticalScrollBar().value(), view.viewport().height()))
    assert view.render_service.cache.budget >= wanted > budget
    view.render_service.shutdown()


def test_render_processes_start_after_the_first_paint(qtbot):
    from reviewer_app.ui.pdfview import PdfView

    view = PdfView(isolate_rendering=False)
    qtbot.addWidget(view)
    assert not view.render_service.started()
    view.resize(600, 500)
    view.load(pdf_with_lines([["Later"]]), None)
    assert not view.render_service.started()  # not shown, not painted yet
    view.show()
    qtbot.waitUntil(view.render_service.started, timeout=5000)
    qtbot.waitUntil(view.visible_rendered, timeout=20000)
    view.render_service.shutdown()


def test_render_process_gives_the_same_pixels_after_emptying_its_store():
    from reviewer_app.core.pdf.render import TRIM_EVERY
    from reviewer_app.core.pdf.render_client import RemoteRenderer

    remote = RemoteRenderer(pdf_with_lines([["Alpha Bravo"], ["Charlie"]]))
    try:
        first = [remote.render(p, 1.5) for p in (0, 1)]
        for i in range(TRIM_EVERY + 1):  # across at least one store trim
            remote.render(i % 2, 1.0)
        assert [remote.render(p, 1.5) for p in (0, 1)] == first
    finally:
        remote.close()


def test_images_from_either_renderer_are_equal_and_outlive_their_samples():
    import gc

    from reviewer_app.core.pdf.render_client import RemoteRenderer
    from reviewer_app.ui.pdfview.render_worker import image_from_rendered

    data = pdf_with_lines([["Alpha Bravo Charlie"]], rotation=90)
    local, remote = PageRenderer(data), RemoteRenderer(data)
    try:
        theirs = remote.render(0, 1.5)
        assert isinstance(theirs.samples, bytearray)  # used in place, not copied
        far = image_from_rendered(theirs, 1.0)
        near = image_from_rendered(local.render(0, 1.5), 1.0)  # MuPDF memory: copied
        del theirs
        gc.collect()
        local.render(0, 3.0)  # new pixmaps may reuse the freed memory
        assert far == near and not far.isNull()
        assert far.pixelColor(10, 10) == near.pixelColor(10, 10)
    finally:
        remote.close()
        local.close()


def test_render_process_hands_pixels_over_in_shared_memory_where_it_can(monkeypatch):
    import pytest

    from reviewer_app.core.pdf import ipc
    from reviewer_app.core.pdf.render_client import RemoteRenderer

    piped = []
    read_raw = ipc.read_raw
    monkeypatch.setattr(ipc, "read_raw", lambda s: piped.append(1) or read_raw(s))

    data = pdf_with_lines([["Alpha Bravo"], ["Charlie Delta"]])
    local, remote = PageRenderer(data), RemoteRenderer(data)
    try:
        if not remote._shared.available:
            pytest.skip("no memfd here: pixels go through the pipe")
        first = remote.render(0, 2.0)  # through the pipe; the buffer grows for next time
        assert remote._shared.size >= len(first.samples)
        assert len(piped) == 1
        for pno, scale in ((1, 2.0), (0, 1.0), (1, 1.5)):
            shared = remote.render(pno, scale)
            assert isinstance(shared.samples, bytearray)
            assert shared == local.render(pno, scale)
        assert len(piped) == 1  # none of those went through the pipe
        big = remote.render(0, 6.0)  # larger than the buffer: the pipe again, then room
        assert big == local.render(0, 6.0) and remote._shared.size >= len(big.samples)
        assert len(piped) == 2
    finally:
        remote.close()
        local.close()
