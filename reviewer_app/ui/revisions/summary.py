"""The content of a revision report, apart from how it is shown: one row per evidence with
its wording before and after, the counts per status, the findings to re-review.

Built from a ``ReplaceDocument`` just run (what happened) or from the review as it stands
(what still waits for the assessor).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

from reviewer_app.core.revisions.replace import ReplaceDocument, awaiting_review, marked_wording
from reviewer_app.core.vocabulary import EvidenceStatus
from reviewer_app.ui.revisions.marks import STATUS_TEXT
from reviewer_app.ui.session.session import ReviewSession

DEL_STYLE = "background-color:#FDE2E1; color:#8A1C1C; text-decoration:line-through"
INS_STYLE = "background-color:#D9F2E1; color:#14532D; text-decoration:underline"


@dataclass(frozen=True)
class ReportRow:
    """One evidence as the report shows it (page labels as printed in each revision)."""

    evidence_id: int
    item_id: str
    status: EvidenceStatus
    kind: str
    old_page: str
    new_page: str
    old_exact: str
    new_exact: str
    reason: str = ""


@dataclass
class RevisionReport:
    heading: str
    summary: str
    rows: list[ReportRow]
    flagged: list[str]  # item ids of findings to re-review
    # what the replacement did (None: the current state)
    counts: dict[EvidenceStatus, int] | None = None
    notes: list[str] = field(default_factory=list)
    new_doc_id: int | None = None  # the revision brought in (gone again after undo)


def report_for_replacement(session: ReviewSession, cmd: ReplaceDocument,
                           notes: Sequence[str] = ()) -> RevisionReport:
    assert cmd.new_doc_id is not None  # the command has run
    old = session.any_document(cmd.old_doc_id)
    new = session.any_document(cmd.new_doc_id)
    assert old is not None and new is not None  # both revisions stay in the review
    rows = [ReportRow(o.evidence_id, o.item_id, o.status, o.kind, old.page_label(o.old_page),
                      new.page_label(o.new_page) if o.new_page is not None else "",
                      o.old_exact, o.new_exact, o.reason) for o in cmd.outcomes]
    n = len(cmd.outcomes)
    summary = (f"<b>{escape(new.title)}</b> now uses <b>{escape(new.filename)}</b> "
               f"({new.page_count} pages) instead of {escape(old.filename)}. "
               + (f"{n} evidence link{'' if n == 1 else 's'} {'was' if n == 1 else 'were'} "
                  "carried over. " if n else
                  "It had no evidence to carry over. ")
               + "The replaced revision stays in the review.")
    return RevisionReport("Revision brought in", summary, rows, cmd.flagged_items(),
                          cmd.counts(), [nt[:1].upper() + nt[1:] for nt in notes],
                          cmd.new_doc_id)


def report_from_review(session: ReviewSession) -> RevisionReport:
    rows = []
    for ev in awaiting_review(session.store):
        doc = session.any_document(ev.doc_id)
        label = doc.page_label(ev.page) if doc else str(ev.page + 1)
        if ev.status == EvidenceStatus.CHANGED:
            rows.append(ReportRow(ev.id, ev.item_id, ev.status, ev.kind, "", label,
                                  ev.previous_exact, ev.exact))
        else:
            rows.append(ReportRow(ev.id, ev.item_id, ev.status, ev.kind, label, "", ev.exact,
                                  "", STATUS_TEXT[ev.status][2]))
    flagged = sorted(i for i, f in session.findings().items() if f.needs_rereview)
    summary = ("Evidence that policy revisions changed or could not find, and the findings "
               "that rest on it." if rows or flagged else
               "Nothing is waiting: every evidence is in the current revisions with the "
               "wording the assessor accepted.")
    return RevisionReport("Evidence to check after revisions", summary, rows, flagged)


def marked_html(old: str, new: str) -> tuple[str, str]:
    """Both wordings as rich text, the words that differ struck out (old) or underlined
    (new) as well as coloured."""
    return marked_wording(old, new, lambda a: f"<span style='{DEL_STYLE}'>{escape(a)}</span>",
                          lambda b: f"<span style='{INS_STYLE}'>{escape(b)}</span>", escape)
