"""What the render threads are asked to do: tile and info jobs, and the queue that serves
the latest request first and drops tiles nobody wants any more."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass

from reviewer_app.ui.pdfview.cache import TileKey
from reviewer_app.ui.pdfview.layout import TILE, page_pixels


@dataclass(frozen=True)
class TileJob:
    key: TileKey
    page_w: float  # display points
    page_h: float
    dpr: float
    lane: str = "view"  # "view": the page view's tiles; "thumbs": thumbnails, done last

    def clip(self) -> tuple[float, float, float, float] | None:
        """The tile's rectangle in display points, or None for a whole-page tile."""
        s = self.key.scale
        full_w, full_h = page_pixels(self.page_w, self.page_h, s)
        if full_w <= TILE and full_h <= TILE:
            return None
        x0, y0 = self.key.col * TILE, self.key.row * TILE
        x1, y1 = min(x0 + TILE, full_w), min(y0 + TILE, full_h)
        return (x0 / s, y0 / s, x1 / s, y1 / s)


@dataclass(frozen=True)
class InfoJob:
    """A document's outline, and its page geometry and labels when the view lacks them.

    Without geometry the view cannot lay pages out, so a job for the first page's goes
    first ("info" lane); everything else comes after the visible tiles ("meta" lane).
    Fields as ``PageRenderer.info``'s arguments.
    """

    gen: int
    lane: str = "info"
    geometry: bool | str = True
    labels: bool = True
    outline: bool = True


LANES = ("info", "view", "meta", "thumbs")  # served in this order


class JobQueue:
    """Pending jobs per lane, most urgent first; ``replace`` drops what is no longer wanted.

    Each lane is replaced as a whole by its owner (latest request wins); the view's lane
    is always served before thumbnails, a document's info before both.
    """

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._lanes: dict[str, list] = {lane: [] for lane in LANES}
        self._running: set[tuple[str, TileKey]] = set()
        self._closed = False

    def replace(self, jobs: Sequence[TileJob], lane: str = "view") -> None:
        with self._cond:
            self._lanes[lane] = [j for j in jobs if (lane, j.key) not in self._running]
            self._cond.notify_all()

    def push_front(self, job: TileJob | InfoJob) -> None:
        with self._cond:
            self._lanes[job.lane].insert(0, job)
            self._cond.notify()

    def clear(self) -> None:
        with self._cond:
            for jobs in self._lanes.values():
                jobs.clear()

    def take(self) -> TileJob | InfoJob | None:
        """Next job; blocks until there is one. None once closed."""
        with self._cond:
            while not self._closed and not any(self._lanes.values()):
                self._cond.wait()
            if self._closed:
                return None
            lane = next(name for name in LANES if self._lanes[name])
            job = self._lanes[lane].pop(0)
            if isinstance(job, TileJob):
                self._running.add((lane, job.key))
            return job

    def done(self, job: TileJob | InfoJob) -> None:
        if isinstance(job, TileJob):
            with self._cond:
                self._running.discard((job.lane, job.key))

    def running(self, lane: str | None = None) -> set[TileKey]:
        with self._cond:
            return {k for ln, k in self._running if lane is None or ln == lane}

    def pending(self, lane: str | None = None) -> int:
        with self._cond:
            return sum(len(jobs) for ln, jobs in self._lanes.items()
                       if lane is None or ln == lane)

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self.clear_locked()
            self._cond.notify_all()

    def clear_locked(self) -> None:
        for jobs in self._lanes.values():
            jobs.clear()
