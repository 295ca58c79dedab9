"""The PDF view: continuous scrolling, zoom, selection, highlights, find; and its companions."""

from reviewer_app.ui.pdfview.findbar import FindBar
from reviewer_app.ui.pdfview.highlights import Highlight
from reviewer_app.ui.pdfview.navigator import PageNavigator
from reviewer_app.ui.pdfview.outline import OutlinePanel
from reviewer_app.ui.pdfview.view import PdfView

__all__ = ["FindBar", "Highlight", "OutlinePanel", "PageNavigator", "PdfView"]
