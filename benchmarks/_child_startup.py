"""Child process of ``m_startup``: start, show a window, print one JSON line at first paint.

``python -m benchmarks._child_startup app`` runs the real entry point (``reviewer_app.main``,
no arguments: the demo review); ``bare`` shows an empty QMainWindow. The main window module
is imported before ``main`` only to watch for the paint from ``show`` on; ``main`` imports it
anyway. The parent times from
starting this process to reading the ``painted`` line; ``pages`` follows once the demo's
visible pages are rendered and drawn. Imports nothing from the benchmarks package, so both
kinds pay the same interpreter start.
"""

import json
import sys
import time


def main() -> int:
    kind = sys.argv[1]
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

    app = QApplication.instance() or QApplication([sys.argv[0]])
    state = {"painted": False}

    def report(event: str) -> None:
        print(json.dumps({"event": event, "t": time.monotonic(), "cpu": time.process_time()}),
              flush=True)

    def find_view():
        for w in app.topLevelWidgets():
            if isinstance(w, QMainWindow) and w.isVisible():
                return getattr(w, "view", None)
        return None

    def wait_pages() -> None:
        view = find_view()
        if view is None or (view.page_count() and view.visible_rendered()):
            if view is not None:
                view.viewport().repaint()
            report("pages")
            app.exit(0)
            return
        QTimer.singleShot(2, wait_pages)

    def after_first_paint() -> None:
        report("painted")
        if kind == "bare":
            app.exit(0)
        else:
            wait_pages()

    class FirstPaint(QObject):
        def eventFilter(self, obj, event):  # noqa: N802 - Qt's name
            if (not state["painted"] and event.type() == QEvent.Type.Paint
                    and isinstance(obj, QWidget) and isinstance(obj.window(), QMainWindow)):
                state["painted"] = True
                # after this paint pass (the whole window) has been flushed
                QTimer.singleShot(0, after_first_paint)
            return False

    watcher = FirstPaint()
    QTimer.singleShot(60000, lambda: app.exit(3))
    if kind == "bare":
        win = QMainWindow()
        win.setWindowTitle("bare")
        win.resize(1440, 900)
        app.installEventFilter(watcher)
        win.show()
        return app.exec()
    # The filter sees every event of the application; installed while the window is being
    # built it would slow that down, so it goes in when the window is shown.
    from reviewer_app.ui.window import main_window

    show = main_window.MainWindow.show

    def show_watched(self) -> None:
        report("show")
        app.installEventFilter(watcher)
        show(self)

    main_window.MainWindow.show = show_watched
    from reviewer_app.main import main as app_main

    return app_main([])


if __name__ == "__main__":
    sys.exit(main())
