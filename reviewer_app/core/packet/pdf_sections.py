"""The body of packet.pdf: cover, contents and summary of findings, one section per item."""

from __future__ import annotations

from io import BytesIO

from reportlab.lib.units import inch
from reportlab.platypus import (
    CondPageBreak,
    Image,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from reviewer_app.core.checklist.determination import label_status, outcome_label
from reviewer_app.core.packet import styles as st
from reviewer_app.core.packet.crops import Crop
from reviewer_app.core.packet.flowables import Heading, OutlineMark
from reviewer_app.core.packet.model import EvidenceView, ItemView, PacketData
from reviewer_app.core.packet.review_chain import review_chain, second_review_text
from reviewer_app.core.packet.styles import esc, result_markup
from reviewer_app.core.packet.text_safety import chunks, cut
from reviewer_app.core.vocabulary import Result

MAX_IMAGE_HEIGHT = 3.0 * inch
LINE = 300  # characters of a name or title shown before it is cut with a visible mark
IMAGE_INDENT = 10


def long_date(iso_day) -> str:
    return f"{iso_day:%B} {iso_day.day}, {iso_day.year}"


def outcome_sentence(data: PacketData) -> str:
    n = len(data.standards.mandatory_items)
    all_of = "both" if n == 2 else f"all {n}"
    if data.outcome_status == "Certified" and data.blockers:
        text = (f"The findings record {all_of} mandatory conditions as met, but the review "
                "does not yet support a determination (see the reasons above).")
    elif data.outcome_status == "Certified" and data.is_draft:
        text = (f"The agency meets {all_of} mandatory conditions. Certification takes effect "
                "only when the review is complete and signed.")
    elif data.outcome_status == "Certified" and not data.signed_off:
        text = (f"The assessor recommends certification: the findings record {all_of} "
                "mandatory conditions as met. The determination, and the "
                f"{data.standards.certification_months} months of certification, start when "
                "the approving official signs off.")
    elif data.outcome_status == "Certified":
        text = (f"The agency meets {all_of} mandatory conditions and is certified for "
                f"{data.standards.certification_months} months")
        text += f", until {long_date(data.expiry_date)}." if data.expiry_date else "."
    elif data.outcome_status == "Not certified" and not data.signed_off:
        text = (f"The assessor recommends against certification: the agency does not meet "
                f"{all_of} mandatory conditions. The determination is made when the "
                "approving official signs off.")
    elif data.outcome_status == "Not certified":
        text = (f"The agency does not meet {all_of} mandatory conditions, so it cannot be "
                "certified on this review.")
    else:
        text = ("No determination yet: not every mandatory condition has been found met "
                "or not met.")
    if data.not_assessed:
        text += (f" This packet is a draft: {data.not_assessed} of {data.total} items are "
                 "not yet assessed.")
    elif data.is_draft:
        text += " This packet is a draft."
    return text


# -- cover -------------------------------------------------------------------------------
def cover_story(data: PacketData) -> list:
    info, s = data.info, data.standards
    body = cut(info.credentialing_body or "Independent credentialing body", LINE)
    agency_line = cut(" · ".join(x for x in (
        f"ORI {info.agency_ori}" if info.agency_ori else "ORI not recorded",
        f"State {info.agency_state}" if info.agency_state else "") if x), LINE)
    story: list = [OutlineMark("Cover", "cover"), Spacer(1, 0.35 * inch),
                   Paragraph("CERTIFICATION ASSESSMENT REPORT", st.COVER_KICKER),
                   Spacer(1, 2), Paragraph(esc(body), st.COVER_BODY),
                   Spacer(1, 0.32 * inch),
                   Paragraph(esc(cut(info.agency_name, LINE)), st.COVER_TITLE),
                   Paragraph(esc(agency_line), st.COVER_SUB), Spacer(1, 6),
                   Paragraph(f"Assessed against the <b>{esc(cut(s.title, LINE))}</b>, edition "
                             f"{esc(cut(s.edition, LINE))} ({esc(cut(s.publisher, LINE))})",
                             st.COVER_SUB),
                   Spacer(1, 0.3 * inch)]
    if data.is_draft:
        story += [_draft_banner(data), Spacer(1, 0.18 * inch)]
    story += [_outcome_panel(data), Spacer(1, 0.3 * inch), _facts_table(data)]
    story.append(PageBreak())
    return story


def _draft_banner(data: PacketData) -> Table:
    head = (f"Draft: {data.not_assessed} of {data.total} items not assessed."
            if data.not_assessed else "Draft.")
    text = (f"<b>{head}</b> This packet records work in progress and is not a certification "
            "determination. It cannot be final because:")
    ink = st.derive(st.BODY_TIGHT, textColor=st.DRAFT, fontSize=10, leading=14)
    reasons = data.blockers or (f"{data.not_assessed} of {data.total} items are not "
                                "assessed.",)
    small = st.derive(ink, fontSize=9, leading=12, leftIndent=10, firstLineIndent=-8)
    rows = [[Paragraph(text, ink)]] + [[Paragraph(f"•&nbsp;&nbsp;{esc(cut(r, 2 * LINE))}",
                                                  small)] for r in reasons]
    t = Table(rows, colWidths=[st.FRAME_WIDTH])
    t.setStyle(TableStyle([
        ("BOX", (0, 0), (-1, -1), 1.2, st.DRAFT),
        ("BACKGROUND", (0, 0), (-1, -1), st.RESULT_STYLE[Result.NOT_MET][2]),
        ("LEFTPADDING", (0, 0), (-1, -1), 10), ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 7), ("BOTTOMPADDING", (0, 0), (-1, -1), 8)]))
    return t


