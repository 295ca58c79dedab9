"""packet.pdf: page furniture (running header, "Page N of M" footer, draft watermark),
outline bookmarks and the contents, around the sections built in ``pdf_sections``.

reportlab lays the story out in several passes (``multiBuild``): the first learns the
page count and where each heading falls, the next prints them into the footer and the
table of contents. ``invariant`` keeps dates and ids out of the file, so the same review
gives the same PDF.
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO

from reportlab import rl_config
from reportlab.platypus import BaseDocTemplate, Frame, PageBreak, PageTemplate
from reportlab.platypus.flowables import Flowable
from reportlab.platypus.tableofcontents import TableOfContents

from reviewer_app import __version__
from reviewer_app.core.packet import styles as st
from reviewer_app.core.packet.annotate import pdf_date
from reviewer_app.core.packet.crops import Crop
from reviewer_app.core.packet.deficiencies import deficiencies_story
from reviewer_app.core.packet.flowables import Heading
from reviewer_app.core.packet.fonts import MONO, SANS, SANS_BOLD, register_fonts
from reviewer_app.core.packet.methodology import methodology_story
from reviewer_app.core.packet.model import PacketData
from reviewer_app.core.packet.pdf_appendix import appendix_story, signature_story
from reviewer_app.core.packet.pdf_sections import cover_story, items_story, summary_story
from reviewer_app.core.packet.text_safety import drawable, esc, plain_line


class PageTotal(Flowable):
    """Zero-size indexing flowable: holds the page count of the previous pass so the
    footer can say "of M"; the build repeats until the count stops changing."""

    def __init__(self):
        super().__init__()
        self.previous: int | None = None
        self.current: int | None = None

    def isIndexing(self) -> int:
        return 1

    def isSatisfied(self) -> bool:
        return self.previous is not None and self.previous == self.current

    def beforeBuild(self) -> None:
        self.previous = self.current

    def afterBuild(self) -> None:
        pass

    def notify(self, kind: str, stuff) -> None:
        if kind == "pageCount":
            self.current = stuff

    def wrap(self, *_):
        return 0, 0

    def draw(self) -> None:
        pass


class PacketDocTemplate(BaseDocTemplate):
    def __init__(self, buf: BytesIO, data: PacketData, total: PageTotal):
        info = data.info
        super().__init__(
            buf, pagesize=st.PAGE, leftMargin=st.MARGIN_X, rightMargin=st.MARGIN_X,
            topMargin=st.MARGIN_TOP, bottomMargin=st.MARGIN_BOTTOM,
            title=plain_line(f"Certification assessment report: {info.agency_name}"),
            author=plain_line(info.assessor or info.credentialing_body or "reviewer_app"),
            subject=plain_line(f"{data.standards.title} ({data.standards.edition}); "
                               f"packet {data.packet_id}"),
            creator=f"reviewer_app {__version__}", invariant=1, initialFontName=SANS)
        self.data, self.total = data, total
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._furniture,
                                            onPageEnd=self._watermark)])

    def afterFlowable(self, flowable) -> None:
        if isinstance(flowable, Heading):
            self.canv.bookmarkPage(flowable.key)
            self.canv.addOutlineEntry(flowable.outline, flowable.key, flowable.level,
                                      closed=False)
            if flowable.toc:
                # the contents sets each entry as markup: the outline is plain text
                self.notify("TOCEntry", (flowable.level, esc(flowable.outline), self.page,
                                         flowable.key))

    def afterPage(self) -> None:
        self.notify("pageCount", self.page)

    def _furniture(self, canv, doc) -> None:
        data = self.data
        w, h = st.PAGE
        canv.saveState()
        top = h - 0.55 * 72
        canv.setFillColor(st.MUTED)
        canv.setFont(SANS_BOLD, 7.5)
        canv.drawString(st.MARGIN_X, top, _fit(canv, data.info.agency_name, SANS_BOLD, 7.5,
                                               w * 0.5))
        canv.setFont(SANS, 7.5)
        right = f"Packet {data.packet_id}" + ("  ·  DRAFT" if data.is_draft else "")
        canv.drawRightString(w - st.MARGIN_X, top, right)
        canv.setStrokeColor(st.RULE)
        canv.setLineWidth(0.6)
        canv.line(st.MARGIN_X, top - 5, w - st.MARGIN_X, top - 5)
        bottom = 0.5 * 72
        canv.line(st.MARGIN_X, bottom + 11, w - st.MARGIN_X, bottom + 11)
        canv.setFont(SANS, 7.5)
        left = f"Certification assessment report  ·  {data.standards.title}"
        canv.drawString(st.MARGIN_X, bottom, _fit(canv, left, SANS, 7.5, w * 0.62))
        total = self.total.previous
        page = f"Page {doc.page} of {total}" if total else f"Page {doc.page}"
        canv.setFont(SANS_BOLD, 7.5)
        canv.drawRightString(w - st.MARGIN_X, bottom, page)
        canv.restoreState()

    def _watermark(self, canv, doc) -> None:
        """A faint diagonal DRAFT over every page of an incomplete review's packet."""
        if not self.data.is_draft:
            return
        w, h = st.PAGE
        canv.saveState()
        canv.setFillColor(st.DRAFT, alpha=0.06)
        canv.setFont(SANS_BOLD, 110)
        canv.translate(w / 2, h / 2)
        canv.rotate(45)
        canv.drawCentredString(0, -40, "DRAFT")
        canv.restoreState()


