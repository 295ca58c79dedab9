"""Text from a review, a standards set or a PDF, made safe for packet.pdf.

reportlab reads every Paragraph as markup: ``<font>``, ``<a href>``, ``<img src>`` and
entities are obeyed, and unbalanced tags raise. So every piece of outside text goes
through ``esc`` (never straight into a Paragraph), which also drops control characters and
lone surrogates. A table row cannot split across pages, so text that could be longer than
a page reaches a table through ``chunks`` (one row per piece) or ``cut`` (a visible mark
where the text stops): an over-long rationale or quote flows on, it never fails export.
"""

from __future__ import annotations

import re
import unicodedata
from xml.sax.saxutils import escape

from reviewer_app.core.packet.fonts import MONO

# C0 controls except tab and newline, DEL, C1 controls; lone surrogates cannot be encoded
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
CHUNK = 1200  # characters per table row of long text (well under one page)
CUT_MARK = "… [{n} more characters not shown]"


def clean(text: object) -> str:
    """``text`` as a str without control characters (tab and newline kept) or surrogates;
    other invisible format characters (bidi overrides) are dropped too."""
    s = _CONTROL.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n"))
    if s.isascii():
        return s
    return "".join(ch for ch in s if unicodedata.category(ch) != "Cf" or ch in "\u200b\u00ad")


def esc(text: object) -> str:
    """Text made safe for reportlab's paragraph markup: cleaned, escaped, and characters
    Noto Sans lacks but DejaVu Sans Mono has (arrows, box drawing...) set in the latter.
    A character neither font has (an emoji) would print as an empty box and read back as a
    control code, and so would U+FFFD (readers take it for "unknown"): both become "?"."""
    s = clean(text)
    if s.isascii():
        return escape(s)
    sans, mono = _faces()
    out: list[str] = []
    for ch in s:
        code = ord(ch)
        if code == 0xFFFD or (code not in sans and code not in mono and not ch.isspace()):
            out.append("?")
        elif code not in sans and code in mono:
            out.append(f'<font name="{MONO}">{escape(ch)}</font>')
        else:
            out.append(escape(ch))
    return "".join(out)


def paragraphs(text: object) -> str:
    """Escaped text whose line breaks survive (reportlab joins lines otherwise)."""
    return "<br/>".join(esc(line) for line in clean(text).strip().splitlines())


def cut(text: object, limit: int) -> str:
    """``text`` (cleaned) up to ``limit`` characters; beyond, a visible mark says how much
    was left out. The cut falls at a space when there is one near the end."""
    s = clean(text)
    if len(s) <= limit:
        return s
    head = s[:limit]
    space = head.rfind(" ")
    if space > limit * 0.8:
        head = head[:space]
    return head.rstrip() + CUT_MARK.format(n=len(s) - len(head.rstrip()))


def chunks(text: object, size: int = CHUNK) -> list[str]:
    """``text`` (cleaned) in pieces of at most ``size`` characters, split at line breaks
    or spaces where possible, so each fits in one table row on one page."""
    s = clean(text).strip()
    out: list[str] = []
    while len(s) > size:
        head = s[:size]
        # a paragraph break, else a sentence end, else a space, in the second half
        at = next((i for i in (head.rfind("\n"), _sentence_end(head), head.rfind(" "))
                   if i >= size // 2), size)
        out.append(s[:at].rstrip())
        s = s[at:].lstrip()
    if s or not out:
        out.append(s)
    return out


def _sentence_end(text: str) -> int:
    return max(text.rfind(". "), text.rfind("? "), text.rfind("! ")) + 1 or -1


def plain_line(text: object, limit: int = 300) -> str:
    """One line of plain (not markup) text for page furniture, outlines and metadata."""
    return cut(re.sub(r"\s*[\n\t]\s*", " ", clean(text)).strip(), limit)


def drawable(text: str, font: str) -> str:
    """Plain text for drawing in ``font`` on a page (headers, footers): a character the
    font lacks, or U+FFFD, becomes "?" (it would read back as a control code)."""
    if text.isascii():
        return text
    from reviewer_app.core.packet.fonts import glyphs

    have = glyphs(font)
    return "".join("?" if ord(ch) == 0xFFFD or (ord(ch) not in have and not ch.isspace())
                   else ch for ch in text)


def _faces() -> tuple[dict[int, int], dict[int, int]]:
    from reviewer_app.core.packet.fonts import SANS, glyphs

    return glyphs(SANS), glyphs(MONO)
