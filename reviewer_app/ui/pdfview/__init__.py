"""The PDF view: continuous scrolling, zoom, selection, highlights, find; and its companions.

``PdfView`` (a QAbstractScrollArea) shows one document: ``load(data, text, labels)``.
Geometry comes from the ``DocumentText`` (unrotated page space throughout); pixels come
from render workers whose MuPDF runs in child processes (see ``render_worker``). The
selection is a global [start, end) span of ``text.text``. Companions: ``PageNavigator``
(page box with the document's labels), ``OutlinePanel`` (outline and thumbnails),
``FindBar``. Modules: layout (where pages sit), tiles (what to render), render_worker
and cache (rendering and the byte-budgeted LRU), painting and overlays (drawing),
selection, highlights, interaction (mouse and keys), navigation (zoom, pages, find).
"""

from reviewer_app.ui.pdfview.findbar import FindBar
from reviewer_app.ui.pdfview.highlights import Highlight
from reviewer_app.ui.pdfview.navigator import PageNavigator
from reviewer_app.ui.pdfview.view import PdfView

__all__ = ["FindBar", "Highlight", "OutlinePanel", "PageNavigator", "PdfView"]


def __getattr__(name: str):
    if name == "OutlinePanel":  # imported when first used: the window builds it on demand
        from reviewer_app.ui.pdfview.outline import OutlinePanel

        return OutlinePanel
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
