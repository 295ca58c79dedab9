"""Scroll the PDF view through every page of a long policy and report how smooth it stays.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/scroll_smoothness.py [PDF]
        [--pace-ms 100] [--dpr 1] [--cache-mb 0] [--no-thread-compare]

A 16 ms frame timer scrolls the view a steady amount per frame (one page per
``--pace-ms``). The gap between two frame ticks is what the user feels: anything that
holds the interface thread (painting, decoding, Python work stealing the GIL) shows up
there. Reported: the longest stall, 95th/99th percentile frame time, frames over 50 ms,
paint time, render time per tile versus a raw ``page.get_pixmap`` at the same scale,
tile cache bytes and peak RSS of this process and of the render processes.

By default it also repeats the heaviest stretch (the last 60 pages of La Grange, mostly
scanned images) with rendering in plain threads, to show why the renderer runs in child
processes: MuPDF holds the GIL while it rasterises.
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PDF = ROOT.parent / "shared" / "corpus" / "docs" / "la-grange-il_policy-manual.pdf"
FRAME_MS = 16


def _proc_mb(pid: int | str, field: str) -> float:
    """VmRSS / VmHWM of a process from /proc (Linux), in MB; 0 when unavailable."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _percentile(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(int(len(s) * q), len(s) - 1)] if s else 0.0


