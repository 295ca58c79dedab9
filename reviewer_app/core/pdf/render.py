"""Rendering PDF pages to pixels, and the page geometry the viewer needs without MuPDF.

All geometry the review stores is in UNROTATED page space (what MuPDF reports for words
and what PDF annotations take): origin at the top-left of the crop box, y down. A page is
*displayed* rotated by its /Rotate; ``PageGeometry`` converts between the two with the
same matrix as ``pymupdf.Page.rotation_matrix`` so the interface thread can map points
without touching a Document.

``PageRenderer`` owns one Document and must stay on one thread (MuPDF is not thread-safe
and holds the GIL while it works). ``RemoteRenderer`` has the same API but renders in a
child process, so a heavy page (large images, seconds of vector art) never stalls the
interface's Python thread: the caller only blocks in a pipe read, which releases the GIL.
The child is a plain ``python -c`` subprocess (not multiprocessing, which would re-run the
caller's ``__main__``); a frozen build routes ``WORKER_FLAG`` through
``run_worker_if_asked`` in its ``main``.
"""

from __future__ import annotations

import os
import pickle
import struct
import subprocess
import sys
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pymupdf

Rect = tuple[float, float, float, float]
Matrix6 = tuple[float, float, float, float, float, float]


def _mupdf():
    """pymupdf, imported on first use: the window shows a review without it (geometry
    comes with the stored text, pixels from the render processes), and the import
    costs a fifth of a second at start-up."""
    import pymupdf

    if not getattr(_mupdf, "quiet", False):
        pymupdf.TOOLS.mupdf_display_errors(False)
        pymupdf.TOOLS.mupdf_display_warnings(False)
        _mupdf.quiet = True
    return pymupdf


@dataclass(frozen=True)
class RenderedPage:
    """Pixels of a page (or of a clip of it) at some scale.

    ``x``/``y`` are the device-pixel position of the top-left sample within the whole
    rendered page, as MuPDF rounded it, so tiles can be placed without seams.
    """

    width: int
    height: int
    stride: int
    samples: bytes | bytearray | memoryview
    alpha: bool = False
    x: int = 0
    y: int = 0
    owner: object = field(default=None, compare=False, repr=False)  # keeps ``samples`` valid


