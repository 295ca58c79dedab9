"""Flowables the packet's sections share with the page layout: headings that become
bookmarks and contents entries, and invisible bookmarks.

Kept apart from ``pdf_document`` so that the sections and the document template do
not import each other.
"""

from __future__ import annotations

from reportlab.platypus import Paragraph
from reportlab.platypus.flowables import Flowable

from reviewer_app.core.packet.text_safety import plain_line


class Heading(Paragraph):
    """A paragraph that also becomes a bookmark and, optionally, a contents entry."""

    def __init__(self, text: str, style, key: str, level: int = 0,
                 outline: str | None = None, toc: bool = True):
        super().__init__(text, style)
        self.key, self.level, self.toc = key, level, toc
        self.outline = plain_line(outline or self.getPlainText())  # plain: escaped in the TOC


class OutlineMark(Flowable):
    """An invisible bookmark (for the cover, which has no heading paragraph)."""

    def __init__(self, title: str, key: str, level: int = 0):
        super().__init__()
        self.title, self.key, self.level = plain_line(title), key, level

    def wrap(self, *_):
        return 0, 0

    def draw(self) -> None:
        self.canv.bookmarkPage(self.key)
        self.canv.addOutlineEntry(self.title, self.key, self.level, closed=False)
