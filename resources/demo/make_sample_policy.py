"""Build resources/demo/sample-policy.pdf, the fictional policy the demo review reads.

Run from the project root: ``.venv/bin/python resources/demo/make_sample_policy.py``.
The PDF is committed; re-run this only after changing ``policy_text.py`` (the demo review
is rebuilt automatically when the PDF's hash changes). The output is deterministic.
"""

from __future__ import annotations

import sys
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import policy_text as T  # noqa: E402

NAVY = colors.HexColor("#1F3A5F")
GREY = colors.HexColor("#5B6573")
FRONT_PAGES = 2  # cover and contents, labelled i and ii

BODY = ParagraphStyle("body", fontName="Times-Roman", fontSize=11, leading=14.5,
                      spaceAfter=7)
LIST = ParagraphStyle("list", parent=BODY, leftIndent=18, bulletIndent=6, spaceAfter=4)
H1 = ParagraphStyle("h1", fontName="Helvetica-Bold", fontSize=12.5, leading=16,
                    textColor=NAVY, spaceBefore=10, spaceAfter=5, keepWithNext=True)
H2 = ParagraphStyle("h2", fontName="Helvetica-Bold", fontSize=10.5, leading=14,
                    textColor=colors.black, spaceBefore=4, spaceAfter=3, keepWithNext=True)
CONTENTS = ParagraphStyle("contents", parent=H1, fontSize=16, leading=20, spaceAfter=10)
SMALL = ParagraphStyle("small", fontName="Helvetica", fontSize=9, leading=12, textColor=GREY)
COVER_TITLE = ParagraphStyle("ct", fontName="Helvetica-Bold", fontSize=24, leading=30,
                             alignment=TA_CENTER, textColor=NAVY)
COVER_SUB = ParagraphStyle("cs", fontName="Helvetica", fontSize=13, leading=18,
                           alignment=TA_CENTER, textColor=GREY)


class PolicyDoc(BaseDocTemplate):
    """Adds outline entries and contents lines for numbered section headings."""

    def afterFlowable(self, flowable) -> None:
        if isinstance(flowable, Paragraph) and flowable.style.name == "h1":
            text = flowable.getPlainText()
            key = "s" + text.split()[0].replace(".", "_")
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(text, key, level=0)
            self.notify("TOCEntry", (0, text, self.page - FRONT_PAGES, key))


def draw_seal(c, x: float, y: float, r: float) -> None:
    c.setStrokeColor(NAVY)
    c.setLineWidth(3)
    c.circle(x, y, r)
    c.setLineWidth(1)
    c.circle(x, y, r - 8)
    c.setFillColor(NAVY)
    c.setFont("Helvetica-Bold", 8)
    c.drawCentredString(x, y + 36, "CITY OF RIVERTON")
    c.drawCentredString(x, y - 44, "POLICE DEPARTMENT")
    # a six-pointed star drawn from two triangles
    import math
    for turn in (0, math.pi / 3):
        p = c.beginPath()
        for k in range(3):
            a = turn + math.pi / 2 + k * 2 * math.pi / 3
            pt = (x + 22 * math.cos(a), y + 22 * math.sin(a))
            p.moveTo(*pt) if k == 0 else p.lineTo(*pt)
        p.close()
        c.drawPath(p, fill=1, stroke=0)


def on_cover(c, doc) -> None:
    c.saveState()
    c.addPageLabel(0, style="ROMAN_LOWER", start=1)
    c.setFillColor(NAVY)
    c.rect(0, LETTER[1] - 0.55 * inch, LETTER[0], 0.55 * inch, fill=1, stroke=0)
    draw_seal(c, LETTER[0] / 2, LETTER[1] - 3.0 * inch, 76)
    c.restoreState()


