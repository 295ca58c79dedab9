"""The closing parts of packet.pdf: signatures and attestation, documents with their
hashes, the packet's other files, the review log and the disclaimer."""

from __future__ import annotations

from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table, TableStyle

from reviewer_app import __version__
from reviewer_app.core.packet import styles as st
from reviewer_app.core.packet.flowables import Heading
from reviewer_app.core.packet.model import PacketData
from reviewer_app.core.packet.styles import esc


def _when(iso: str) -> str:
    return iso.replace("T", " ").replace("Z", "")[:16]


def _grid(rows: list[list], widths: list[float]) -> Table:
    """A ruled table whose first row is a header repeated on every page."""
    t = Table(rows, colWidths=widths, repeatRows=1)
    t.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4), ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, st.RULE),
        ("LINEBELOW", (0, 0), (-1, 0), 1, st.ACCENT)]))
    return t


def _change(entry) -> str:
    """The log line, with the page and the start of the quote for linked evidence."""
    text = esc(entry.summary)
    quote = " ".join(str(entry.payload.get("exact") or "").split())
    if entry.action in ("add_evidence", "remove_evidence") and quote:
        short = quote if len(quote) <= 44 else quote[:43].rsplit(" ", 1)[0] + "…"
        page = entry.payload.get("page")
        where = f"p. {page}: " if page else ""
        text += f' <font color="{st.hexc(st.MUTED)}">({where}“{esc(short)}”)</font>'
    return text


# -- signatures --------------------------------------------------------------------------
def signature_story(data: PacketData) -> list:
    info = data.info
    statement = (
        "The assessor reviewed the written policies listed in Appendix A against the "
        f"{esc(data.standards.title)} and recorded the findings in this report. The approving "
        "official of the credentialing body confirms the determination stated on the cover.")
    blocks = Table([[_signature_block("Assessor", info.assessor),
                     _signature_block("Approving official", "")]],
                   colWidths=[st.FRAME_WIDTH / 2] * 2)
    blocks.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (0, -1), 18)]))
    ori = f" (ORI {esc(info.agency_ori)})" if info.agency_ori else ""
    attestation = (
        f"The head of {esc(info.agency_name)}{ori} must submit a signed, legally binding "
        "attestation on agency letterhead that the agency's use-of-force policies meet the "
        "mandatory conditions. It is filed with this packet by the credentialing body.")
    att = Table([[Paragraph(label, st.LABEL), ""] for label in (
        "ATTESTATION REFERENCE", "DATED", "RECEIVED BY THE CREDENTIALING BODY ON",
        "SIGNED BY (AGENCY HEAD)")], colWidths=[2.6 * inch, st.FRAME_WIDTH - 2.6 * inch],
        rowHeights=[26] * 4)
    att.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("LINEBELOW", (1, 0), (1, -1), 0.6, st.INK)]))
    return [Heading("Determination and signatures", st.H1, "signatures"),
            Paragraph(statement, st.BODY), Spacer(1, 18), blocks, Spacer(1, 26),
            KeepTogether([Paragraph("Agency-head attestation", st.H2), Spacer(1, 2),
                          Paragraph(attestation, st.BODY), Spacer(1, 8), att]),
            CondPageBreak(8 * inch)]


