"""Rendering PDF pages to pixels with MuPDF, and answering a render process's requests.

``PageRenderer`` owns one Document and must stay on one thread (MuPDF is not thread-safe
and holds the GIL while it works). ``RemoteRenderer`` (``render_client``) has the same
API but renders in a child process (``core.child``), so a heavy page never stalls the
interface's Python thread.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from reviewer_app.core.pdf import ipc
from reviewer_app.core.pdf.geometry import DocumentInfo, PageGeometry, Rect
from reviewer_app.core.pdf.mupdf import mupdf

if TYPE_CHECKING:
    import pymupdf

TRIM_EVERY = 16  # renders between emptying MuPDF's store (see _trim)


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


class PageRenderer:
    """One pymupdf Document opened from bytes; renders pages and clips of pages.

    Use from one thread only; every render worker makes its own.
    """

    DISPLAY_LISTS = 3  # parsed pages kept, so tiles of one page parse it once

    def __init__(self, data: bytes):
        self._mu = mupdf()
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


def _trim() -> None:
    """Give back what MuPDF keeps between pages: its store of decoded images and fonts
    grows to 100+ MB over a manual's heavy pages and is never reused much. Emptying it
    every ``TRIM_EVERY`` renders costs ~3% of render time (fonts reloaded); every render
    would cost 3.5x. Freed heap goes back to the system where glibc allows it."""
    mupdf().TOOLS.store_shrink(100)
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass


class RenderService:
    """The render process's side: one Document at a time, requests in, replies out.

    ``handle`` returns the reply and, for a page too large for the shared memory, its
    samples to send raw after it.
    """

    def __init__(self, shared: Any) -> None:
        self.shared = shared  # a ``tile_buffer.ChildBuffer``
        self.renderer: PageRenderer | None = None
        self.renders = 0
        self._last: RenderedPage | None = None  # keeps the samples sent raw alive

    def handle(self, msg: tuple) -> tuple[tuple, Any]:
        op = msg[0]
        try:
            if op == "open":
                if self.renderer is not None:
                    self.renderer.close()
                    _trim()
                self.renderer = PageRenderer(msg[1])
                return ("ok", self.renderer.page_count), None
            if self.renderer is None:
                return ("error", "no document open"), None
            if op == "info":
                return ("ok", self.renderer.info(*msg[1:])), None
            if op == "render":
                self.renders += 1
                if self.renders % TRIM_EVERY == 0:
                    _trim()
                page = self._last = self.renderer.render(*msg[1:4])
                header = replace(page, samples=b"", owner=None)
                if self.shared.put(page.samples, msg[4] if len(msg) > 4 else 0):
                    return ("shared", header, len(page.samples)), None
                return ("image", header), page.samples
            return ("error", f"unknown request {op!r}"), None
        except Exception as exc:  # report and keep serving
            return ("error", f"{type(exc).__name__}: {exc}"), None


ipc.register(RenderedPage, PageGeometry, DocumentInfo)