def _outcome_panel(data: PacketData) -> Table:
    shown = outcome_label(data.outcome_status, data.assessed, data.total, data.is_draft,
                          data.signed_off)
    ink, tint = st.OUTCOME_STYLE.get(label_status(shown), (st.INK, st.PANEL))
    word = st.derive(st.OUTCOME_WORD, textColor=ink)
    label = ("PROVISIONAL OUTCOME (DRAFT)" if data.is_draft else "CERTIFICATION OUTCOME"
             if data.signed_off else "ASSESSOR'S RECOMMENDATION (AWAITING SIGN-OFF)")
    rows = [[Paragraph(label, st.LABEL)],
            [Paragraph(esc(shown.upper()), word)],
            [Paragraph(esc(outcome_sentence(data)), st.OUTCOME_TEXT)]]
    for reason in data.outcome_reasons:
        rows.append([Paragraph(f"•&nbsp;&nbsp;{esc(cut(reason, 2 * LINE))}", st.derive(
            st.BODY_TIGHT, fontSize=9, leading=12.5, leftIndent=10, firstLineIndent=-8))])
    t = Table(rows, colWidths=[st.FRAME_WIDTH])
    t.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), tint),
        ("LINEBEFORE", (0, 0), (0, -1), 4, ink),
        ("LEFTPADDING", (0, 0), (-1, -1), 14), ("RIGHTPADDING", (0, 0), (-1, -1), 12),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ("TOPPADDING", (0, 0), (-1, 0), 10), ("BOTTOMPADDING", (0, -1), (-1, -1), 11),
        ("BOTTOMPADDING", (0, 2), (-1, 2), 5)]))
    return t


def _facts_table(data: PacketData) -> Table:
    expiry = data.expiry_date
    if expiry:
        valid = long_date(expiry)
    elif data.is_draft:
        valid = "Not applicable (draft)"
    elif not data.signed_off:
        valid = "Not applicable (awaiting sign-off)"
    else:
        valid = "Not applicable (not certified)"
    if data.signed_off and not data.is_draft:
        determination = (f"{long_date(data.determination_date)} (signed off by "
                         f"{data.stage.signed_by})")
    elif data.is_draft:
        determination = f"None yet; findings as of {long_date(data.determination_date)}"
    else:
        determination = (f"None yet (awaiting sign-off); findings as of "
                         f"{long_date(data.determination_date)}")
    counts = ", ".join(f"{n} {label.lower()}" for label, n in _result_counts(data) if n)
    rows = [
        *review_chain(data),
        ("Determination date", determination),
        ("Certification valid until", valid),
        ("Items assessed", f"{data.assessed} of {data.total} ({counts})"),
        ("Documents reviewed", _document_list(data)),
        ("Evidence", f"{data.evidence_count} clause(s) from {len(data.cited_documents)} of "
                     f"{len(data.documents)} document(s)"),
        ("Packet identifier", data.packet_id),
    ]
    t = Table([[Paragraph(esc(k).upper(), st.LABEL), Paragraph(esc(cut(v, 4 * LINE)),
                                                                st.BODY_TIGHT)]
               for k, v in rows], colWidths=[1.9 * inch, st.FRAME_WIDTH - 1.9 * inch])
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, st.RULE),
        ("LINEABOVE", (0, 0), (-1, 0), 0.5, st.RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (0, -1), 7)]))
    return t


