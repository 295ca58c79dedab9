"""Refreshing the caseload index in the background: the scan runs in a thread with its
own index connection and reports progress; the view reloads when it is done."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QThread, Signal

from reviewer_app.core.errors import ReviewError


class RefreshWorker(QThread):
    progress = Signal(int, int)  # files checked, files found
    finishedScan = Signal(str, list)  # summary line, [(path, reason)]
    failed = Signal(str)

    def __init__(self, index_path: Path, folders: list[str], parent=None):
        super().__init__(parent)
        self.index_path = index_path
        self.folders = folders

    def run(self) -> None:
        from reviewer_app.core.caseload.index import CaseloadIndex
        from reviewer_app.core.caseload.scan import scan

        try:
            with CaseloadIndex.open(self.index_path) as index:
                report = scan(index, list(self.folders), progress=self._progress)
        except ReviewError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # a bug must not kill the window's thread silently
            self.failed.emit(f"the refresh failed ({type(exc).__name__}: {exc})")
            return
        self.finishedScan.emit(report.summary(), report.problems)

    def _progress(self, done: int, total: int, _path: str) -> bool:
        if done == total or done % 50 == 0:
            self.progress.emit(done, total)
        return not self.isInterruptionRequested()