def scroll_run(app, data: bytes, text, labels, *, first: int, last: int, pace_ms: float,
               isolate: bool, cache_mb: int) -> dict:
    from PySide6.QtCore import QEventLoop, QTimer

    from reviewer_app.ui.pdfview import PdfView

    paint_ms: list[float] = []
    gc_ms: list[float] = []
    gc_start = [0.0]

    def on_gc(phase, _info):
        if phase == "start":
            gc_start[0] = time.perf_counter()
        else:
            gc_ms.append((time.perf_counter() - gc_start[0]) * 1000)

    class TimedView(PdfView):
        def paintEvent(self, event):  # noqa: N802 - Qt name
            t0 = time.perf_counter()
            super().paintEvent(event)
            paint_ms.append((time.perf_counter() - t0) * 1000)

    view = TimedView(cache_bytes=cache_mb * 1024 * 1024 or None, isolate_rendering=isolate)
    view.resize(1000, 800)
    view.show()
    view.load(data, text, labels)
    view.fit_width()
    view.go_to_page(first)
    loop = QEventLoop()
    t_wait = time.perf_counter()
    ready = QTimer()
    ready.timeout.connect(lambda: view.visible_rendered() and loop.quit())
    ready.start(5)
    loop.exec()
    ready.stop()
    first_page_s = time.perf_counter() - t_wait

    bar = view.verticalScrollBar()
    start = round(view.layout_model.page_rect(first).top())
    end = min(round(view.layout_model.page_rect(last).bottom()), bar.maximum())
    page_h = view.layout_model.page_rect(first).height() + 12
    step = max(round(page_h * FRAME_MS / pace_ms), 1)
    frames: list[float] = []
    shown_rendered = [0, 0]  # frames whose visible pages were fully rendered / all frames
    state = {"last": time.perf_counter(), "pos": start}

    def tick():
        now = time.perf_counter()
        frames.append((now - state["last"]) * 1000)
        state["last"] = now
        shown_rendered[1] += 1
        shown_rendered[0] += view.visible_rendered()
        state["pos"] += step
        bar.setValue(min(state["pos"], end))
        if state["pos"] >= end:
            loop.quit()

    timer = QTimer()
    timer.setInterval(FRAME_MS)
    timer.timeout.connect(tick)
    paint_ms.clear()
    gc.callbacks.append(on_gc)
    t0 = time.perf_counter()
    state["last"] = t0
    timer.start()
    loop.exec()
    timer.stop()
    gc.callbacks.remove(on_gc)
    elapsed = time.perf_counter() - t0
    tiles, render_s = view.render_service.render_stats()
    cache = view.render_service.cache
    scale = view.layout_model.px_per_pt * view.viewport().devicePixelRatioF()
    result = {
        "pages": last - first + 1,
        "seconds": elapsed,
        "first_page_s": first_page_s,
        "frames": frames[1:],
        "paint_ms": paint_ms,
        "gc_ms": gc_ms,
        "tiles": tiles,
        "render_ms_per_tile": render_s / tiles * 1000 if tiles else 0.0,
        "cache_mb": cache.bytes / 2**20,
        "cache_peak_mb": cache.peak_bytes / 2**20,
        "cache_budget_mb": cache.budget / 2**20,
        "evictions": cache.evictions,
        "rendered_frames_pct": 100 * shown_rendered[0] / max(shown_rendered[1], 1),
        "scale": scale,
    }
    # jump latency: go to pages far apart, time until they are on screen (idle waiting)
    jumps = []
    done = QTimer()
    done.setSingleShot(True)
    done.timeout.connect(loop.quit)
    view.renderingFinished.connect(loop.quit)
    for pno in range(first, last + 1, max((last - first) // 8, 1)):
        t1 = time.perf_counter()
        view.go_to_page(pno)
        if not view.visible_rendered():
            done.start(10000)
            loop.exec()
            done.stop()
        jumps.append((time.perf_counter() - t1) * 1000)
    result["jump_ms"] = jumps
    pids = [w.renderer_pid for w in view.render_service.workers if w.renderer_pid]
    result["child_peak_mb"] = max((_proc_mb(pid, "VmHWM") for pid in pids), default=0.0)
    result["self_rss_mb"] = _proc_mb("self", "VmRSS")
    result["self_peak_mb"] = _proc_mb("self", "VmHWM")
    view.render_service.shutdown()
    view.close()
    view.deleteLater()
    app.processEvents()
    return result


def raw_render_ms(data: bytes, pages: list[int], scale: float) -> float:
    import pymupdf

    doc = pymupdf.open(stream=data, filetype="pdf")
    t0 = time.perf_counter()
    for pno in pages:
        doc[pno].get_pixmap(matrix=pymupdf.Matrix(scale, scale), annots=False)
    return (time.perf_counter() - t0) * 1000 / len(pages)


def report(name: str, r: dict) -> None:
    f = r["frames"]
    over = sum(1 for x in f if x > 50)
    print(f"\n== {name}: {r['pages']} pages in {r['seconds']:.1f} s "
          f"(render scale {r['scale']:.2f} px/pt) ==")
    rows = [
        ("longest UI stall (frame gap)", f"{max(f):.1f} ms"),
        ("worst stalls (ms @ s into the scroll)", ", ".join(
            f"{x:.0f} @ {sum(f[:i]) / 1000:.1f}" for i, x in
            sorted(enumerate(f), key=lambda ix: -ix[1])[:3])),
        ("frame time p50 / p95 / p99", f"{statistics.median(f):.1f} / "
         f"{_percentile(f, .95):.1f} / {_percentile(f, .99):.1f} ms (timer {FRAME_MS} ms)"),
        ("frames over 50 ms", f"{over} of {len(f)}"),
        ("paint time p95 / max", f"{_percentile(r['paint_ms'], .95):.1f} / "
         f"{max(r['paint_ms'], default=0):.1f} ms over {len(r['paint_ms'])} paints"),
        ("Python GC pauses: count, longest", f"{len(r['gc_ms'])}, "
         f"{max(r['gc_ms'], default=0):.1f} ms"),
        ("frames with every visible page rendered", f"{r['rendered_frames_pct']:.0f} %"),
        ("first page on screen after load", f"{r['first_page_s'] * 1000:.0f} ms"),
        ("jump to page -> rendered (median/max)",
         f"{statistics.median(r['jump_ms']):.0f} / {max(r['jump_ms']):.0f} ms"),
        ("tiles rendered; worker time per tile", f"{r['tiles']}; "
         f"{r['render_ms_per_tile']:.1f} ms (render + transfer + QImage)"),
        ("tile cache now / peak / budget", f"{r['cache_mb']:.0f} / {r['cache_peak_mb']:.0f} / "
         f"{r['cache_budget_mb']:.0f} MB, {r['evictions']} evictions"),
        ("RSS of this process now / peak so far", f"{r['self_rss_mb']:.0f} / "
         f"{r['self_peak_mb']:.0f} MB"),
        ("peak RSS of a render process", f"{r['child_peak_mb']:.0f} MB"
         if r["child_peak_mb"] else "(none: rendering in threads)"),
    ]
    for label, value in rows:
        print(f"  {label:<42} {value}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pdf", nargs="?", default=str(DEFAULT_PDF))
    ap.add_argument("--pace-ms", type=float, default=100.0, help="ms per page while scrolling")
    ap.add_argument("--dpr", type=float, default=1.0, help="emulated devicePixelRatio")
    ap.add_argument("--cache-mb", type=int, default=0,
                    help="tile cache budget; 0: the view's own (scaled to the screen)")
    ap.add_argument("--no-thread-compare", action="store_true")
    args = ap.parse_args(argv)
    path = Path(args.pdf)
    if not path.exists():
        print(f"{path}: not found (the corpus lives in ../shared)", file=sys.stderr)
        return 2
    if args.dpr != 1.0:
        os.environ["QT_SCALE_FACTOR"] = str(args.dpr)

    import pymupdf
    from PySide6.QtWidgets import QApplication

    from reviewer_app.core.pdf.documents import page_labels
    from reviewer_app.core.text.textmap import extract_document

    t0 = time.perf_counter()
    data = path.read_bytes()
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        text = extract_document(doc)
        labels = page_labels(doc)
        n = doc.page_count
    print(f"{path.name}: {n} pages, {len(data) / 2**20:.1f} MB; text extracted in "
          f"{time.perf_counter() - t0:.1f} s (once, when a document is added; not part of "
          "the view)")
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} "
          "(other work on the machine shows up as stalls)")
    print(f"RSS after extraction (text of {n} pages + MuPDF caches of this benchmark): "
          f"{_proc_mb('self', 'VmRSS'):.0f} MB")
    app = QApplication.instance() or QApplication([])
    main_run = scroll_run(app, data, text, labels, first=0, last=n - 1, pace_ms=args.pace_ms,
                          isolate=True, cache_mb=args.cache_mb)
    report("render processes (default)", main_run)
    sample = list(range(0, n, max(n // 40, 1)))
    raw = raw_render_ms(data, sample, main_run["scale"])
    print(f"  {'raw page.get_pixmap, same scale':<42} {raw:.1f} ms per page "
          f"(mean of {len(sample)} pages; tiles per page ~"
          f"{main_run['tiles'] / max(main_run['pages'], 1):.1f} at most)")
    if not args.no_thread_compare and n > 80:
        heavy = scroll_run(app, data, text, labels, first=n - 60, last=n - 1,
                           pace_ms=args.pace_ms * 3, isolate=False, cache_mb=args.cache_mb)
        report("for comparison: rendering in threads, last 60 pages", heavy)
        again = scroll_run(app, data, text, labels, first=n - 60, last=n - 1,
                           pace_ms=args.pace_ms * 3, isolate=True, cache_mb=args.cache_mb)
        report("render processes, same last 60 pages", again)
    return 0


if __name__ == "__main__":
    sys.exit(main())
