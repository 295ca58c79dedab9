"""pymupdf behind one lazy import, with MuPDF's console messages silenced.

The window shows a review without MuPDF (geometry comes with the stored text, pixels
from the render process) and the import costs ~0.2 s of start-up, so every module of the
app reaches MuPDF through ``mupdf()``. Problems reach the user as ``DocumentError``
sentences, never as MuPDF's own console lines.
"""

from __future__ import annotations

from types import ModuleType

_quiet = False


def mupdf() -> ModuleType:
    global _quiet
    import pymupdf

    if not _quiet:
        pymupdf.TOOLS.mupdf_display_errors(False)
        pymupdf.TOOLS.mupdf_display_warnings(False)
        _quiet = True
    return pymupdf
