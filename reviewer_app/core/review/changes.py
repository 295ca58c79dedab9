"""What a command changed, so that views refresh from it (after Anki's ``OpChanges``).

Every command answers ``touched(undone)``; the window's session emits that value after
the command ran or was undone, and each view asks only the questions it cares about
("did the evidence change?") instead of testing which command class ran. A new command
therefore needs no change in any view: it declares what it touches.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    documents: bool = False  # added, removed, renamed or replaced documents
    evidence: bool = False  # evidence added, removed, moved or confirmed
    findings: bool = False  # results, rationales, re-review flags
    review: bool = False  # the review's own fields: agency, assessor, standards
    passages: bool = False  # the search index behind suggestions
    text_of: frozenset[int] = frozenset()  # documents whose text (and offsets) changed
    show_document: int | None = None  # the document to bring forward afterwards
    notes: tuple[str, ...] = ()  # sentences for the user about what was accepted
    added_document: int | None = None  # a document that just came in (for its notes)
    items: frozenset[str] = field(default_factory=frozenset)  # items touched, if known

    @classmethod
    def everything(cls) -> Changes:
        """For a command that does not say: every view refreshes."""
        return cls(documents=True, evidence=True, findings=True, review=True, passages=True)

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            documents=self.documents or other.documents,
            evidence=self.evidence or other.evidence,
            findings=self.findings or other.findings,
            review=self.review or other.review,
            passages=self.passages or other.passages,
            text_of=self.text_of | other.text_of,
            show_document=other.show_document if other.show_document is not None
            else self.show_document,
            notes=self.notes + other.notes,
            added_document=other.added_document if other.added_document is not None
            else self.added_document,
            items=self.items | other.items,
        )
