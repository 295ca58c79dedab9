"""Starting the window (placeholder until the workstation window lands)."""

from __future__ import annotations

import sys


def run_gui(argv: list[str]) -> int:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    win = QMainWindow()
    win.setWindowTitle("Reviewer")
    win.resize(1440, 900)
    win.show()
    return app.exec()
