"""The closing parts of packet.pdf: signatures and attestation, documents with their
hashes, the packet's other files, the review log and the disclaimer."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import CondPageBreak, KeepTogether, Paragraph, Spacer, Table, TableStyle

from reviewer_app import __version__
from reviewer_app.core.packet import styles as st
from reviewer_app.core.packet.flowables import Heading
from reviewer_app.core.packet.log_file import LOG_FILE, shown_entries
from reviewer_app.core.packet.model import PacketData
from reviewer_app.core.packet.styles import esc
from reviewer_app.core.packet.text_safety import cut
from reviewer_app.core.records import LogEntry

LINE = 300  # characters of a name or title shown before it is cut with a visible mark


def _when(iso: str) -> str:
    return cut(str(iso).replace("T", " ").replace("Z", "")[:16], 16)


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
    text = esc(cut(entry.summary, 2 * LINE))
    payload = entry.payload if isinstance(entry.payload, dict) else {}
    quote = " ".join(str(payload.get("exact") or "").split())
    if entry.action in ("add_evidence", "remove_evidence") and quote:
        short = quote if len(quote) <= 44 else quote[:43].rsplit(" ", 1)[0] + "…"
        page = payload.get("page")
        where = f"p. {esc(cut(page, 12))}: " if page else ""
        text += f' <font color="{st.hexc(st.MUTED)}">({where}“{esc(short)}”)</font>'
    return text


# -- signatures --------------------------------------------------------------------------
def signature_story(data: PacketData) -> list:
    info = data.info
    statement = (
        "The assessor reviewed the written policies listed in Appendix A against the "
        f"{esc(cut(data.standards.title, LINE))} and recorded the findings in this report. "
        "The approving "
        "official of the credentialing body confirms the determination stated on the cover.")
    blocks = Table([[_signature_block("Assessor", info.assessor),
                     _signature_block("Approving official", "")]],
                   colWidths=[st.FRAME_WIDTH / 2] * 2)
    blocks.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                ("RIGHTPADDING", (0, 0), (0, -1), 18)]))
    ori = f" (ORI {esc(cut(info.agency_ori, LINE))})" if info.agency_ori else ""
    attestation = (
        f"The head of {esc(cut(info.agency_name, LINE))}{ori} must submit a signed, "
        "legally binding "
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
                 [Paragraph(esc(cut(value, LINE)) or "&nbsp;", st.BODY_TIGHT)],
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
        rows.append([Paragraph(f"<b>{esc(cut(d.title, LINE))}</b>{state}<br/>"
                               f'<font size="7.5" color="{st.hexc(st.MUTED)}">'
                               f"{esc(cut(d.filename, LINE))}</font>", st.CELL),
                     Paragraph(str(d.page_count), st.CELL),
                     Paragraph(d.sha256, st.MONO_SMALL)])
    sha_w = 3.9 * inch
    story += [_grid(rows, [st.FRAME_WIDTH - sha_w - 0.55 * inch, 0.55 * inch, sha_w]),
              Spacer(1, 20)]
    story += [Heading("Appendix B · Files of this packet", st.H1, "appendix-files"),
              Paragraph("The packet folder holds this report, the annotated policies and "
                        "machine-readable findings (NIST OSCAL assessment-results). "
                        "<i>manifest.json</i> lists every file with its SHA-256; "
                        "<i>reviewer-app verify FOLDER</i> checks them all. The annotated "
                        "copies carry no active content: scripts, automatic and launch "
                        "actions, links to outside addresses, embedded files and file "
                        "attachments of the submitted PDFs are removed.", st.BODY),
              Spacer(1, 4)]
    rows = [[Paragraph("FILE", st.CELL_HEAD), Paragraph("SHA-256", st.CELL_HEAD)]]
    for f in files:
        rows.append([Paragraph(f"{esc(cut(f['path'], LINE))}<br/>"
                               f'<font size="7.5" color="{st.hexc(st.MUTED)}">'
                               f"{esc(cut(f['what'], LINE))}</font>", st.CELL),
                     Paragraph(f["sha256"], st.MONO_SMALL)])
    story += [_grid(rows, [st.FRAME_WIDTH - sha_w, sha_w]), Spacer(1, 6),
              Paragraph(f"Review content SHA-256: <font name=\"{st.MONO}\" size=\"7\">"
                        f"{data.content_sha256}</font>", st.SMALL_MUTED),
              CondPageBreak(3 * inch), Spacer(1, 14)]
    story += [Heading("Appendix C · Review log", st.H1, "appendix-log"),
              Paragraph("Every change to the review, in order, as recorded by the review "
                        "file's append-only log. Times are UTC. The complete log is also in "
                        f"<i>{LOG_FILE}</i>, one JSON object a line.", st.BODY),
              Spacer(1, 4)]
    log_rows: list[list[Paragraph | str]] = [[
        Paragraph("WHEN (UTC)", st.CELL_HEAD), Paragraph("WHO", st.CELL_HEAD),
        Paragraph("CHANGE", st.CELL_HEAD)]]
    small = st.derive(st.CELL, fontSize=8, leading=10.5)
    first, omitted, last = shown_entries(data.log)
    log_rows += [_log_row(e, small) for e in first]
    gap = len(log_rows)
    if omitted:
        log_rows.append(["", "", Paragraph(
            f"<i>… {omitted:,} further entries are not printed here; all "
            f"{len(data.log):,} are in {LOG_FILE}.</i>", small)])
    log_rows += [_log_row(e, small) for e in last]
    grid = _grid(log_rows, [1.15 * inch, 1.3 * inch, st.FRAME_WIDTH - 2.45 * inch])
    if omitted:
        grid.setStyle(TableStyle([("BACKGROUND", (0, gap), (-1, gap), st.PANEL)]))
    story += [grid,
              Spacer(1, 20), CondPageBreak(2.5 * inch)]
    s = data.standards
    story += [Heading("Appendix D · Disclaimer and sources", st.H1, "appendix-disclaimer")]
    if s.disclaimer:
        story += [Paragraph(f"{esc(cut(s.publisher, LINE))}:", st.LABEL), Spacer(1, 2),
                  Paragraph(f"“{esc(s.disclaimer)}”", st.derive(st.BODY, fontSize=10.5,
                                                                 leading=15)),
                  Spacer(1, 8)]
    if s.source:
        story.append(Paragraph(f"Standards set: {esc(cut(s.title, LINE))}, edition "
                               f"{esc(cut(s.edition, LINE))}. "
                               f"Source: {esc(cut(s.source, 2 * LINE))}.", st.BODY))
    story.append(Paragraph(
        f"Standards set id <i>{esc(cut(s.id, LINE))}</i>, SHA-256 "
        f"<font name=\"{st.MONO}\" size=\"7\">{esc(cut(data.info.standards_sha256, 80))}</font>. "
        f"Report generated by reviewer_app {__version__} from packet {data.packet_id}.",
        st.SMALL_MUTED))
    return story


def _log_row(entry: LogEntry, style: ParagraphStyle) -> list[Paragraph | str]:
    return [Paragraph(esc(_when(entry.at)), style),
            Paragraph(esc(cut(entry.actor, 80)), style), Paragraph(_change(entry), style)]
