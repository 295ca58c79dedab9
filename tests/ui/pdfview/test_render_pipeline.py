"""Tile cache budget, latest-request-wins queue, and rendering through worker processes."""

from __future__ import annotations

import os

import pytest
from PySide6.QtGui import QColor, QImage

from reviewer_app.ui.pdfview.cache import Tile, TileCache, TileKey
from reviewer_app.ui.pdfview.jobs import InfoJob, JobQueue, TileJob
from reviewer_app.ui.pdfview.layout import TILE
from tests.factories.pdfs import pdf_with_lines


def _tile(w=100, h=100) -> Tile:
    img = QImage(w, h, QImage.Format.Format_RGB32)
    img.fill(QColor("white"))
    return Tile(img, 0, 0)


def test_cache_stays_within_its_byte_budget_and_evicts_lru():
    one = _tile().nbytes
    cache = TileCache(budget=one * 5)
    for i in range(5):
        cache.put(TileKey(1, i, 1000), _tile())
    cache.get(TileKey(1, 0, 1000))  # recently used: survives
    for i in range(5, 9):
        cache.put(TileKey(1, i, 1000), _tile())
        assert cache.bytes <= cache.budget
    assert len(cache) == 5 and cache.evictions == 4
    assert TileKey(1, 0, 1000) in cache
    assert TileKey(1, 1, 1000) not in cache
    assert cache.peak_bytes <= cache.budget
    cache.set_budget(one * 2)
    assert cache.bytes <= one * 2 and len(cache) == 2


def test_cache_page_tiles_any_scale():
    cache = TileCache()
    cache.put(TileKey(1, 3, 1000), _tile())
    cache.put(TileKey(1, 3, 2000, 1, 0), _tile())
    cache.put(TileKey(1, 4, 1000), _tile())
    assert {k.scale_milli for k, _ in cache.page_tiles(1, 3)} == {1000, 2000}


def _job(page):
    return TileJob(TileKey(1, page, 1000), 612, 792, 1.0)


def test_queue_latest_request_wins():
    q = JobQueue()
    q.replace([_job(i) for i in range(10)])
    first = q.take()
    assert first.key.page == 0
    q.replace([_job(50), _job(0), _job(51)])  # page 0 is being rendered: not queued twice
    assert q.pending() == 2
    assert [q.take().key.page, q.take().key.page] == [50, 51]
    assert q.running() == {first.key, _job(50).key, _job(51).key}
    q.done(first)
    q.push_front(InfoJob(1))
    q.replace([_job(7)])  # an info request is never dropped
    assert isinstance(q.take(), InfoJob) and q.take().key.page == 7
    q.close()
    assert q.take() is None


def test_tile_clip_only_for_large_pages():
    assert _job(0).clip() is None
    scale = TILE / 300  # the page is 612 x 792 pt: 3 columns, 3 rows of tiles
    big = TileJob(TileKey(1, 0, round(scale * 1000), 1, 2), 612, 792, 2.0)
    s = round(scale * 1000) / 1000
    assert big.clip() == pytest.approx((TILE / s, 2 * TILE / s, 2 * TILE / s, 792.0), abs=0.01)


def test_view_renders_through_worker_processes(make_view, qtbot):
    data = pdf_with_lines([["Rendered in a child process"]] * 3)
    view = make_view(data, isolate=True)
    qtbot.waitUntil(view.visible_rendered, timeout=30000)
    image = view.viewport().grab().toImage()
    # text ink drawn near the first line's position
    p = view.page_point_to_view(0, 72, 96)
    ink = [QColor(image.pixel(p.x() + dx, p.y() + dy)).lightness()
           for dx in range(0, 120, 2) for dy in range(-6, 6)]
    assert min(ink) < 100
    cache = view.render_service.cache
    assert 0 < cache.bytes <= cache.budget


