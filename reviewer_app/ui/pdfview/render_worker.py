"""Rendering off the interface thread: a latest-request-wins queue and worker threads.

Each worker thread owns its own renderer (never shared): by default a ``RemoteRenderer``
whose child process holds the Document, because MuPDF keeps the GIL while it rasterises
and a heavy page would otherwise freeze the interface for a quarter of a second. The
in-thread ``PageRenderer`` is the fallback when a process cannot be started.

The view calls ``request`` with every tile it wants, most urgent first, each time it
scrolls or zooms; pending tiles that are no longer wanted are dropped, so a fast scroll
through 700 pages renders only where the user stops.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal
from PySide6.QtGui import QImage

from reviewer_app.core.pdf.geometry import DocumentInfo
from reviewer_app.core.pdf.render import PageRenderer, RenderedPage
from reviewer_app.core.pdf.render_client import RemoteRenderer
from reviewer_app.ui.pdfview.cache import DEFAULT_BUDGET, Tile, TileCache, TileKey
from reviewer_app.ui.pdfview.jobs import InfoJob, JobQueue, TileJob

THUMB_BUDGET = 16 * 1024 * 1024  # ~300 thumbnails

log = logging.getLogger(__name__)


def image_from_rendered(page: RenderedPage, dpr: float) -> QImage:
    """A QImage of the rendered samples, tagged with the device ratio.

    Samples received from a render process (a bytearray of their own) are used in place:
    PySide keeps the buffer alive as long as the image's data. Anything else (MuPDF's own
    pixmap memory) is copied once. RGB888 is kept as is: a quarter smaller in the cache
    than RGB32 and about as fast to draw, and no conversion holds the GIL meanwhile.
    """
    fmt = QImage.Format.Format_RGBA8888 if page.alpha else QImage.Format.Format_RGB888
    img = QImage(page.samples, page.width, page.height, page.stride, fmt)
    if not isinstance(page.samples, bytearray):
        img = img.copy()
    img.setDevicePixelRatio(dpr)
    return img


Document = tuple[int, bytes]  # generation, PDF bytes


class _Renderers:
    """One worker's renderers: its render process once that is up; meanwhile (and when
    processes cannot start or keep dying) a ``PageRenderer`` in the worker's own thread.

    The worker waits for its process rather than render in-thread meanwhile: that would
    hold the GIL (stalling the interface) and load MuPDF into the window's process (a
    fifth of a second, and its memory) just to save the child's start-up.
    """

    MAX_RESTARTS = 3
    LOCAL_TILES = 0

    def __init__(self, isolate: bool):
        self.remote: RemoteRenderer | None = None
        self.ready = threading.Event()
        self.local: PageRenderer | None = None
        self.local_gen = self.remote_gen = -1
        self.restarts = 0
        self.local_tiles = 0
        if isolate:
            self._start()

    def _start(self) -> None:
        try:
            remote = RemoteRenderer()
        except Exception as exc:  # no process support here: render in this thread
            log.warning("render process unavailable (%s); rendering in a thread", exc)
            return
        ready = threading.Event()

        def wait() -> None:
            try:
                remote.wait_ready()
                ready.set()
            except Exception as exc:
                log.warning("render process did not start (%s)", exc)

        self.remote, self.ready = remote, ready
        threading.Thread(target=wait, name="render-process-start", daemon=True).start()

    @property
    def pid(self) -> int | None:
        return self.remote.pid if self.remote is not None else None

    def get(self, doc: Document, wait: bool = False) -> PageRenderer | RemoteRenderer:
        """The renderer to use now; ``wait`` for the process (long jobs must not hold
        the GIL in this process: reading every page's geometry takes a while)."""
        gen, data = doc
        if self.remote is not None and (wait or self.local_tiles >= self.LOCAL_TILES):
            self.ready.wait(15)
        if self.remote is not None and self.ready.is_set():
            if self.remote_gen != gen:
                self.remote.open(data)
                self.remote_gen = gen
            if self.local is not None:
                self.local.close()
                self.local, self.local_gen = None, -1
            return self.remote
        if self.local_gen != gen:
            if self.local is not None:
                self.local.close()
                self.local, self.local_gen = None, -1  # stays so if the new one fails
            self.local, self.local_gen = PageRenderer(data), gen
        self.local_tiles += 1
        assert self.local is not None  # opened for this generation
        return self.local

    def check(self) -> None:
        """After an error: if the render process died, start another (a few times)."""
        if self.remote is not None and (self.remote.broken or not self.remote.alive()):
            self.remote.close()
            self.remote, self.remote_gen = None, -1
            if self.restarts < self.MAX_RESTARTS:
                self.restarts += 1
                self._start()

    def close(self) -> None:
        if self.remote is not None:
            self.remote.close()
        if self.local is not None:
            self.local.close()


class RenderWorker(QThread):
    """Takes jobs until the queue closes; opens the current document in its renderer."""

    tileReady = Signal(object, object)  # TileJob, Tile
    tileFailed = Signal(object, str)  # TileJob, message
    infoReady = Signal(int, object)  # generation, DocumentInfo

    def __init__(self, queue: JobQueue, current: Callable[[], Document | None],
                 isolate: bool):
        super().__init__()
        self._queue = queue
        self._current = current
        self._isolate = isolate
        self._renderers: _Renderers | None = None
        self.render_seconds = 0.0
        self.rendered = 0

    @property
    def renderer_pid(self) -> int | None:
        """The render process's id, when there is one (for measurements)."""
        r = self._renderers
        return r.pid if r is not None else None

    def run(self) -> None:
        renderers = self._renderers = _Renderers(self._isolate)
        try:
            while (job := self._queue.take()) is not None:
                try:
                    self._do(job, renderers)
                except Exception as exc:
                    if isinstance(job, TileJob):
                        self.tileFailed.emit(job, str(exc))
                    log.warning("render failed: %s", exc)
                    renderers.check()
                finally:
                    self._queue.done(job)
        finally:
            renderers.close()

    def _do(self, job: TileJob | InfoJob, renderers: _Renderers) -> None:
        doc = self._current()
        gen = job.gen if isinstance(job, InfoJob) else job.key.gen
        if doc is None or doc[0] != gen:
            return  # stale: another document is showing now
        renderer = renderers.get(doc, wait=isinstance(job, InfoJob))
        if isinstance(job, InfoJob):
            self.infoReady.emit(gen, renderer.info(job.geometry, job.labels, job.outline))
            return
        t0 = time.perf_counter()
        page = renderer.render(job.key.page, job.key.scale, job.clip())
        image = image_from_rendered(page, job.dpr)
        self.render_seconds += time.perf_counter() - t0
        self.rendered += 1
        self.tileReady.emit(job, Tile(image, page.x, page.y))


def _stop(queue: JobQueue, workers: list[RenderWorker]) -> None:
    queue.close()
    for w in workers:
        w.wait(5000)


_live: weakref.WeakSet = weakref.WeakSet()
_quit_hooked = False


def _shutdown_all() -> None:
    for service in list(_live):
        service.shutdown()


def _hook_quit() -> None:
    """Stop every service's threads before the application object goes away.

    A module-level slot, so the connection keeps no service (and no cache) alive.
    """
    global _quit_hooked
    app = QCoreApplication.instance()
    if app is not None and not _quit_hooked:
        app.aboutToQuit.connect(_shutdown_all)
        _quit_hooked = True


class RenderService(QObject):
    """Owns the queue, the workers and the tile cache for one view."""

    tileReady = Signal(object)  # TileKey, after the tile is in the cache
    thumbReady = Signal(object)  # TileKey of a thumbnail, now in ``thumbs``
    infoReady = Signal(object)  # DocumentInfo of the current document
    tileFailed = Signal(object, str)

    def __init__(self, cache_bytes: int = DEFAULT_BUDGET, workers: int = 1,
                 isolate: bool = True, parent: QObject | None = None,
                 thumb_bytes: int = THUMB_BUDGET):
        super().__init__(parent)
        self.cache = TileCache(cache_bytes)
        self.thumbs = TileCache(thumb_bytes)
        self.queue = JobQueue()
        self._doc: Document | None = None
        self._gen = 0
        self._meta: InfoJob | None = None
        self.failed: dict[TileKey, str] = {}
        self.workers = [RenderWorker(self.queue, self.current, isolate)
                        for _ in range(max(workers, 1))]
        for w in self.workers:
            w.tileReady.connect(self._on_tile)
            w.tileFailed.connect(self._on_failed)
            w.infoReady.connect(self._on_info)
        self._finalizer = weakref.finalize(self, _stop, self.queue, list(self.workers))
        _live.add(self)
        _hook_quit()

    @property
    def generation(self) -> int:
        return self._gen

    def start(self) -> None:
        """Start the workers (and their render processes). The view does this once the
        window has painted: a process starting meanwhile takes a core from the window
        being built. Jobs queued before wait; calling again does nothing."""
        if self._finalizer.alive:
            for w in self.workers:
                if not w.isRunning() and not w.isFinished():
                    w.start()

    def started(self) -> bool:
        return any(w.isRunning() or w.isFinished() for w in self.workers)

    def current(self) -> Document | None:
        return self._doc

    def open(self, data: bytes, geometry: bool = True, labels: bool = True) -> int:
        """Show a new document: older jobs and tiles become stale. Returns its generation.

        ``geometry``/``labels``: whether the caller needs them from the document (a view
        given the stored text and labels does not)."""
        self._gen += 1
        self._doc = (self._gen, data)
        self.cache.clear()
        self.thumbs.clear()
        self.failed.clear()
        self.queue.clear()
        # the rest of the info after the first tiles: queued with the view's first request
        self._meta = InfoJob(self._gen, "meta", geometry, labels)
        if geometry:  # lay the pages out from the first one's size meanwhile
            self.queue.push_front(InfoJob(self._gen, "info", "first", False, False))
        else:
            self._queue_meta()
        return self._gen

    def _queue_meta(self) -> None:
        if self._meta is not None:
            self.queue.push_front(self._meta)
            self._meta = None

    def close_document(self) -> None:
        self._gen += 1
        self._doc = None
        self._meta = None
        self.queue.clear()
        self.cache.clear()
        self.thumbs.clear()
        self.failed.clear()

    def request(self, jobs: Sequence[TileJob]) -> None:
        """The view's tiles, most urgent first; replaces its earlier request."""
        wanted = [j for j in jobs if j.key not in self.cache and j.key not in self.failed]
        self.queue.replace(wanted, "view")
        self._queue_meta()

    def request_thumbs(self, jobs: Sequence[TileJob]) -> None:
        """Thumbnails to render when the view has nothing left to do."""
        wanted = [TileJob(j.key, j.page_w, j.page_h, j.dpr, "thumbs") for j in jobs
                  if j.key not in self.thumbs and j.key not in self.failed]
        self.queue.replace(wanted, "thumbs")

    def busy(self) -> bool:
        return bool(self.queue.pending() or self.queue.running())

    def shutdown(self) -> None:
        """Stop the workers (and their render processes) and drop the cached tiles."""
        self._finalizer()
        self.cache.clear()
        self.thumbs.clear()
        self._doc = None

    def render_stats(self) -> tuple[int, float]:
        """Tiles rendered and seconds spent (render + conversion) by all workers."""
        return (sum(w.rendered for w in self.workers),
                sum(w.render_seconds for w in self.workers))

    def _on_tile(self, job: TileJob, tile: Tile) -> None:
        if job.key.gen != self._gen:
            return
        if job.lane == "thumbs":
            self.thumbs.put(job.key, tile)
            self.thumbReady.emit(job.key)
        else:
            self.cache.put(job.key, tile)
            self.tileReady.emit(job.key)

    def _on_failed(self, job: TileJob, message: str) -> None:
        if job.key.gen == self._gen:
            self.failed[job.key] = message
            self.tileFailed.emit(job.key, message)

    def _on_info(self, gen: int, info: DocumentInfo) -> None:
        if gen == self._gen:
            self.infoReady.emit(info)
