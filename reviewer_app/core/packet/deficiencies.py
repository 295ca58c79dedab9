"""Summary of deficiencies, near the front of packet.pdf: every item found Partially met or
Not met, with the assessor's rationale and what the agency must do or send, in one place a
credentialing body reads before the item-by-item findings."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import KeepTogether, Paragraph, Spacer, Table, TableStyle

from reviewer_app.core.packet import styles as st
from reviewer_app.core.packet.flowables import Heading
from reviewer_app.core.packet.model import ItemView, PacketData
from reviewer_app.core.packet.styles import esc, result_markup
from reviewer_app.core.packet.text_safety import chunks, cut, paragraphs

LINE = 300  # characters of a name or title shown before it is cut with a visible mark

DEFICIENT = ("not_met", "partial")


def deficient_items(data: PacketData) -> list[ItemView]:
    """Partial and Not met items, mandatory first (the packet's item order)."""
    return [iv for iv in data.items if iv.result in DEFICIENT]


def corrective_action(iv: ItemView) -> str:
    """What to request of the agency: a written policy that meets the item's requirement."""
    verb = "Adopt" if iv.result == "not_met" and not iv.evidence else "Revise"
    return (f"{verb} a written policy that meets the requirement, and send the signed, "
            f"effective directive. Request: the agency's written policy on "
            f"{cut(iv.item.title, LINE).lower()}.")


def deficiencies_story(data: PacketData) -> list:
    items = deficient_items(data)
    story: list = [Heading("Summary of deficiencies", st.H1, "deficiencies")]
    if not items:
        story += [Paragraph("No item is found Partially met or Not met.", st.BODY),
                  Spacer(1, 12)]
        return story
    story.append(Paragraph(
        f"{len(items)} item(s) found Partially met or Not met, with the assessor's reasons "
        "and the corrective action or document to request from the agency.", st.BODY))
    for iv in items:
        # a table row cannot split across pages: a long rationale takes several rows
        why = ([paragraphs(piece) for piece in chunks(iv.rationale)] if iv.rationale.strip()
               else ["<i>No rationale recorded: the finding is not yet supported.</i>"])
        kind = "mandatory condition" if iv.item.mandatory else "discretionary principle"
        title = (f"<b>{esc(cut(iv.item.code, 12))}&nbsp;&nbsp;{esc(cut(iv.item.title, LINE))}"
                 f"</b> ({kind})"
                 f"&nbsp;&nbsp;&nbsp;{result_markup(iv.result, iv.result_label)}")
        rows: list[list[Any]] = [[Paragraph(title, st.BODY_TIGHT), ""],
                *([Paragraph("WHY" if n == 0 else "", st.LABEL), Paragraph(w, st.BODY_TIGHT)]
                  for n, w in enumerate(why)),
                [Paragraph("TO REQUEST", st.LABEL),
                 Paragraph(esc(corrective_action(iv)), st.BODY_TIGHT)]]
        t = Table(rows, colWidths=[1.1 * 72, st.FRAME_WIDTH - 1.1 * 72])
        t.setStyle(TableStyle([
            ("SPAN", (0, 0), (1, 0)), ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, 0), st.RESULT_STYLE[iv.result][2]),
            ("LINEBELOW", (0, -1), (-1, -1), 0.5, st.RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]))
        story += [Spacer(1, 6), KeepTogether([t]) if len(why) == 1 else t]
    story.append(Spacer(1, 14))
    return story