def rotation_matrix(rotation: int, width: float, height: float) -> Matrix6:
    """Unrotated -> display matrix (a, b, c, d, e, f) for a crop box of ``width`` x ``height``.

    Identical to ``pymupdf.Page.rotation_matrix`` (checked by a test).
    """
    r = rotation % 360
    if r == 90:
        return (0.0, 1.0, -1.0, 0.0, height, 0.0)
    if r == 180:
        return (-1.0, 0.0, 0.0, -1.0, width, height)
    if r == 270:
        return (0.0, -1.0, 1.0, 0.0, 0.0, width)
    return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _apply(m: Matrix6, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def _invert(m: Matrix6) -> Matrix6:
    a, b, c, d, e, f = m
    det = a * d - b * c
    ia, ib, ic, id_ = d / det, -b / det, -c / det, a / det
    return (ia, ib, ic, id_, -(ia * e + ic * f), -(ib * e + id_ * f))


def _map_rect(m: Matrix6, rect: Rect) -> Rect:
    x0, y0, x1, y1 = rect
    pts = [_apply(m, x, y) for x, y in ((x0, y0), (x1, y0), (x0, y1), (x1, y1))]
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return (min(xs), min(ys), max(xs), max(ys))


@dataclass(frozen=True)
class PageGeometry:
    """Size and rotation of one page; maps unrotated <-> display coordinates (points)."""

    width: float  # unrotated crop box width
    height: float
    rotation: int = 0

    @property
    def display_size(self) -> tuple[float, float]:
        if self.rotation % 180:
            return self.height, self.width
        return self.width, self.height

    @property
    def matrix(self) -> Matrix6:
        return rotation_matrix(self.rotation, self.width, self.height)

    def to_display(self, rect: Rect) -> Rect:
        return _map_rect(self.matrix, rect)

    def point_to_display(self, x: float, y: float) -> tuple[float, float]:
        return _apply(self.matrix, x, y)

    def from_display(self, x: float, y: float) -> tuple[float, float]:
        return _apply(_invert(self.matrix), x, y)

    def rect_from_display(self, rect: Rect) -> Rect:
        return _map_rect(_invert(self.matrix), rect)


@dataclass(frozen=True)
class DocumentInfo:
    """What a viewer needs to know about a document before rendering any page.

    Parts can be left out (see ``PageRenderer.info``): ``pages`` may hold only the first
    page's geometry (``page_count`` says how many there are), and ``has_outline`` is
    False when the outline was not read.
    """

    pages: tuple[PageGeometry, ...]
    outline: tuple[tuple[int, str, int], ...]
    page_labels: tuple[str, ...]
    page_count: int = -1  # -1: len(pages)
    has_outline: bool = True

    @property
    def count(self) -> int:
        return self.page_count if self.page_count >= 0 else len(self.pages)


class PageRenderer:
    """One pymupdf Document opened from bytes; renders pages and clips of pages.

    Use from one thread only; every render worker makes its own.
    """

    DISPLAY_LISTS = 3  # parsed pages kept, so tiles of one page parse it once

    def __init__(self, data: bytes):
        self._mu = _mupdf()
        self._doc = self._mu.open(stream=data, filetype="pdf")
        self._lists: OrderedDict[int, pymupdf.DisplayList] = OrderedDict()

    @property
    def page_count(self) -> int:
        return self._doc.page_count

    def close(self) -> None:
        self._lists.clear()
        self._doc.close()

    def page_size(self, pno: int) -> tuple[float, float]:
        """Width and height in display points (rotation applied)."""
        r = self._doc[pno].rect
        return r.width, r.height

    def geometry(self, pno: int) -> PageGeometry:
        page = self._doc[pno]
        box = page.cropbox
        return PageGeometry(box.width, box.height, page.rotation)

    def info(self, geometry: bool | str = True, labels: bool = True,
             outline: bool = True) -> DocumentInfo:
        """Page geometry, outline and labels. A viewer that already has some of them
        (stored with the review) asks without those: empty tuples then.
        ``geometry="first"`` reads the first page only (reading all takes ~40 ms on a
        758-page manual, the outline and labels as long again on some): enough to lay the
        pages out at once, assuming the others alike, until the rest arrives."""
        n = self.page_count
        first = min(n, 1) if geometry == "first" else n if geometry else 0
        return DocumentInfo(tuple(self.geometry(i) for i in range(first)),
                            tuple(self.outline()) if outline else (),
                            tuple(self.page_labels()) if labels else (), n, outline)

    def _display_list(self, pno: int) -> pymupdf.DisplayList:
        dl = self._lists.pop(pno, None)
        if dl is None:
            dl = self._doc[pno].get_displaylist(annots=False)
        self._lists[pno] = dl
        while len(self._lists) > self.DISPLAY_LISTS:
            self._lists.popitem(last=False)
        return dl

    def render(self, pno: int, scale: float, clip: Rect | None = None) -> RenderedPage:
        """RGB pixels of page ``pno`` at ``scale`` device pixels per point.

        ``clip`` is in display points (the rotated page as shown); annotations are not
        drawn, the app draws its own highlights.
        """
        pix = self.pixmap(pno, scale, clip)
        # the pixmap's own memory, not a copy (5.8 MB at 150%): valid while ``owner`` lives
        return RenderedPage(pix.width, pix.height, pix.stride, pix.samples_mv,
                            bool(pix.alpha), pix.x, pix.y, owner=pix)

    def pixmap(self, pno: int, scale: float, clip: Rect | None = None) -> pymupdf.Pixmap:
        """The MuPDF pixmap behind ``render`` (its samples not yet copied out).

        A whole page is drawn straight from the page; only clips (tiles of a zoomed-in
        page) go through a kept display list, so a page's tiles parse it once.
        """
        mu = self._mu
        matrix = mu.Matrix(scale, scale)
        if clip is None:
            return self._doc[pno].get_pixmap(matrix=matrix, alpha=False, annots=False)
        return self._display_list(pno).get_pixmap(matrix=matrix, alpha=False,
                                                  clip=mu.Rect(clip))

    def to_display(self, pno: int, rect: Rect) -> Rect:
        r = self._mu.Rect(rect) * self._doc[pno].rotation_matrix
        r.normalize()
        return (r.x0, r.y0, r.x1, r.y1)

    def from_display(self, pno: int, point: tuple[float, float]) -> tuple[float, float]:
        p = self._mu.Point(point) * self._doc[pno].derotation_matrix
        return (p.x, p.y)

    def outline(self) -> list[tuple[int, str, int]]:
        """(level, title, 0-based page) per outline entry; entries without a page dropped."""
        out = []
        for entry in self._doc.get_toc(simple=True):
            level, title, page = entry[:3]
            if page >= 1:
                out.append((int(level), str(title).strip(), int(page) - 1))
        return out

    def page_labels(self) -> list[str]:
        """Printed labels, worked out from the /PageLabels rules once (``page.get_label()``
        re-reads the number tree per page: 7 s on the 632-page Lisle manual)."""
        from reviewer_app.core.pdf.documents import page_labels

        return page_labels(self._doc)


# --- rendering in a child process --------------------------------------------------------

RENDER_NICENESS = 10
WORKER_FLAG = "--render-worker"  # a frozen app's main must call serve_stdio() for this flag
TRIM_EVERY = 16  # renders between emptying MuPDF's store (see _trim)


def _trim() -> None:
    """Give back what MuPDF keeps between pages: its store of decoded images and fonts
    grows to 100+ MB over a manual's heavy pages and is never reused much. Emptying it
    every ``TRIM_EVERY`` renders costs ~3% of render time (fonts reloaded); every render
    would cost 3.5x. Freed heap goes back to the system where glibc allows it."""
    _mupdf().TOOLS.store_shrink(100)
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


def _write_frame(stream, obj) -> None:
    payload = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(struct.pack("<Q", len(payload)))
    stream.write(payload)
    stream.flush()


def _read_frame(stream):
    head = stream.read(8)
    if len(head) < 8:
        raise EOFError("render pipe closed")
    (size,) = struct.unpack("<Q", head)
    payload = stream.read(size)
    if len(payload) < size:
        raise EOFError("render pipe closed mid-message")
    return pickle.loads(payload)


def _write_raw(stream, data) -> None:
    stream.write(struct.pack("<Q", len(data)))
    stream.write(data)
    stream.flush()


def _read_raw(stream) -> bytearray:
    """A length-prefixed byte payload, read straight into one buffer (no pickle copy)."""
    head = stream.read(8)
    if len(head) < 8:
        raise EOFError("render pipe closed")
    (size,) = struct.unpack("<Q", head)
    buf = bytearray(size)
    view, got = memoryview(buf), 0
    while got < size:
        n = stream.readinto(view[got:])
        if not n:
            raise EOFError("render pipe closed mid-image")
        got += n
    return buf


def serve_stdio() -> None:  # pragma: no cover - runs in the child process
    """The child's loop: requests on stdin, replies on a private copy of stdout.

    A render reply is a pickled ``RenderedPage`` without samples, then the samples as
    one raw payload, so the parent can read them with no pickling of megabytes.
    """
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed by libraries goes to stderr, not into the pipe
    if hasattr(os, "nice"):
        os.nice(RENDER_NICENESS)  # background work: the interface thread gets the CPU first
    inp = sys.stdin.buffer
    _write_frame(out, ("ready", os.getpid()))
    renderer: PageRenderer | None = None
    renders = 0
    from reviewer_app.core.pdf.tile_buffer import ChildBuffer

    shared = ChildBuffer()
    while True:
        try:
            msg = _read_frame(inp)
        except (EOFError, OSError):
            return
        op = msg[0]
        if op == "quit":
            return
        if op == "prepare":  # a document being added (see reader.py); replies in pieces
            from reviewer_app.core.child.reader import serve_prepare

            try:
                serve_prepare(out, *msg[1:])
            except OSError:
                return
            continue
        samples = None
        try:
            if op == "open":
                if renderer is not None:
                    renderer.close()
                    _trim()
                renderer = PageRenderer(msg[1])
                reply = ("ok", renderer.page_count)
            elif op == "info":
                reply = ("ok", renderer.info(*msg[1:]))
            elif op == "render":
                renders += 1
                if renders % TRIM_EVERY == 0:
                    _trim()
                page = renderer.render(*msg[1:4])
                header = replace(page, samples=b"", owner=None)
                if shared.put(page.samples, msg[4] if len(msg) > 4 else 0):
                    reply = ("shared", header, len(page.samples))
                else:
                    samples = page.samples
                    reply = ("image", header)
            else:
                reply = ("error", f"unknown request {op!r}")
        except Exception as exc:  # report and keep serving
            reply = ("error", f"{type(exc).__name__}: {exc}")
        try:
            _write_frame(out, reply)
            if samples is not None:
                _write_raw(out, samples)
        except OSError:
            return


_entry_installed = False


def run_worker_if_asked(argv: list[str]) -> bool:
    """For the app's ``main``: serve as a render process when started with ``WORKER_FLAG``.

    Call it first thing in ``main(argv)``; it returns True after serving (exit then).
    A frozen build can only start render processes through this entry, so until it has
    been called there the view renders in threads instead.
    """
    global _entry_installed
    _entry_installed = True
    if argv[:1] == [WORKER_FLAG]:
        serve_stdio()
        return True
    return False


def worker_command() -> list[str]:
    """How to start a render process: ``python -c`` from source, the app's flag frozen."""
    if getattr(sys, "frozen", False):
        if not _entry_installed:
            raise RenderError("this build does not route --render-worker to the renderer")
        return [sys.executable, WORKER_FLAG]
    return [sys.executable, "-c",
            "from reviewer_app.core.pdf.render import serve_stdio; serve_stdio()"]


PIPE_BYTES = 1 << 20  # pipe buffer asked for (Linux allows up to 1 MB unprivileged)


def widen_pipes(proc: subprocess.Popen) -> None:
    """Bigger pipe buffers to and from a child, where the system allows (Linux).

    A page at 150% is 5.8 MB; through the default 64 KB buffer that is ~90 round trips
    between the processes: 10 ms, more than rendering it. With 1 MB: 4 ms."""
    try:
        import fcntl

        setsize = getattr(fcntl, "F_SETPIPE_SZ", 1031)
    except ImportError:
        return
    for stream in (proc.stdin, proc.stdout):
        try:
            fcntl.fcntl(stream.fileno(), setsize, PIPE_BYTES)
        except (OSError, ValueError, AttributeError):
            pass  # at the system's limit already, or not a pipe: the default works


class RenderError(RuntimeError):
    """The renderer could not produce a page (damaged page, dead renderer process)."""


class RemoteRenderer:
    """``PageRenderer``'s API, served by a child process that owns the Document.

    Like ``PageRenderer`` it belongs to one thread. The process is reused across
    documents (``open`` replaces the Document) and ends with ``close``; it also ends by
    itself when this process goes away (its stdin closes).
    """

    def __init__(self, data: bytes | None = None):
        flags = (getattr(subprocess, "CREATE_NO_WINDOW", 0)
                 | getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0))
        from reviewer_app.core.pdf.tile_buffer import ParentBuffer

        self._shared = ParentBuffer()  # pixels through shared memory where possible
        pass_fds = (self._shared.fd,) if self._shared.available else ()
        try:
            self._proc = subprocess.Popen(worker_command(), stdin=subprocess.PIPE,
                                          stdout=subprocess.PIPE, creationflags=flags,
                                          pass_fds=pass_fds, env=self._shared.child_env())
        except BaseException:
            self._shared.close()
            raise
        widen_pipes(self._proc)
        self._ready = False
        self.broken = False  # the pipe failed: the process is gone or unusable
        self.page_count = 0
        if data is not None:
            self.open(data)

    def _call(self, *msg):
        try:
            if not self._ready:
                self.wait_ready()
            _write_frame(self._proc.stdin, msg)
            reply = _read_frame(self._proc.stdout)
            status, value = reply[0], reply[1]
            if status == "shared":
                return replace(value, samples=self._shared.take(reply[2]))
            if status == "image":
                samples = _read_raw(self._proc.stdout)
                if msg[0] == "render":
                    self._shared.grow(len(samples))  # room for such tiles next time
                return replace(value, samples=samples)
        except (EOFError, OSError, pickle.UnpicklingError) as exc:
            self.broken = True
            raise RenderError(f"the render process stopped ({exc})") from exc
        if status != "ok":
            raise RenderError(value)
        return value

    def wait_ready(self) -> None:
        """Block until the child has imported MuPDF and said so (its first message)."""
        if not self._ready:
            status, _pid = _read_frame(self._proc.stdout)
            if status != "ready":
                raise RenderError(f"the render process did not start ({status})")
            self._ready = True

    def open(self, data: bytes) -> None:
        self.page_count = self._call("open", data)

    def info(self, geometry: bool | str = True, labels: bool = True,
             outline: bool = True) -> DocumentInfo:
        return self._call("info", geometry, labels, outline)

    def render(self, pno: int, scale: float, clip: Rect | None = None) -> RenderedPage:
        return self._call("render", pno, scale, clip, self._shared.size)

    def close(self) -> None:
        if self._proc.stdin.closed:
            return
        try:
            _write_frame(self._proc.stdin, ("quit",))
            self._proc.stdin.close()
        except OSError:
            pass
        try:
            self._proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait(timeout=3)
        self._proc.stdout.close()
        self._shared.close()

    @property
    def pid(self) -> int:
        return self._proc.pid

    def alive(self) -> bool:
        return self._proc.poll() is None
