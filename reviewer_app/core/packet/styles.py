"""Typography and colours of packet.pdf, in one place so every section looks alike."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch

from reviewer_app.core.packet.fonts import MONO, SANS, SANS_BOLD, SANS_ITALIC
from reviewer_app.core.packet.text_safety import esc, paragraphs  # noqa: F401 (re-exported)
from reviewer_app.core.vocabulary import Result

PAGE = LETTER
MARGIN_X = 0.85 * inch
MARGIN_TOP = 0.95 * inch
MARGIN_BOTTOM = 0.85 * inch
FRAME_WIDTH = PAGE[0] - 2 * MARGIN_X

INK = colors.HexColor("#1d2733")
MUTED = colors.HexColor("#5b6672")
RULE = colors.HexColor("#c9d0d8")
ACCENT = colors.HexColor("#1f3a5f")
PANEL = colors.HexColor("#f3f5f8")
QUOTE_BAR = colors.HexColor("#e0b325")
QUOTE_BG = colors.HexColor("#fbf8ec")
DRAFT = colors.HexColor("#b3261e")

# result -> (symbol, ink, tint); the symbol is set in the mono font, which has them all
RESULT_STYLE = {
    Result.MET: ("✓", colors.HexColor("#1e7b34"), colors.HexColor("#e4f3e8")),
    Result.PARTIAL: ("◐", colors.HexColor("#9a5b00"), colors.HexColor("#fcefd6")),
    Result.NOT_MET: ("✗", colors.HexColor("#b3261e"), colors.HexColor("#fbe5e3")),
    Result.NOT_APPLICABLE: ("–", colors.HexColor("#4a5a6e"), colors.HexColor("#e9edf2")),
    Result.NOT_ASSESSED: ("○", colors.HexColor("#6a6f76"), colors.HexColor("#f1f1f1")),
}
OUTCOME_STYLE = {
    "Certified": (colors.HexColor("#1e7b34"), colors.HexColor("#e4f3e8")),
    "Not certified": (colors.HexColor("#b3261e"), colors.HexColor("#fbe5e3")),
    "In process": (colors.HexColor("#9a5b00"), colors.HexColor("#fcefd6")),
}


def _style(name: str, **kw) -> ParagraphStyle:
    base = {"fontName": SANS, "fontSize": 9.5, "leading": 13.5, "textColor": INK,
            "alignment": TA_LEFT}
    return ParagraphStyle(name, **{**base, **kw})


def derive(parent: ParagraphStyle, **kw) -> ParagraphStyle:
    """A variant of ``parent`` with a few attributes changed."""
    return ParagraphStyle(f"{parent.name}+", parent=parent, **kw)


BODY = _style("body", spaceAfter=4)
BODY_TIGHT = _style("body_tight")
SMALL = _style("small", fontSize=8, leading=10.5)
SMALL_MUTED = _style("small_muted", fontSize=8, leading=10.5, textColor=MUTED)
CELL = _style("cell", fontSize=8.5, leading=11)
CELL_BOLD = _style("cell_bold", fontName=SANS_BOLD, fontSize=8.5, leading=11)
CELL_HEAD = _style("cell_head", fontName=SANS_BOLD, fontSize=7.5, leading=9.5,
                   textColor=ACCENT)
CELL_CENTER = _style("cell_center", fontSize=8.5, leading=11, alignment=TA_CENTER)
LABEL = _style("label", fontName=SANS_BOLD, fontSize=7.5, leading=10, textColor=MUTED)
MONO_SMALL = _style("mono_small", fontName=MONO, fontSize=7, leading=9.5)
H1 = _style("h1", fontName=SANS_BOLD, fontSize=16, leading=20, textColor=ACCENT,
            spaceAfter=10, keepWithNext=1)
H2 = _style("h2", fontName=SANS_BOLD, fontSize=12.5, leading=16, textColor=ACCENT,
            spaceBefore=4, spaceAfter=2, keepWithNext=1)
H3 = _style("h3", fontName=SANS_BOLD, fontSize=9.5, leading=12, textColor=INK,
            spaceBefore=8, spaceAfter=4, keepWithNext=1)
META = _style("meta", fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=8,
              keepWithNext=1)
QUOTE = _style("quote", fontSize=9.5, leading=13.5, textColor=INK)
EVIDENCE_HEAD = _style("evidence_head", fontSize=8.5, leading=11.5, textColor=MUTED,
                       spaceAfter=3)
NOTE = _style("note", fontName=SANS_ITALIC, fontSize=8.5, leading=11.5, textColor=MUTED)
TOC_1 = _style("toc1", fontName=SANS_BOLD, fontSize=9.5, leading=15, leftIndent=0)
TOC_2 = _style("toc2", fontSize=9, leading=13, leftIndent=14)

COVER_KICKER = _style("cover_kicker", fontName=SANS_BOLD, fontSize=9, leading=12,
                      textColor=MUTED)
COVER_BODY = _style("cover_body", fontName=SANS_BOLD, fontSize=12, leading=16, textColor=INK)
COVER_TITLE = _style("cover_title", fontName=SANS_BOLD, fontSize=24, leading=29,
                     textColor=ACCENT, spaceAfter=4)
COVER_SUB = _style("cover_sub", fontSize=11, leading=15, textColor=MUTED)
OUTCOME_WORD = _style("outcome_word", fontName=SANS_BOLD, fontSize=20, leading=24)
OUTCOME_TEXT = _style("outcome_text", fontSize=10, leading=14)


def hexc(color: colors.Color) -> str:
    return "#" + color.hexval()[2:]


def result_markup(result: Result, label: str, size: float = 8.5) -> str:
    symbol, ink, _ = RESULT_STYLE.get(result, RESULT_STYLE[Result.NOT_ASSESSED])
    return (f'<font name="{MONO}" size="{size + 1}" color="{hexc(ink)}">{symbol}</font>'
            f'&nbsp;<font name="{SANS_BOLD}" color="{hexc(ink)}">{esc(label)}</font>')
