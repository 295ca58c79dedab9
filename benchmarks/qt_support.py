"""Driving the real window in-process for the benchmarks: an isolated, offscreen MainWindow and
waiting until the pages in view are rendered and painted."""

from __future__ import annotations

import os
import time
from pathlib import Path

from benchmarks.harness import WORK


def isolate_environment(work: Path = WORK) -> None:
    """Settings and the demo review under ``.bench/`` so runs never touch the user's."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["REVIEWER_APP_SETTINGS"] = str(work / "settings.ini")
    os.environ["REVIEWER_APP_DATA_DIR"] = str(work / "data")
    os.environ["REVIEWER_APP_CONFIG_DIR"] = str(work / "config")
    os.environ["REVIEWER_APP_USER"] = "Benchmark"  # names the person: no first-start question


def ensure_app():
    from PySide6.QtWidgets import QApplication

    isolate_environment()
    return QApplication.instance() or QApplication(["reviewer-app-bench"])


def make_window(size: tuple[int, int] = (1440, 900)):
    """A shown MainWindow that never opens a modal box (errors go to stderr)."""
    from reviewer_app.ui.common.style import apply_style
    from reviewer_app.ui.dialogs import common as dialogs
    from reviewer_app.ui.window.main_window import MainWindow

    app = ensure_app()
    apply_style(app)
    dialogs.NONINTERACTIVE = True
    win = MainWindow()
    win.resize(*size)
    win.show()
    pump(0.05)
    return win


def pump(seconds: float = 0.0) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    end = time.perf_counter() + seconds
    while True:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if time.perf_counter() >= end:
            return
        time.sleep(0.001)


def wait_painted(view, timeout: float = 60.0) -> float:
    """Spin until the view's visible pages are rendered, then paint them synchronously;
    returns ``perf_counter()`` at the end of that paint."""
    from PySide6.QtCore import QCoreApplication, QEventLoop

    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 2)
        if view.page_count() and view.visible_rendered():
            view.viewport().repaint()
            return time.perf_counter()
        time.sleep(0.0005)
    raise TimeoutError(f"pages not rendered within {timeout:.0f} s")


class PaintWatch:
    """While the window works (nested event loops included): when the view first shows its
    visible pages rendered for a new document, and the longest gap between ticks of a
    short timer on the interface thread (how long the window stood still).

    ``start()`` before the action, ``stop()`` after it; ``first_paint`` is the
    ``perf_counter()`` after that paint (None if it never happened), ``max_stall`` the
    longest gap in seconds beyond the timer's own interval.
    """

    TICK_MS = 2

    def __init__(self, view) -> None:
        from PySide6.QtCore import QTimer

        self.view = view
        self.first_paint: float | None = None
        self.max_stall = 0.0
        self._last = 0.0
        self._gen = -1
        self._timer = QTimer()
        self._timer.setInterval(self.TICK_MS)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self._gen = self.view.render_service.generation
        self.first_paint, self.max_stall = None, 0.0
        self._last = time.perf_counter()
        self._timer.start()

    def stop(self) -> None:
        self._tick()
        self._timer.stop()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.max_stall = max(self.max_stall, now - self._last - self.TICK_MS / 1000)
        view = self.view
        if (self.first_paint is None and view.render_service.generation != self._gen
                and view.page_count() and view.visible_rendered()):
            view.viewport().repaint()
            self.first_paint = time.perf_counter()
        self._last = time.perf_counter()
