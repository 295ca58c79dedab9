"""Child process of ``m_memory``: peak resident memory of the window after visiting every page.

``python -m benchmarks._child_memory app REVIEW STEP`` opens the review in the real window
(1440x900, offscreen), goes to every STEP-th page and waits until it is drawn, sampling the
resident set of this process and of its render processes. ``bare PDF SCALE STEP`` is the
floor: an empty QMainWindow plus MuPDF rendering the same pages in-process. Prints one JSON
line.
"""

import json
import os
import resource
import sys
import time
from pathlib import Path


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        kids = []
        for task in Path(f"/proc/{p}/task").glob("*"):  # children of every thread
            try:
                kids.extend(int(k) for k in (task / "children").read_text().split())
            except OSError:
                pass
        out.extend(kids)
        todo.extend(kids)
    return out


class Sampler:
    def __init__(self) -> None:
        self.peak_tree = 0.0
        self.peak_children = 0

    def sample(self) -> None:
        me = os.getpid()
        kids = descendants(me)
        self.peak_children = max(self.peak_children, len(kids))
        self.peak_tree = max(self.peak_tree, rss_mb(me) + sum(rss_mb(k) for k in kids))


def self_peak_mb() -> float:
    """Peak resident set of this process image. Not ``ru_maxrss``: Linux carries that over
    from the parent through fork and exec, so a child of a big process reports the parent."""
    peak = rss_mb(os.getpid(), "VmHWM")
    return peak or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_app(review: str, step: int) -> dict:
    from PySide6.QtCore import QCoreApplication, QEventLoop
    from PySide6.QtWidgets import QApplication

    from reviewer_app.ui.common.style import apply_style
    from reviewer_app.ui.dialogs import common as dialogs
    from reviewer_app.ui.window.main_window import MainWindow

    app = QApplication([sys.argv[0]])
    apply_style(app)
    dialogs.NONINTERACTIVE = True
    win = MainWindow()
    win.resize(1440, 900)
    win.show()
    if not win.open_review(Path(review)):
        raise SystemExit(f"cannot open {review}")
    view = win.view
    sampler = Sampler()

    def settle(timeout: float = 20.0) -> bool:
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
            if view.page_count() and view.visible_rendered():
                view.viewport().repaint()
                return True
            time.sleep(0.001)
        return False

    settle()
    pages = view.page_count()
    start = time.monotonic()
    missed = 0
    for n, pno in enumerate(range(0, pages, step)):
        view.go_to_page(pno)
        missed += not settle()
        if n % 10 == 0:
            sampler.sample()
    sampler.sample()
    cache = view.render_service.cache
    return {"peak_self_mb": self_peak_mb(), "peak_tree_mb": sampler.peak_tree,
            "render_processes": sampler.peak_children, "pages": pages,
            "visited": len(range(0, pages, step)), "not_rendered": missed,
            "scroll_s": time.monotonic() - start, "cache_peak_mb": cache.peak_bytes / 2**20,
            "cache_budget_mb": cache.budget / 2**20}


def run_bare(pdf: str, scale: float, step: int) -> dict:
    import pymupdf
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication([sys.argv[0]])
    win = QMainWindow()
    win.resize(1440, 900)
    win.show()
    app.processEvents()
    doc = pymupdf.open(pdf)
    for pno in range(0, doc.page_count, step):
        doc[pno].get_pixmap(matrix=pymupdf.Matrix(scale, scale), alpha=False, annots=False)
    return {"peak_self_mb": self_peak_mb(), "peak_tree_mb": self_peak_mb(),
            "pages": doc.page_count}


def main() -> int:
    kind = sys.argv[1]
    if kind == "app":
        out = run_app(sys.argv[2], int(sys.argv[3]))
    else:
        out = run_bare(sys.argv[2], float(sys.argv[3]), int(sys.argv[4]))
    print(json.dumps(out), flush=True)
    os._exit(0)  # skip teardown: its time and memory are not what is measured


if __name__ == "__main__":
    sys.exit(main())
