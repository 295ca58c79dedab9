"""Methodology, in packet.pdf: which documents the agency sent, and how the assessor
concluded that something is absent, that is the searches made in the full text of every
document for each item found without sufficient evidence, with their hits.

The searches are run at export with the same tolerant matcher as quote linking, over the
stored text of the documents, so the counts are what anyone repeating them would find.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.platypus import Paragraph, Spacer, Table, TableStyle

from reviewer_app.core.checklist.state_notes import cited_at, notes_for
from reviewer_app.core.packet import styles as st
from reviewer_app.core.packet.flowables import Heading
from reviewer_app.core.packet.model import PacketData
from reviewer_app.core.packet.styles import esc
from reviewer_app.core.packet.text_safety import cut
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.text.search import search

MAX_TERMS = 6
LINE = 300  # characters of a name or title shown before it is cut with a visible mark
SEARCHES = "searches"  # key in PacketData.extra
STATE_LAW = "state_law_cited"  # key in PacketData.extra: citation -> where the documents cite it


@dataclass(frozen=True)
class Search:
    term: str
    hits: int
    pages: tuple[str, ...]  # page labels, "Title p. 4"


def absence_searches(store: ReviewStore, data: PacketData) -> dict[str, list[Search]]:
    """Item id -> the searches made for each item that is Partially met, Not met, or has a
    result but no evidence."""
    texts = {d.id: store.document_text(d.id) for d in data.documents if d.active}
    titles = {d.id: d for d in data.documents}
    out: dict[str, list[Search]] = {}
    for iv in data.items:
        if not (iv.result in ("not_met", "partial") or
                (iv.result != "not_assessed" and not iv.evidence)):
            continue
        found = []
        for term in iv.item.search_terms[:MAX_TERMS]:
            hits, pages = 0, []
            for doc_id, text in texts.items():
                spans = search(text, term)
                hits += len(spans)
                for p in sorted({text.page_of(s) for s, _ in spans})[:3]:
                    pages.append(f"{cut(titles[doc_id].title, LINE)} p. "
                                 f"{titles[doc_id].page_label(p)}")
            found.append(Search(cut(term, LINE), hits, tuple(pages)))
        out[iv.item.id] = found
    return out


def where_cited(store: ReviewStore, data: PacketData) -> dict[str, str]:
    """Citation -> where the active documents cite it ("Use of Force p. 4"), for the state
    law notes of the agency's state."""
    state = data.info.agency_state
    citations = {n.citation for iv in data.items
                 for n in notes_for(data.standards.state_notes, iv.item.id, state)}
    if not citations:
        return {}
    texts = {d.id: store.document_text(d.id) for d in data.documents if d.active}
    out = {}
    for citation in sorted(citations):
        places = []
        for d in data.documents:
            if d.id not in texts:
                continue
            pages = sorted({texts[d.id].page_of(at) for at in cited_at(texts[d.id].text,
                                                                          citation)})
            if pages:
                places.append(f"{cut(d.title, LINE)} p. "
                              + ", ".join(d.page_label(p) for p in pages[:6]))
        out[citation] = "; ".join(places)
    return out


def methodology_story(data: PacketData) -> list:
    story: list = [Heading("Methodology", st.H1, "methodology"),
                   Paragraph("DOCUMENTS RECEIVED", st.LABEL), Spacer(1, 3)]
    if data.documents:
        rows = [[Paragraph(h, st.CELL_HEAD) for h in ("DOCUMENT", "PAGES", "RECEIVED",
                                                      "SHA-256")]]
        for d in data.documents:
            rows.append([Paragraph(f"{esc(cut(d.title, LINE))}<br/><font size=7>"
                                   f"{esc(cut(d.filename, LINE))}</font>", st.CELL),
                         Paragraph(str(d.page_count), st.CELL),
                         Paragraph(esc(f"{d.added_at[:10]} ({cut(d.added_by, 80) or 'unknown'})"),
                                   st.CELL),
                         Paragraph(esc(d.sha256[:16]) + "…", st.CELL)])
        t = Table(rows, colWidths=[st.FRAME_WIDTH - 3.9 * 72, 0.6 * 72, 1.8 * 72, 1.5 * 72],
                  repeatRows=1)
        t.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.4, st.RULE)]))
        story.append(t)
    else:
        story.append(Paragraph("No policy document was received or reviewed.", st.BODY))
    story += [Spacer(1, 10), Paragraph("HOW EVIDENCE WAS FOUND AND ABSENCE CONCLUDED", st.LABEL),
              Spacer(1, 3), Paragraph(
                  "Each document was read beside the checklist; the clause that evidences an "
                  "item is linked to it and shown in this report. Where an item is found "
                  "Partially met or Not met, or has no linked clause, the full text of every "
                  "document was searched for the item's search terms (case, line breaks and "
                  "hyphenation ignored). The searches and their hits:", st.BODY)]
    searches: dict = data.extra.get(SEARCHES, {})
    if not searches:
        story.append(Paragraph("No item needed a search for absent provisions.", st.NOTE))
    for iv in data.items:
        if iv.item.id not in searches:
            continue
        lines = []
        for s in searches[iv.item.id]:
            where = f": {esc('; '.join(s.pages))}" if s.pages else ""
            lines.append(f"“{esc(s.term)}” {s.hits} hit(s){where}")
        body = "<br/>".join(lines) or "No search terms are defined for this item."
        story += [Spacer(1, 4), Paragraph(f"<b>{esc(cut(iv.item.code, 12))} "
                                          f"{esc(cut(iv.item.title, LINE))}</b> "
                                          f"({esc(iv.result_label)})", st.BODY_TIGHT),
                  Paragraph(body, st.derive(st.SMALL, leftIndent=12))]
    story += state_law_story(data)
    story.append(Spacer(1, 14))
    return story


def state_law_story(data: PacketData) -> list:
    """The state statutes the standards set names for the agency's state, item by item:
    what the assessor was told to weigh besides the set's own wording."""
    state = data.info.agency_state.strip().upper()
    if not state:
        return []
    story: list = [Spacer(1, 10), Paragraph("STATE LAW CONSIDERED", st.LABEL), Spacer(1, 3)]
    shown = 0
    for iv in data.items:
        notes = notes_for(data.standards.state_notes, iv.item.id, state)
        if not notes:
            continue
        shown += 1
        cites = "; ".join(f"{esc(cut(n.citation, LINE))} ({esc(cut(n.statute, LINE))})"
                          for n in notes)
        cited: dict = data.extra.get(STATE_LAW, {})
        sources = "<br/>".join(
            f"{esc(cut(n.citation, LINE))}: "
            + (f"section cited in {esc(cited[n.citation])}; " if cited.get(n.citation)
               else "section not cited in the documents; ")
            + f"source {esc(cut(n.source, LINE))}" for n in notes)
        story += [Spacer(1, 4),
                  Paragraph(f"<b>{esc(cut(iv.item.code, 12))} {esc(cut(iv.item.title, LINE))}"
                            f"</b>. State law considered: {cites}.", st.BODY_TIGHT),
                  Paragraph(sources, st.derive(st.SMALL, leftIndent=12))]
    if not shown:
        story.append(Paragraph(f"The standards set ({esc(cut(data.standards.id, LINE))}) holds "
                               f"no state law notes for {esc(state)}.", st.NOTE))
    return story