def _document_list(data: PacketData) -> str:
    titles = [cut(d.title, LINE) for d in data.documents]
    if len(titles) > 4:
        titles = titles[:3] + [f"and {len(titles) - 3} more (Appendix A)"]
    return "; ".join(titles) or "None"


def _result_counts(data: PacketData) -> list[tuple[str, int]]:
    return [(r.label, sum(1 for i in data.items if i.result == r)) for r in Result]


# -- contents and summary ----------------------------------------------------------------
def summary_story(data: PacketData, toc) -> list:
    story: list = [Heading("Contents", st.H1, "contents", toc=False), toc, PageBreak(),
                   Heading("Summary of findings", st.H1, "summary"),
                   Paragraph("The mandatory conditions decide certification. The discretionary "
                             "principles are assessed and reported, but do not decide it.",
                             st.BODY), Spacer(1, 6)]
    story += [Paragraph("MANDATORY CONDITIONS", st.LABEL), Spacer(1, 3),
              _summary_table(data.mandatory_items, None, st.ACCENT), Spacer(1, 16)]
    if data.discretionary_items:
        story += [Paragraph("DISCRETIONARY PRINCIPLES", st.LABEL), Spacer(1, 3),
                  _summary_table(data.discretionary_items, data, st.ACCENT), Spacer(1, 10)]
    legend = "&nbsp;&nbsp;&nbsp;".join(result_markup(r, r.label, 7.5) for r in Result)
    story += [Paragraph(legend, st.SMALL), PageBreak()]
    return story


