"""Running slow core work (reading a 700-page PDF, writing a packet) off the interface thread.

``run_with_progress`` starts the function in a worker thread and spins a local event loop
until it is done, so the window keeps painting and a progress dialog appears when the work
lasts more than a moment. The result (or the exception) is handed back to the caller, which
keeps the calling code linear.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

Progress = Callable[[int, int, str], None]


class _State:
    def __init__(self) -> None:
        self.done = threading.Event()
        self.result: Any = None
        self.error: BaseException | None = None
        self.progress: tuple[int, int, str] | None = None


def run_with_progress(parent: QWidget | None, title: str, label: str,
                      fn: Callable[..., Any], *args, with_progress: bool = False,
                      show_after_ms: int = 400, modal: bool = True) -> Any:
    """``fn(*args)`` (plus a ``progress`` callback when ``with_progress``) in a thread.

    ``modal=False`` shows no dialog: the window stays usable (the caller must keep the
    user from starting what would conflict with the work, and say it is running)."""
    state = _State()

    def report(done: int, total: int, message: str) -> None:
        state.progress = (done, total, message)

    def work() -> None:
        try:
            state.result = fn(*args, report) if with_progress else fn(*args)
        except BaseException as exc:  # handed to the caller's thread below
            state.error = exc
        finally:
            state.done.set()

    dialog = QProgressDialog(label, "", 0, 0, parent) if modal else None
    if dialog is not None:
        dialog.setWindowTitle(title)
        dialog.setCancelButton(None)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(show_after_ms)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setAccessibleName(title)
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(15)

    def poll() -> None:
        if state.progress is not None and dialog is not None:
            done, total, message = state.progress
            dialog.setMaximum(max(total, 1))
            dialog.setValue(min(done, total))
            dialog.setLabelText(message)
        if state.done.is_set():
            loop.quit()

    timer.timeout.connect(poll)
    thread = threading.Thread(target=work, name=f"reviewer-{title}", daemon=True)
    thread.start()
    if dialog is not None:
        dialog.setValue(0)
    timer.start()
    if not state.done.is_set():
        loop.exec()
    timer.stop()
    thread.join()
    if dialog is not None:
        dialog.close()
        dialog.deleteLater()
    if state.error is not None:
        raise state.error
    return state.result


def wait_for(ready: Callable[[], bool], timeout_ms: int) -> bool:
    """Keep the window running until ``ready()`` holds or ``timeout_ms`` passes."""
    if ready():
        return True
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(5)
    deadline = QTimer()
    deadline.setSingleShot(True)
    timer.timeout.connect(lambda: loop.quit() if ready() else None)
    deadline.timeout.connect(loop.quit)
    timer.start()
    deadline.start(timeout_ms)
    loop.exec()
    timer.stop()
    deadline.stop()
    return ready()