def _fit(canv, text: str, font: str, size: float, width: float) -> str:
    text = drawable(plain_line(text, 400), font)
    if canv.stringWidth(text, font, size) <= width:
        return text
    while len(text) > 8 and canv.stringWidth(text, font, size) > 2 * width:
        text = text[:len(text) // 2]
    while text and canv.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def contents() -> TableOfContents:
    toc = TableOfContents(dotsMinLevel=0)
    toc.levelStyles = [st.TOC_1, st.TOC_2]
    return toc


def build_report(data: PacketData, crops: dict[int, list[Crop]], appendix_files: list[dict],
                 progress: Callable[[str], None] | None = None) -> tuple[bytes, int]:
    """Lay out the whole report; returns the PDF bytes and its page count."""
    register_fonts()
    total = PageTotal()
    story: list = [total]
    story += cover_story(data)
    story += summary_story(data, contents())
    story += deficiencies_story(data) + methodology_story(data) + [PageBreak()]
    story += items_story(data, crops)
    story += signature_story(data)
    story += appendix_story(data, appendix_files)
    buf = BytesIO()
    doc = PacketDocTemplate(buf, data, total)
    if progress:
        doc.setProgressCallBack(lambda kind, value: kind == "PASS" and progress(
            f"Laying out the report (pass {value})"))
    # binary image streams: reportlab's pure-Python ASCII85 encoding of the evidence
    # images would take most of the export time
    saved, rl_config.useA85 = rl_config.useA85, 0
    try:
        doc.multiBuild(story)
    finally:
        rl_config.useA85 = saved
    return stamp_dates(buf.getvalue(), data.last_change_at), total.current or 0


INVARIANT_DATE = b"D:20000101000000+00'00'"  # what reportlab writes in invariant mode


def stamp_dates(pdf: bytes, iso: str) -> bytes:
    """The packet's real creation date (the review's last change, so the same review still
    gives the same bytes) in place of reportlab's fixed 2000-01-01: same length, so the
    cross-reference offsets stay valid."""
    real = pdf_date(iso)
    if not real:
        return pdf
    stamp = f"{real[:-1]}+00'00'".encode()
    return pdf.replace(INVARIANT_DATE, stamp) if len(stamp) == len(INVARIANT_DATE) else pdf


__all__ = ["build_report", "MONO"]
