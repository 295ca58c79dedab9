"""``--screenshot OUT.png``: the window at 1440x900, offscreen, once the pages in view are
rendered; for documentation and for checking what a user would see."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEventLoop, QThread

if TYPE_CHECKING:
    from reviewer_app.ui.window.main_window import MainWindow

SIZE = (1440, 900)


def wait_until_rendered(view, timeout: float = 30.0) -> bool:
    """Spin the event loop until the view reports its visible pages rendered."""
    deadline = time.monotonic() + timeout
    settled = 0
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if _rendered(view):
            settled += 1
            if settled >= 3:  # a few more turns so the repaint of the last tiles lands
                return True
        else:
            settled = 0
        QThread.msleep(10)
    return False


def wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        if condition():
            return True
        QThread.msleep(10)
    return False


def _rendered(view) -> bool:
    if hasattr(view, "visible_rendered"):
        return bool(view.visible_rendered())
    service = getattr(view, "render_service", None)
    return service is None or not service.busy()


def take_screenshot(window: MainWindow, out: Path, size: tuple[int, int] = SIZE) -> bool:
    """Save the window as a PNG of exactly ``size``; True when the pages were rendered."""
    window.resize(*size)
    window.show()
    QCoreApplication.processEvents()
    done = wait_until_rendered(window.view)
    suggestions = window.item_panel.suggestions
    wait_for(lambda: not suggestions.busy(), timeout=60.0)
    done = wait_until_rendered(window.view) and done
    QCoreApplication.processEvents()
    image = window.grab().toImage()
    if image.width() != size[0] or image.height() != size[1]:
        image = image.scaled(*size)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(out)):
        raise OSError(f"{out}: cannot write the screenshot")
    return done
