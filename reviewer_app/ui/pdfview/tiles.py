"""Which tiles the view needs: the grid of each page at a scale, and what to render next.

Pages are cut into tiles of at most ``TILE`` device pixels so that zooming in never
asks for one huge image; at ordinary zoom a page is a single tile. What is wanted is
what is on screen, nearest the centre first, then one screen above and below.
"""

from __future__ import annotations

from reviewer_app.ui.pdfview.cache import TileKey
from reviewer_app.ui.pdfview.jobs import TileJob
from reviewer_app.ui.pdfview.layout import TILE, DocumentLayout, page_pixels, tiles_for


def page_keys(layout: DocumentLayout, gen: int, pno: int, scale_milli: int) -> list[TileKey]:
    w_pt, h_pt = layout.pages[pno].display_size
    grid = tiles_for(*page_pixels(w_pt, h_pt, scale_milli / 1000))
    return [TileKey(gen, pno, scale_milli, c, r) for c, r in grid]


def job_bytes(job: TileJob) -> int:
    """Memory of a tile once rendered (RGB, 3 bytes a pixel)."""
    clip = job.clip()
    s = job.key.scale
    if clip is None:
        w, h = page_pixels(job.page_w, job.page_h, s)
    else:
        w, h = round((clip[2] - clip[0]) * s), round((clip[3] - clip[1]) * s)
    return w * h * 3


def _rows(layout: DocumentLayout, pno: int, key: TileKey, dpr: float) -> tuple[float, float]:
    """Top and bottom of a tile's row in document pixels."""
    rect = layout.page_rect(pno)
    top = rect.top() + key.row * TILE / dpr
    return top, min(top + TILE / dpr, rect.bottom())


def plan(layout: DocumentLayout, gen: int, scale_milli: int, dpr: float, top: float,
         height: float) -> list[TileJob]:
    """Tiles for the screen [top, top + height] and one screen either side, most urgent
    first (visible ones by distance from the centre, then the margin)."""
    centre = top + height / 2
    jobs: list[tuple[float, TileJob]] = []
    for pno in layout.pages_between(top - height, top + 2 * height):
        w_pt, h_pt = layout.pages[pno].display_size
        for key in page_keys(layout, gen, pno, scale_milli):
            t_top, t_bottom = _rows(layout, pno, key, dpr)
            if t_bottom < top - height or t_top > top + 2 * height:
                continue
            visible = t_bottom >= top and t_top <= top + height
            dist = abs((t_top + t_bottom) / 2 - centre) + (0 if visible else 1e6)
            jobs.append((dist, TileJob(key, w_pt, h_pt, dpr)))
    jobs.sort(key=lambda dj: dj[0])
    return [j for _, j in jobs]


def in_view(layout: DocumentLayout, gen: int, scale_milli: int, dpr: float, top: float,
            height: float) -> list[TileKey]:
    """The tiles that intersect the screen."""
    keys = []
    for pno in layout.pages_between(top, top + height):
        for key in page_keys(layout, gen, pno, scale_milli):
            t_top, t_bottom = _rows(layout, pno, key, dpr)
            if t_top <= top + height and t_bottom >= top:
                keys.append(key)
    return keys
