"""core/pdf/render.py: page and render sizes, clips, rotation mapping, the render process."""

from __future__ import annotations

import pymupdf
import pytest

from reviewer_app.core.pdf.geometry import PageGeometry, rotation_matrix
from reviewer_app.core.pdf.render import PageRenderer
from reviewer_app.core.pdf.render_client import RemoteRenderer, RenderError
from tests.factories.pdfs import pdf_with_lines


def _doc_with_cropbox(rotation: int) -> bytes:
    doc = pymupdf.open()
    page = doc.new_page(width=612, height=792)
    page.insert_text((100, 100), "Hello world", fontsize=12)
    page.set_cropbox(pymupdf.Rect(50, 40, 500, 700))
    page.set_rotation(rotation)
    return doc.tobytes()


def test_render_size_at_scale_and_page_size():
    r = PageRenderer(pdf_with_lines([["Alpha"]], rotation=90))
    assert r.page_count == 1
    assert r.page_size(0) == (792, 612)  # display size, rotated
    page = r.render(0, 2.0)
    assert (page.width, page.height) == (1584, 1224)
    assert page.stride >= page.width * 3 and len(page.samples) == page.stride * page.height
    assert not page.alpha
    r.close()


def test_clip_renders_a_tile_at_its_device_offset():
    r = PageRenderer(pdf_with_lines([["Alpha"]]))
    tile = r.render(0, 2.0, (256.0, 512.0, 306.0, 600.0))
    assert (tile.x, tile.y, tile.width, tile.height) == (512, 1024, 100, 176)
    r.close()


@pytest.mark.parametrize("rotation", [0, 90, 180, 270])
def test_geometry_matches_pymupdf_and_round_trips(rotation):
    data = _doc_with_cropbox(rotation)
    doc = pymupdf.open(stream=data, filetype="pdf")
    page = doc[0]
    geom = PageGeometry(page.cropbox.width, page.cropbox.height, page.rotation)
    assert rotation_matrix(rotation, geom.width, geom.height) == pytest.approx(
        tuple(page.rotation_matrix))
    assert geom.display_size == pytest.approx((page.rect.width, page.rect.height))
    r = PageRenderer(data)
    assert r.geometry(0) == geom
    word = tuple(page.get_text("words")[0][:4])
    shown = r.to_display(0, word)
    assert shown == pytest.approx(geom.to_display(word))
    for x, y in ((word[0], word[1]), (word[2], word[3]), (10.0, 300.0)):
        assert r.from_display(0, geom.point_to_display(x, y)) == pytest.approx((x, y))
        assert geom.from_display(*geom.point_to_display(x, y)) == pytest.approx((x, y))
    assert geom.rect_from_display(shown) == pytest.approx(word)
    r.close()


def test_rendered_text_shows_where_to_display_says():
    """Dark pixels of the rendered word fall inside its mapped box on a rotated page."""
    data = _doc_with_cropbox(90)
    r = PageRenderer(data)
    doc = pymupdf.open(stream=data, filetype="pdf")
    words = doc[0].get_text("words")
    line = (min(w[0] for w in words), min(w[1] for w in words),
            max(w[2] for w in words), max(w[3] for w in words))
    x0, y0, x1, y1 = r.to_display(0, line)
    page = r.render(0, 1.0)
    dark = [(i % page.stride // 3, i // page.stride)
            for i in range(0, len(page.samples), 3) if page.samples[i] < 100]
    assert dark
    assert all(x0 - 2 <= x <= x1 + 2 and y0 - 2 <= y <= y1 + 2 for x, y in dark)
    r.close()


def test_outline_and_labels():
    doc = pymupdf.open(stream=pdf_with_lines([["a"], ["b"], ["c"]]), filetype="pdf")
    doc.set_toc([[1, "Chapter 1", 1], [2, "Section 1.1", 2], [1, "Chapter 2", 3]])
    doc.set_page_labels([{"startpage": 0, "prefix": "", "style": "r", "firstpagenum": 1},
                         {"startpage": 1, "prefix": "", "style": "D", "firstpagenum": 1}])
    r = PageRenderer(doc.tobytes())
    assert r.outline() == [(1, "Chapter 1", 0), (2, "Section 1.1", 1), (1, "Chapter 2", 2)]
    assert r.page_labels() == ["i", "1", "2"]
    info = r.info()
    assert len(info.pages) == 3 and info.page_labels == ("i", "1", "2")
    r.close()


def test_remote_renderer_gives_the_same_pixels_and_reports_errors():
    data = pdf_with_lines([["Alpha Bravo"], ["Charlie"]], rotation=270)
    local, remote = PageRenderer(data), RemoteRenderer(data)
    try:
        assert remote.page_count == 2
        assert remote.render(1, 1.5) == local.render(1, 1.5)
        assert remote.render(0, 1.0, (10, 20, 110, 70)) == local.render(0, 1.0, (10, 20, 110, 70))
        assert remote.info() == local.info()
        with pytest.raises(RenderError):
            remote.render(5, 1.0)
        assert remote.render(0, 0.5).width == 396  # still serving after an error
        remote.open(pdf_with_lines([["x"]] * 4))
        assert remote.page_count == 4
    finally:
        remote.close()
        local.close()


def test_worker_entry_for_frozen_builds(monkeypatch):
    import sys

    from reviewer_app.core.child.main import run_worker_if_asked
    from reviewer_app.core.pdf import render_client

    monkeypatch.setattr(render_client, "_entry_installed", False)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    with pytest.raises(RenderError):
        render_client.worker_command()  # a frozen app that does not route the flag
    assert run_worker_if_asked(["some.review"]) is False
    assert render_client.worker_command() == [sys.executable, render_client.WORKER_FLAG]