def _summary_table(items: list[ItemView], grouped: PacketData | None, bar) -> Table:
    widths = [0.55 * inch, None, 1.45 * inch, 0.75 * inch]
    widths[1] = st.FRAME_WIDTH - sum(w for w in widths if w)
    rows: list[list]  # of Paragraphs and the empty strings a spanned row needs
    style: list[tuple]
    rows = [[Paragraph("CODE", st.CELL_HEAD), Paragraph("ITEM", st.CELL_HEAD),
             Paragraph("RESULT", st.CELL_HEAD), Paragraph("EVIDENCE", st.CELL_HEAD)]]
    style = [("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
             ("LINEBELOW", (0, 0), (-1, 0), 1, bar),
             ("TOPPADDING", (0, 0), (-1, -1), 4.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
             ("ALIGN", (3, 0), (3, -1), "CENTER")]
    category = None
    for iv in items:
        if grouped is not None and iv.category and iv.category.id != category:
            category = iv.category.id
            rows.append([Paragraph(esc(cut(iv.category.title, LINE)), st.CELL_BOLD), "", "",
                         ""])
            n = len(rows) - 1
            style += [("SPAN", (0, n), (-1, n)), ("BACKGROUND", (0, n), (-1, n), st.PANEL),
                      ("TOPPADDING", (0, n), (-1, n), 6)]
        rows.append([Paragraph(f"<b>{esc(cut(iv.item.code, 12))}</b>", st.CELL),
                     Paragraph(esc(cut(iv.item.title, 2 * LINE)), st.CELL),
                     Paragraph(result_markup(iv.result, iv.result_label), st.CELL),
                     Paragraph(str(len(iv.evidence)), st.CELL_CENTER)])
        n = len(rows) - 1
        style += [("BACKGROUND", (2, n), (2, n), st.RESULT_STYLE[iv.result][2]),
                  ("LINEBELOW", (0, n), (-1, n), 0.4, st.RULE)]
    t = Table(rows, colWidths=widths, repeatRows=1)
    t.setStyle(TableStyle(style))
    return t


# -- one section per item ----------------------------------------------------------------
def items_story(data: PacketData, crops: dict[int, list[Crop]]) -> list:
    story: list = []
    for n, iv in enumerate(data.items):
        if n:
            story.append(CondPageBreak(2.6 * inch))
        section = _item_section(iv, crops, second_review_text(data, iv.item.id))
        if not n:  # the part heading stays with the first item, never alone on a page
            section[0] = KeepTogether([Heading("Findings by item", st.H1, "items")]
                                      + list(section[0]._content))
        story += section
    story.append(PageBreak())
    return story


def _item_section(iv: ItemView, crops: dict[int, list[Crop]], second: str = "") -> list:
    item = iv.item
    kind = "Mandatory condition" if item.mandatory else "Discretionary principle"
    meta = kind + (f" · {esc(cut(iv.category.title, LINE))}" if iv.category else "")
    if item.references:
        meta += " · " + esc(cut("; ".join(item.references), 2 * LINE))
    result = result_markup(iv.result, iv.result_label, 9.5)
    if iv.needs_rereview:
        result += '&nbsp;&nbsp;<font color="#9a5b00">(evidence changed; re-review needed)</font>'
    # long text gets one table row per chunk: a row cannot split across pages
    requirement = [Paragraph(esc(c), st.BODY_TIGHT) for c in chunks(item.requirement)]
    rationale = ([Paragraph(st.paragraphs(c), st.BODY_TIGHT) for c in chunks(iv.rationale)]
                 if iv.rationale.strip() else [Paragraph("No rationale recorded.", st.NOTE)])
    rows = _labelled("REQUIREMENT", requirement)
    result_row = len(rows)
    rows += _labelled("RESULT", [Paragraph(result, st.BODY_TIGHT)])
    rationale_row = len(rows)
    rows += _labelled("RATIONALE", rationale)
    second_row = len(rows)
    if second:  # the two reviewers disagreed: both, and how it was settled
        rows += _labelled("SECOND REVIEW", [Paragraph(st.paragraphs(c), st.BODY_TIGHT)
                                            for c in chunks(second)])
    t = Table(rows, colWidths=[1.05 * inch, st.FRAME_WIDTH - 1.05 * inch])
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (0, -1), 5.5),
        ("LINEABOVE", (0, result_row), (-1, result_row), 0.4, st.RULE),
        ("LINEABOVE", (0, rationale_row), (-1, rationale_row), 0.4, st.RULE),
        ("BACKGROUND", (1, result_row), (1, result_row), st.RESULT_STYLE[iv.result][2]),
        ("LEFTPADDING", (1, result_row), (1, result_row), 6)]
        + _joined(range(1, result_row)) + _joined(range(rationale_row + 1, second_row))
        + ([("LINEABOVE", (0, second_row), (-1, second_row), 0.4, st.RULE)]
           + _joined(range(second_row + 1, len(rows))) if second else [])))
    title = (f"{esc(cut(item.code, 12))}&nbsp;&nbsp;·&nbsp;&nbsp;"
             f"{esc(cut(item.title, 2 * LINE))}")
    head: list = [Heading(title, st.derive(st.H2, spaceBefore=20), f"item-{item.id}",
                          level=1, outline=f"{item.code}  {item.title}"),
                  Paragraph(meta, st.META), t]
    if not iv.evidence:
        return [KeepTogether(head + [Spacer(1, 8), Paragraph(
            "No evidence clause is linked to this item.", st.NOTE)])]
    label = Paragraph(f"EVIDENCE ({len(iv.evidence)})", st.derive(
        st.LABEL, spaceBefore=10, spaceAfter=5))
    blocks = [_evidence_block(ev, crops.get(ev.evidence.id, [])) for ev in iv.evidence]
    # the item's head stays with its first evidence, so no heading is left alone
    return [KeepTogether(head + [label] + blocks[0])] + [KeepTogether(b) for b in blocks[1:]]