def _signature_block(role: str, name: str) -> Table:
    fields = [("NAME", name), ("TITLE", ""), ("SIGNATURE", ""), ("DATE", "")]
    rows: list[list] = [[Paragraph(role, st.H3)]]
    for label, value in fields:
        rows += [[Spacer(1, 16 if label == "SIGNATURE" else 6)],
                 [Paragraph(esc(value) or "&nbsp;", st.BODY_TIGHT)],
                 [Paragraph(label, st.SMALL_MUTED)]]
    t = Table(rows, colWidths=[st.FRAME_WIDTH / 2 - 18])
    style: list[tuple]
    style = [("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
             ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]
    for i in range(len(fields)):
        style.append(("LINEBELOW", (0, 2 + 3 * i), (-1, 2 + 3 * i), 0.6, st.INK))
    t.setStyle(TableStyle(style))
    return t


# -- appendices --------------------------------------------------------------------------
def appendix_story(data: PacketData, files: list[dict]) -> list:
    story: list = [Heading("Appendix A · Documents reviewed", st.H1, "appendix-documents"),
                   Paragraph("Each policy as submitted, identified by the SHA-256 of its "
                             "bytes. The packet holds an annotated copy of each, with every "
                             "evidence clause highlighted.", st.BODY), Spacer(1, 4)]
    rows = [[Paragraph("DOCUMENT", st.CELL_HEAD), Paragraph("PAGES", st.CELL_HEAD),
             Paragraph("SHA-256", st.CELL_HEAD)]]
    for d in data.documents:
        state = "" if d.active else " (superseded)"
        rows.append([Paragraph(f"<b>{esc(d.title)}</b>{state}<br/>"
                               f'<font size="7.5" color="{st.hexc(st.MUTED)}">'
                               f"{esc(d.filename)}</font>", st.CELL),
                     Paragraph(str(d.page_count), st.CELL),
                     Paragraph(d.sha256, st.MONO_SMALL)])
    sha_w = 3.9 * inch
    story += [_grid(rows, [st.FRAME_WIDTH - sha_w - 0.55 * inch, 0.55 * inch, sha_w]),
              Spacer(1, 20)]
    story += [Heading("Appendix B · Files of this packet", st.H1, "appendix-files"),
              Paragraph("The packet folder holds this report, the annotated policies and "
                        "machine-readable findings (NIST OSCAL assessment-results). "
                        "<i>manifest.json</i> lists every file with its SHA-256; "
                        "<i>reviewer-app verify FOLDER</i> checks them all.", st.BODY),
              Spacer(1, 4)]
    rows = [[Paragraph("FILE", st.CELL_HEAD), Paragraph("SHA-256", st.CELL_HEAD)]]
    for f in files:
        rows.append([Paragraph(f"{esc(f['path'])}<br/>"
                               f'<font size="7.5" color="{st.hexc(st.MUTED)}">'
                               f"{esc(f['what'])}</font>", st.CELL),
                     Paragraph(f["sha256"], st.MONO_SMALL)])
    story += [_grid(rows, [st.FRAME_WIDTH - sha_w, sha_w]), Spacer(1, 6),
              Paragraph(f"Review content SHA-256: <font name=\"{st.MONO}\" size=\"7\">"
                        f"{data.content_sha256}</font>", st.SMALL_MUTED),
              CondPageBreak(3 * inch), Spacer(1, 14)]
    story += [Heading("Appendix C · Review log", st.H1, "appendix-log"),
              Paragraph("Every change to the review, in order, as recorded by the review "
                        "file's append-only log. Times are UTC.", st.BODY), Spacer(1, 4)]
    rows = [[Paragraph("WHEN (UTC)", st.CELL_HEAD), Paragraph("WHO", st.CELL_HEAD),
             Paragraph("CHANGE", st.CELL_HEAD)]]
    small = st.derive(st.CELL, fontSize=8, leading=10.5)
    for e in data.log:
        rows.append([Paragraph(_when(e.at), small), Paragraph(esc(e.actor), small),
                     Paragraph(_change(e), small)])
    story += [_grid(rows, [1.15 * inch, 1.3 * inch, st.FRAME_WIDTH - 2.45 * inch]),
              Spacer(1, 20), CondPageBreak(2.5 * inch)]
    s = data.standards
    story += [Heading("Appendix D · Disclaimer and sources", st.H1, "appendix-disclaimer")]
    if s.disclaimer:
        story += [Paragraph(f"{esc(s.publisher)}:", st.LABEL), Spacer(1, 2),
                  Paragraph(f"“{esc(s.disclaimer)}”", st.derive(st.BODY, fontSize=10.5,
                                                                 leading=15)),
                  Spacer(1, 8)]
    if s.source:
        story.append(Paragraph(f"Standards set: {esc(s.title)}, edition {esc(s.edition)}. "
                               f"Source: {esc(s.source)}.", st.BODY))
    story.append(Paragraph(
        f"Standards set id <i>{esc(s.id)}</i>, SHA-256 "
        f"<font name=\"{st.MONO}\" size=\"7\">{esc(data.info.standards_sha256)}</font>. "
        f"Report generated by reviewer_app {__version__} from packet {data.packet_id}.",
        st.SMALL_MUTED))
    return story
