"""The packet's fonts: bundled TrueType files that reportlab embeds (subset) in packet.pdf.

The PDF base-14 fonts only cover Latin-1, so an agency name or a quote with Greek,
Cyrillic or typographic punctuation would print as black boxes; Noto Sans covers them.
DejaVu Sans Mono sets hashes and provides the result symbols Noto Sans lacks.
"""

from __future__ import annotations

from typing import cast

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from reviewer_app.core.errors import ReviewError
from reviewer_app.resources import resource_path

SANS, SANS_BOLD, SANS_ITALIC, MONO = "PacketSans", "PacketSans-Bold", "PacketSans-Italic", \
    "PacketMono"

_FILES = {
    SANS: "NotoSans-Regular.ttf",
    SANS_BOLD: "NotoSans-Bold.ttf",
    SANS_ITALIC: "NotoSans-Italic.ttf",
    MONO: "DejaVuSansMono.ttf",
}


def register_fonts() -> None:
    """Register the packet fonts once per process (reportlab keeps a global registry)."""
    if SANS in pdfmetrics.getRegisteredFontNames():
        return
    for name, filename in _FILES.items():
        path = resource_path("resources", "fonts", filename)
        if not path.exists():
            raise ReviewError(f"the font {path} is missing from this installation; "
                              "reinstall reviewer_app to export packets.")
        pdfmetrics.registerFont(TTFont(name, str(path)))
    addMapping(SANS, 0, 0, SANS)
    addMapping(SANS, 1, 0, SANS_BOLD)
    addMapping(SANS, 0, 1, SANS_ITALIC)
    addMapping(SANS, 1, 1, SANS_BOLD)


def glyphs(font: str) -> dict[int, int]:
    """Code point -> glyph of one of the registered (TrueType) fonts."""
    register_fonts()
    return cast(TTFont, pdfmetrics.getFont(font)).face.charToGlyph


def covers(font: str, text: str) -> bool:
    """True when every character of ``text`` has a glyph in the registered ``font``."""
    chars = glyphs(font)
    return all(ord(ch) in chars or ch.isspace() for ch in text)
