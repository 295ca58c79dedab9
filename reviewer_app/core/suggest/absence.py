"""The absence report: what was searched for an item that nothing in the documents answers.

A "not met" finding needs a rationale an assessor can stand behind; this says, in plain
words, which phrases were looked for (in the clauses' text and in their headings), across
how many pages and documents, and the nearest misses with their pages, so the rationale
shows the search was made rather than asserting that nothing was found.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from reviewer_app.core.checklist.standards import Item


@dataclass(frozen=True)
class Miss:
    doc: str
    page_label: str
    label: str  # section number and heading
    score: float
    text: str


@dataclass(frozen=True)
class AbsenceReport:
    item_code: str
    item_title: str
    terms: tuple[str, ...]
    pages: int
    documents: tuple[str, ...]
    headings_with_terms: tuple[str, ...]  # headings that name one of the phrases
    misses: tuple[Miss, ...]

    def text(self, misses: int = 3) -> str:
        """The report as a paragraph a rationale can quote."""
        docs = ", ".join(self.documents) if self.documents else "no documents"
        n_docs = len(self.documents)
        lines = [
            f"No clause found for {self.item_code} {self.item_title}.",
            f"Searched {self.pages} page{'s' if self.pages != 1 else ''} of {n_docs} "
            f"document{'s' if n_docs != 1 else ''} ({docs}), in the clauses' text and "
            f"headings, for: {', '.join(repr(t) for t in self.terms)}.",
        ]
        n = len(self.headings_with_terms)
        if n:
            shown = "; ".join(self.headings_with_terms[:3]) + ("; \u2026" if n > 3 else "")
            lines.append(f"{n} heading{'s name' if n != 1 else ' names'} one of these phrases "
                         f"({shown}), but no clause under {'them' if n != 1 else 'it'} "
                         "states the requirement.")
        else:
            lines.append("No heading names any of these phrases.")
        if self.misses[:misses]:
            lines.append("Nearest misses (not evidence):")
            for m in self.misses[:misses]:
                where = f"{m.doc}, p. {m.page_label}" + (f", {m.label}" if m.label else "")
                lines.append(f"- {where} ({m.score:.0%}): \u201c{_clip(m.text, 140)}\u201d")
        else:
            lines.append("No passage names any of these phrases.")
        return "\n".join(lines)


def _clip(text: str, size: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size - 1].rstrip() + "\u2026"


def absence_report(item: Item, suggestions: list, pages: int, documents: list[str],
                   headings_with_terms: tuple[str, ...], doc_names: dict[int, str],
                   page_labels: Mapping[int, Callable[[int], str]]) -> AbsenceReport:
    """Build the report from the item's (weak) suggestions and what the index holds;
    ``page_labels`` maps a document id to a function from page index to printed label."""
    misses = tuple(
        Miss(doc_names.get(s.doc_id, str(s.doc_id)), str(page_labels[s.doc_id](s.page)),
             s.label, s.score, s.text) for s in suggestions)
    terms = tuple(item.search_terms) or (item.title,)
    return AbsenceReport(item.code, item.title, terms, pages, tuple(documents),
                         headings_with_terms, misses)


def headings_naming(ranker, item: Item) -> tuple[str, ...]:
    """The distinct headings ("300.7 DEADLY FORCE APPLICATIONS") of the ranker's documents
    that name one of the item's phrases (an FTS5 phrase query on the heading column,
    stemmed as the index is: "applicants" also finds "APPLICATIONS")."""
    from reviewer_app.core.suggest.engine import item_terms

    rows: set[int] = set()
    for t in item_terms(item, ranker.theme):
        rows |= ranker._rows(f"heading : {t.phrase}")
    if not rows:
        return ()
    marks = ",".join("?" * len(rows))
    found = ranker.db.execute(
        f"SELECT DISTINCT section, heading FROM passages WHERE id IN ({marks}) "
        f"ORDER BY doc_id, start", sorted(rows)).fetchall()
    return tuple(dict.fromkeys(f"{sec} {head}".strip() for sec, head in found))


def store_absence(store, item_id: str, top: int = 3) -> AbsenceReport | None:
    """The absence report of a review's item, or None when a suggestion is likely."""
    from reviewer_app.core.suggest.engine import ranker_for, suggest

    found = suggest(store, item_id, top).get(item_id, [])
    if found and found[0].confident:
        return None
    docs = store.documents()
    ranker = ranker_for(store)
    pages = sum(len(store.document_text(d.id).pages) for d in docs)
    return absence_report(store.standards().item(item_id), found, pages,
                          [d.title for d in docs], headings_naming(ranker, store.standards()
                                                                   .item(item_id)),
                          {d.id: d.title for d in docs}, {d.id: d.page_label for d in docs})


def text_absence(text, standards, item_id: str, title: str, page_label,
                 top: int = 3) -> AbsenceReport | None:
    """The absence report of one document outside a review (indexed in memory)."""
    from reviewer_app.core.suggest.engine import Ranker, memory_index, theme_words

    items = list(standards.items)
    ranker = Ranker(memory_index({1: text}), [1], theme_words(items), {1: text}.__getitem__)
    item = standards.item(item_id)
    found = ranker.rank(item, top, items)
    if found and found[0].confident:
        return None
    return absence_report(item, found, len(text.pages), [title], headings_naming(ranker, item),
                          {1: title}, {1: page_label})