def test_scrolling_a_long_document_keeps_cache_in_budget(make_view, qtbot):
    data = pdf_with_lines([[f"Page {i}"] for i in range(40)])
    budget = 12 * 1024 * 1024
    view = make_view(data, cache_bytes=budget, size=(800, 600))
    bar = view.verticalScrollBar()
    for value in range(0, bar.maximum() + 1, max(bar.pageStep(), 1)):
        bar.setValue(value)
        qtbot.waitUntil(view.visible_rendered, timeout=20000)
        assert view.render_service.cache.bytes <= budget
    assert view.render_service.cache.evictions > 0
    assert view.current_page() == 39


def test_load_another_document_and_clear(make_view, qtbot):
    view = make_view(pdf_with_lines([["one"]] * 2))
    qtbot.waitUntil(view.visible_rendered, timeout=20000)
    with qtbot.waitSignal(view.documentChanged):
        view.load(pdf_with_lines([["two"]] * 5), None, [])
    qtbot.waitUntil(lambda: view.page_count() == 5, timeout=20000)  # geometry from a worker
    qtbot.waitUntil(view.visible_rendered, timeout=20000)
    view.clear()
    assert view.page_count() == 0 and view.selection() is None
    assert len(view.render_service.cache) == 0


def test_worker_renderers_use_the_process_and_restart_it_when_it_dies():
    import os
    import signal

    from reviewer_app.core.pdf.render import PageRenderer
    from reviewer_app.core.pdf.render_client import RemoteRenderer, RenderError
    from reviewer_app.ui.pdfview.render_worker import _Renderers

    doc = (1, pdf_with_lines([["Alpha"]] * 2))
    in_thread = _Renderers(isolate=False)
    assert isinstance(in_thread.get(doc), PageRenderer) and in_thread.pid is None
    in_thread.close()

    renderers = _Renderers(isolate=True)
    try:
        assert renderers.ready.wait(30)
        first = renderers.get(doc)
        assert isinstance(first, RemoteRenderer)
        assert first.render(0, 1.0).width == 612
        os.kill(first.pid, signal.SIGKILL)
        with pytest.raises(RenderError):
            first.render(1, 1.0)
        renderers.check()
        assert renderers.restarts == 1 and renderers.remote is not first
        assert renderers.ready.wait(30)
        assert renderers.get(doc).render(1, 1.0).width == 612
    finally:
        renderers.close()


def test_tiles_meet_without_seams(make_view, qtbot):
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.draw_rect(pymupdf.Rect(100, 100, 560, 700), color=(0, 0, 0), fill=(0, 0, 0))
    view = make_view(doc.tobytes(), size=(800, 600), isolate=True)
    # 4 device px per point: 2448 x 3168 px, a 2 x 2 grid of tiles meeting at 512 pt
    view.set_zoom(4 * TILE / 2048 / (96 / 72))
    assert 512 * view.layout_model.px_per_pt == pytest.approx(TILE, abs=1)
    view.reveal_rect(0, (500, 500, 524, 524))
    qtbot.waitUntil(view.visible_rendered, timeout=30000)
    assert {k.col for k in view.render_service.cache._tiles} == {0, 1}
    image = view.viewport().grab().toImage()
    corner = view.page_point_to_view(0, 512, 512)
    for dx in range(-12, 12):
        for dy in range(-12, 12):
            c = QColor(image.pixel(corner.x() + dx, corner.y() + dy))
            assert c.lightness() < 40, (dx, dy, c.name())


@pytest.mark.skipif(os.name != "posix", reason="checks child processes with waitpid")
def test_shutdown_ends_the_render_processes(make_view, qtbot):
    view = make_view(pdf_with_lines([["a"]]), isolate=True)
    qtbot.waitUntil(lambda: all(w.renderer_pid for w in view.render_service.workers),
                    timeout=20000)
    pids = [w.renderer_pid for w in view.render_service.workers]
    view.render_service.shutdown()
    for pid in pids:
        with pytest.raises(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # already reaped: the process is gone
    assert len(view.render_service.cache) == 0