def _evidence_block(ev: EvidenceView, crops: list[Crop]) -> list:
    e = ev.evidence
    where = [f"<b>{esc(cut(ev.doc.title, LINE))}</b>", f"page {esc(cut(ev.page_labels(), 60))}"]
    if ev.section:
        where.append(f"§&nbsp;{esc(cut(ev.section, LINE))}")
    head = f"<b>Evidence {ev.number}</b>&nbsp;&nbsp;·&nbsp;&nbsp;" + \
           "&nbsp;&nbsp;·&nbsp;&nbsp;".join(where)
    parts: list = [Paragraph(head, st.EVIDENCE_HEAD)]
    if not ev.intact:
        parts.append(Paragraph(
            f"Anchor status: {esc(cut(e.status, 40))}. The clause no longer matches the document "
            "text exactly; it is shown as recorded.", st.derive(
                st.NOTE, textColor=st.RESULT_STYLE[Result.PARTIAL][1])))
    if e.kind == "text":
        parts.append(_quote_box(e.exact))
    else:
        parts.append(Paragraph("Marked area of the page (no text layer); see the image.",
                               st.NOTE))
    for crop in crops:
        parts += [Spacer(1, 5), _crop_image(crop, ev)]
    if e.note.strip():
        parts += [Spacer(1, 3), Paragraph(f"Assessor's note: {st.paragraphs(e.note)}",
                                          st.NOTE)]
    parts.append(Spacer(1, 12))
    return parts


def _quote_box(text: str) -> Table:
    t = Table([[Paragraph(esc(c), st.QUOTE)] for c in chunks(text)],
              colWidths=[st.FRAME_WIDTH])
    t.setStyle(TableStyle([
        ("BACKGROUND", (0, 0), (-1, -1), st.QUOTE_BG),
        ("LINEBEFORE", (0, 0), (0, -1), 3, st.QUOTE_BAR),
        ("LEFTPADDING", (0, 0), (-1, -1), 10), ("RIGHTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, 0), 6), ("BOTTOMPADDING", (0, -1), (-1, -1), 7),
        ("TOPPADDING", (0, 1), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -2), 0)]))
    return t


def _joined(rows: range) -> list[tuple]:
    """Style that runs continuation rows on from the row above without a gap."""
    return [cmd for n in rows for cmd in (("TOPPADDING", (0, n), (-1, n), 0),
                                          ("BOTTOMPADDING", (0, n - 1), (-1, n - 1), 0))]


def _labelled(label: str, cells: list) -> list[list]:
    """Rows of a label and its text, the label on the first row only."""
    return [[Paragraph(label, st.LABEL) if n == 0 else "", cell] for n, cell in enumerate(cells)]


def _crop_image(crop: Crop, ev: EvidenceView) -> Table:
    max_w = st.FRAME_WIDTH - 2 * IMAGE_INDENT
    scale = min(max_w / crop.width, MAX_IMAGE_HEIGHT / crop.height, 1.0)
    img = Image(BytesIO(crop.jpeg), width=crop.width * scale, height=crop.height * scale)
    label = ev.doc.page_label(crop.page)
    physical = "" if label == str(crop.page + 1) else f" (PDF page {crop.page + 1})"
    caption = Paragraph(f"{esc(cut(ev.doc.title, LINE))}, page {esc(cut(label, 60))}"
                        f"{physical}: the linked clause as it appears on the page, "
                        "highlighted.", st.SMALL_MUTED)
    t = Table([[img], [caption]], colWidths=[st.FRAME_WIDTH])
    t.setStyle(TableStyle([
        ("ALIGN", (0, 0), (-1, 0), "CENTER"),
        ("BOX", (0, 0), (0, 0), 0.5, st.RULE),
        ("TOPPADDING", (0, 0), (-1, 0), 6), ("BOTTOMPADDING", (0, 0), (-1, 0), 6),
        ("TOPPADDING", (0, 1), (-1, 1), 3), ("LEFTPADDING", (0, 1), (-1, 1), 0)]))
    return t
