"""Opening a manual in the window and rendering one page.

``open_ms`` drives the real window in-process: an empty review is open, the user adds the
manual (``MainWindow.add_documents``, which shows it at once, reads, indexes and records it
in workers, then gives the view its text), and the clock stops when its first page is
rendered and painted, which may be while the add is still running. ``open_stall_ms`` is
the longest the interface thread stood still during the whole add (a 2 ms timer's worst
gap). ``reopen_ms`` opens a review that already holds the manual. Both open figures are
bounded by MuPDF opening the file and rendering that page once.

``render_ms`` is one page at 150% zoom through the view's own path: the tiles the view asks
for (``TileJob.clip``), rendered by the worker's renderer (a ``RemoteRenderer`` child process
by default, as the view uses) and converted to a QImage (``image_from_rendered``); versus
``page.get_pixmap`` of the whole page at the same scale in this process.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from benchmarks import fixtures as fx
from benchmarks.harness import Budget, Context, Metric, Result, scale, side_by_side
from benchmarks.qt_support import PaintWatch, make_window, pump, wait_painted

ZOOM = 1.5
PX_PER_PT = 96.0 / 72.0
RENDER_PAGES = (0, 10, 49, 50, 120, 300, 451, 600, 757)


def _window(ctx: Context):
    return ctx.fixture("window", make_window)


def _raw_first_page(path: Path, view_scale: float) -> float:
    import pymupdf

    t0 = time.perf_counter()
    doc = pymupdf.open(stream=path.read_bytes(), filetype="pdf")
    doc[0].get_pixmap(matrix=pymupdf.Matrix(view_scale, view_scale), alpha=False)
    doc.close()
    return time.perf_counter() - t0


def _view_scale(view) -> float:
    return view.zoom() * PX_PER_PT * view.viewport().devicePixelRatioF()


def _measure_open(ctx: Context, key: str, full_reps: int) -> list[Result]:
    path = fx.doc_path(ctx, key)
    win = _window(ctx)
    watch = PaintWatch(win.view)
    parts: dict[str, list[float]] = {"add_documents": [], "stall": []}
    scales: list[float] = []
    cpu: list[float] = []

    def app() -> float:
        review = ctx.work / "reviews" / f"open-{key}.review"
        review.parent.mkdir(parents=True, exist_ok=True)
        fx.new_store(review).close()
        if not win.open_review(review):
            raise RuntimeError(f"the window could not open {review}")
        pump(0.05)
        c0 = time.process_time()
        t0 = time.perf_counter()
        watch.start()
        added = win.add_documents([path])
        t1 = time.perf_counter()
        watch.stop()
        if added != 1 or not win.area.doc_id:
            raise RuntimeError(f"the window did not add {path.name}")
        painted = watch.first_paint or wait_painted(win.view)
        cpu.append(time.process_time() - c0)
        parts["add_documents"].append(t1 - t0)
        parts["stall"].append(watch.max_stall)
        scales.append(_view_scale(win.view))
        win.close_review()
        pump(0.02)
        return painted - t0

    def raw() -> float:
        return _raw_first_page(path, scales[-1] if scales else 1.0)

    app_s, raw_s = [], []
    for _ in range(ctx.reps(full_reps, 1)):  # app first: the raw call uses its scale
        app_s.append(app())
        raw_s.append(raw())
    br = {k: round(statistics.median(v) * 1000) for k, v in parts.items()}
    name = f"open_ms{fx.SUFFIX[key]}"
    opened = Result(name, "ms", scale(app_s, "ms"), scale(raw_s, "ms"),
                    "pymupdf.open + get_pixmap of page 1",
                    note=f"{fx.TITLES[key]}: first page painted; the whole add (text "
                         f"selectable) took {br['add_documents']} ms, longest stall "
                         f"{br['stall']} ms",
                    extra={"breakdown_ms": br, "scale": round(scales[-1], 3)},
                    cpu_samples=scale(cpu, "ms"))
    stall = Result(f"open_stall_ms{fx.SUFFIX[key]}", "ms", scale(parts["stall"], "ms"),
                   note=f"{fx.TITLES[key]}: longest the interface thread stood still while "
                        "the document was added")
    return [opened, stall]


def _open(key: str, full_reps: int, index: int = 0) -> Metric:
    def run(ctx: Context) -> Result:
        return ctx.fixture(f"open-{key}", lambda: _measure_open(ctx, key, full_reps))[index]

    if index == 1:
        return Metric(f"open_stall_ms{fx.SUFFIX[key]}", "ms", run,
                      Budget(limit=50) if key == "lagrange" else None,
                      f"longest interface-thread stall while adding {fx.TITLES[key]}")
    budget = Budget(limit=150) if key == "lagrange" else None
    return Metric(f"open_ms{fx.SUFFIX[key]}", "ms", run, budget,
                  f"add {fx.TITLES[key]} to an open review in the window until its first "
                  "page is painted")


def _reopen(ctx: Context) -> Result:
    review = fx.review_of(ctx, "lagrange")
    path = fx.doc_path(ctx, "lagrange")
    win = _window(ctx)
    scales: list[float] = []
    cpu: list[float] = []

    def app() -> float:
        c0 = time.process_time()
        t0 = time.perf_counter()
        if not win.open_review(review.path):
            raise RuntimeError(f"the window could not open {review.path}")
        t1 = wait_painted(win.view)
        cpu.append(time.process_time() - c0)
        scales.append(_view_scale(win.view))
        win.close_review()
        pump(0.02)
        return t1 - t0

    def raw() -> float:
        return _raw_first_page(path, scales[-1] if scales else 1.0)

    app()
    cpu.clear()
    app_s, raw_s = side_by_side(app, raw, ctx.reps(5, 1), warmup=0)
    return Result("reopen_ms", "ms", scale(app_s, "ms"), scale(raw_s, "ms"),
                  "pymupdf.open + get_pixmap of page 1", cpu_samples=scale(cpu, "ms"),
                  note="open a review holding La Grange until its first page is painted")


def _render(ctx: Context) -> list[Result]:
    import pymupdf

    from benchmarks.qt_support import ensure_app
    from reviewer_app.core.pdf.render import PageRenderer
    from reviewer_app.core.pdf.render_client import RemoteRenderer
    from reviewer_app.ui.pdfview import cache, layout
    from reviewer_app.ui.pdfview import render_worker as worker

    ensure_app()
    data = fx.doc_path(ctx, "lagrange").read_bytes()
    s = ZOOM * PX_PER_PT
    sm = round(s * 1000)
    remote = RemoteRenderer(data)
    local = PageRenderer(data)
    raw_doc = pymupdf.open(stream=data, filetype="pdf")
    pages = [p for p in RENDER_PAGES if p < raw_doc.page_count]

    def view_path(renderer):
        def once(pno: int) -> float:
            t0 = time.perf_counter()
            w, h = local.page_size(pno)
            full_w, full_h = round(w * s + 0.4999), round(h * s + 0.4999)
            for col, row in layout.tiles_for(full_w, full_h):
                job = worker.TileJob(cache.TileKey(1, pno, sm, col, row), w, h, 1.0)
                worker.image_from_rendered(renderer.render(pno, s, job.clip()), 1.0)
            return time.perf_counter() - t0
        return once

    def raw(pno: int) -> float:
        t0 = time.perf_counter()
        raw_doc[pno].get_pixmap(matrix=pymupdf.Matrix(s, s), alpha=False, annots=False)
        return time.perf_counter() - t0

    remote_once, local_once = view_path(remote), view_path(local)
    rem, loc, base = [], [], []
    try:
        for pno in pages:  # warm MuPDF's font and image caches in all three
            remote_once(pno), local_once(pno), raw(pno)
        for rep in range(ctx.reps(3, 1)):
            order = pages if rep % 2 == 0 else pages[::-1]
            for pno in order:
                base.append(raw(pno))
                rem.append(remote_once(pno))
                loc.append(local_once(pno))
    finally:
        remote.close()
        local.close()
        raw_doc.close()
    label = "page.get_pixmap, same scale"
    note = f"La Grange pages {', '.join(str(p + 1) for p in pages)}; scale {s:.2f} px/pt"
    return [Result("render_ms", "ms", scale(rem, "ms"), scale(base, "ms"), label,
                   note=note + "; tiles through the render process + QImage"),
            Result("render_ms.in_process", "ms", scale(loc, "ms"), scale(base, "ms"), label,
                   note=note + "; tiles through PageRenderer in-process + QImage")]


def _render_metric(index: int):
    def run(ctx: Context) -> Result:
        return ctx.fixture("render", lambda: _render(ctx))[index]
    return run


METRICS = [
    _open("lagrange", 3),
    _open("lagrange", 3, index=1),
    Metric("reopen_ms", "ms", _reopen, None,
           "open a review holding La Grange until its first page is painted"),
    Metric("render_ms", "ms", _render_metric(0), Budget(ratio=1.3),
           "one page at 150% zoom through the view's renderer path incl. QImage conversion"),
    Metric("render_ms.in_process", "ms", _render_metric(1), None,
           "the same through an in-process PageRenderer (no render process)"),
    _open("lisle", 2),
    _open("policy2000", 1),
]