def on_body(c, doc) -> None:
    c.saveState()
    n = doc.page - FRONT_PAGES
    if n == 1:
        c.addPageLabel(doc.page - 1, style="ARABIC", start=1)
    w, h = LETTER
    c.setStrokeColor(NAVY)
    c.setLineWidth(0.8)
    c.line(inch, h - 0.8 * inch, w - inch, h - 0.8 * inch)
    c.setFont("Helvetica-Bold", 8.5)
    c.setFillColor(NAVY)
    c.drawString(inch, h - 0.7 * inch, T.AGENCY.upper())
    c.setFont("Helvetica", 8.5)
    c.drawRightString(w - inch, h - 0.7 * inch, f"{T.ORDER} \u2013 {T.TITLE}")
    c.setStrokeColor(GREY)
    c.setLineWidth(0.4)
    c.line(inch, 0.8 * inch, w - inch, 0.8 * inch)
    c.setFillColor(GREY)
    c.drawString(inch, 0.62 * inch, f"Effective {T.EFFECTIVE} \u00b7 Supersedes GO 300 (2019)")
    c.drawRightString(w - inch, 0.62 * inch, f"Page {n}")
    c.restoreState()


def on_front(c, doc) -> None:
    on_cover_strip(c)


def on_cover_strip(c) -> None:
    c.saveState()
    c.setFillColor(NAVY)
    c.rect(0, LETTER[1] - 0.25 * inch, LETTER[0], 0.25 * inch, fill=1, stroke=0)
    c.restoreState()


def cover_story() -> list:
    facts = [["Order", "General Order 300"], ["Subject", T.TITLE],
             ["Effective", T.EFFECTIVE], ["Rescinds", "General Order 300 (June 1, 2019)"],
             ["Distribution", "All sworn and reserve personnel"],
             ["ORI", "XX0000000 (fictional)"], ["Approved", T.CHIEF]]
    table = Table(facts, colWidths=[1.4 * inch, 3.9 * inch])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (0, -1), "Helvetica-Bold", 10),
        ("FONT", (1, 0), (1, -1), "Helvetica", 10),
        ("TEXTCOLOR", (0, 0), (0, -1), NAVY),
        ("LINEBELOW", (0, 0), (-1, -2), 0.4, colors.HexColor("#C9D1DB")),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6), ("TOPPADDING", (0, 0), (-1, -1), 6)]))
    return [
        Spacer(1, 3.3 * inch),
        Paragraph(T.AGENCY, COVER_SUB), Spacer(1, 8),
        Paragraph(f"{T.ORDER}<br/>Response to Resistance<br/>and Use of Force", COVER_TITLE),
        Spacer(1, 0.45 * inch),
        table, Spacer(1, 0.6 * inch),
        Paragraph("This is a fictional sample policy written for the reviewer_app demonstration. "
                  "The Riverton Police Department, its people and its ORI do not exist; the text "
                  "is not the policy of any real agency and is not legal advice.", SMALL),
    ]


def body_story() -> list:
    story: list = []
    for kind, text in T.SECTIONS:
        if kind == "h1":
            story.append(Paragraph(text, H1))
        elif kind == "h2":
            story.append(Paragraph(text, H2))
        elif kind == "li":
            story.append(Paragraph(text, LIST, bulletText="\u2022"))
        else:
            story.append(Paragraph(text, BODY))
    story += [Spacer(1, 18), Paragraph(f"By order of<br/><b>{T.CHIEF}</b>", BODY)]
    return story


def build(out: Path) -> None:
    doc = PolicyDoc(str(out), pagesize=LETTER, title=f"{T.ORDER}: {T.TITLE}",
                    author=T.AGENCY, subject="Use of force policy (fictional sample)",
                    creator="reviewer_app resources/demo/make_sample_policy.py",
                    leftMargin=inch, rightMargin=inch, topMargin=1.05 * inch,
                    bottomMargin=1.05 * inch, invariant=1)
    frame = Frame(doc.leftMargin, doc.bottomMargin, doc.width, doc.height, id="f")
    doc.addPageTemplates([
        PageTemplate("cover", [frame], onPage=on_cover),
        PageTemplate("front", [frame], onPage=on_front),
        PageTemplate("body", [frame], onPage=on_body)])
    toc = TableOfContents(dotsMinLevel=0)
    toc.levelStyles = [ParagraphStyle("toc", fontName="Helvetica", fontSize=10.5, leading=17)]
    story = cover_story() + [NextPageTemplate("front"), PageBreak(),
                             Paragraph("Contents", CONTENTS), Spacer(1, 6), toc,
                             NextPageTemplate("body"), PageBreak()] + body_story()
    doc.multiBuild(story)


if __name__ == "__main__":
    target = HERE / "sample-policy.pdf"
    build(target)
    print(f"wrote {target}")
