"""Bringing in a revised policy PDF: the new revision replaces the old one inside the
review and every evidence is carried over to it, with a status saying how well.

Nothing is ever dropped. Evidence whose clause cannot be found stays on the old revision
(which the review keeps, inactive) with status ``orphaned``, its old place still valid
there; changed wording keeps the old words in ``previous_exact`` until the assessor
confirms the new ones; findings resting on either are flagged for re-review.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.pdf.documents import PdfInfo, mupdf
from reviewer_app.core.records import Evidence
from reviewer_app.core.review.changes import Changes
from reviewer_app.core.review.commands import AddDocument, Command
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.revisions.reanchor import CHANGED, INTACT, ORPHANED, reanchor
from reviewer_app.core.text.textmap import EXTRACTOR_VERSION, DocumentText
from reviewer_app.core.vocabulary import EvidenceStatus

if TYPE_CHECKING:
    import pymupdf

NEEDS_REREVIEW = (CHANGED, ORPHANED)


@dataclass(frozen=True)
class EvidenceOutcome:
    """What happened to one evidence, for the command line and the window."""

    evidence_id: int
    item_id: str
    kind: str
    status: EvidenceStatus
    old_page: int  # 0-based
    new_page: int | None
    old_exact: str
    new_exact: str
    score: float
    reason: str


def _same_page_image(old: pymupdf.Document, new: pymupdf.Document, pno: int) -> bool:
    """Pages without text compared as small grey renders (scans re-saved, not re-scanned)."""
    pymupdf = mupdf()
    a, b = old[pno], new[pno]
    if abs(a.rect.width - b.rect.width) > 1 or abs(a.rect.height - b.rect.height) > 1:
        return False
    scale = 64 / max(a.rect.width, 1)
    pa = a.get_pixmap(matrix=pymupdf.Matrix(scale, scale), colorspace=pymupdf.csGRAY,
                      annots=False)
    pb = b.get_pixmap(matrix=pymupdf.Matrix(scale, scale), colorspace=pymupdf.csGRAY,
                      annots=False)
    if (pa.width, pa.height) != (pb.width, pb.height):
        return False
    sa, sb = pa.samples, pb.samples
    diff = sum(abs(x - y) for x, y in zip(sa, sb, strict=True)) / max(len(sa), 1)
    return diff < 3.0


class _AreaMatcher:
    """Area evidence has no words to search: it survives only on an unchanged page."""

    def __init__(self, store: ReviewStore, old_id: int, new_id: int,
                 old_text: DocumentText, new_text: DocumentText):
        self.store, self.old_id, self.new_id = store, old_id, new_id
        self.old_text, self.new_text = old_text, new_text
        self._docs: tuple[pymupdf.Document, pymupdf.Document] | None = None

    def same_page(self, pno: int) -> tuple[bool, str]:
        if pno >= len(self.new_text.pages):
            return False, f"the new revision has no page {pno + 1}"
        a, b = self.old_text.pages[pno], self.new_text.pages[pno]
        if a.has_text or b.has_text:
            if a.text == b.text and abs(a.width - b.width) < 1 and abs(a.height - b.height) < 1:
                return True, f"page {pno + 1} is unchanged"
            return False, f"page {pno + 1} changed; mark the area again"
        if self._docs is None:
            self._docs = (mupdf().open(stream=self.store.document_data(self.old_id)),
                          mupdf().open(stream=self.store.document_data(self.new_id)))
        if _same_page_image(*self._docs, pno):
            return True, f"page {pno + 1} looks unchanged"
        return False, f"page {pno + 1} looks different; mark the area again"

    def close(self) -> None:
        if self._docs:
            for d in self._docs:
                d.close()


def _carry_over(store: ReviewStore, old_id: int, new_id: int
                ) -> tuple[list[Evidence], list[Evidence], list[EvidenceOutcome]]:
    old_text, new_text = store.document_text(old_id), store.document_text(new_id)
    before = store.evidence(doc_id=old_id)
    after: list[Evidence] = []
    outcomes: list[EvidenceOutcome] = []
    areas = _AreaMatcher(store, old_id, new_id, old_text, new_text)
    try:
        for ev in before:
            if ev.kind == "area":
                ok, reason = areas.same_page(ev.page)
                status = INTACT if ok else ORPHANED
                new = replace(ev, doc_id=new_id, status=status) if ok else \
                    replace(ev, status=ORPHANED)
                outcomes.append(EvidenceOutcome(ev.id, ev.item_id, "area", status, ev.page,
                                                ev.page if ok else None, "", "",
                                                100.0 if ok else 0.0, reason))
                after.append(new)
                continue
            r = reanchor(ev, new_text, old_text)
            if r.anchor is None:
                new = replace(ev, status=ORPHANED)
            else:
                a = r.anchor
                status, previous = r.status, ""
                if r.status == CHANGED:
                    previous = ev.previous_exact or ev.exact
                elif ev.status == CHANGED:  # still awaiting the assessor's confirmation
                    status, previous = CHANGED, ev.previous_exact
                new = replace(ev, doc_id=new_id, page=a.page, start=a.start, end=a.end,
                              exact=a.exact, prefix=a.prefix, suffix=a.suffix, quads=a.quads,
                              extractor_version=EXTRACTOR_VERSION, status=status,
                              previous_exact=previous)
            after.append(new)
            outcomes.append(EvidenceOutcome(
                ev.id, ev.item_id, "text", new.status, ev.page,
                r.anchor.page if r.anchor else None, ev.exact,
                r.anchor.exact if r.anchor else "", r.score, r.reason))
    finally:
        areas.close()
    return before, after, outcomes


@dataclass
class ReplaceDocument(Command):
    """Replace document ``old_doc_id`` by a revised PDF and carry its evidence over."""

    old_doc_id: int
    data: bytes
    filename: str
    info: PdfInfo
    title: str | None = None
    outcomes: list[EvidenceOutcome] = field(default_factory=list)
    add: AddDocument | None = field(default=None, repr=False)
    before: list[Evidence] = field(default_factory=list, repr=False)
    after: list[Evidence] = field(default_factory=list, repr=False)
    flags_before: dict[str, int] = field(default_factory=dict, repr=False)
    old_title: str = ""
    action = "replace_document"

    @property
    def label(self) -> str:
        return f"Replace {self.old_title or 'document'} with revision {self.filename}"

    @property
    def new_doc_id(self) -> int | None:
        return self.add.doc_id if self.add else None

    def counts(self) -> dict[EvidenceStatus, int]:
        out = {s: 0 for s in EvidenceStatus}
        for o in self.outcomes:
            out[o.status] += 1
        return out

    def flagged_items(self) -> list[str]:
        return sorted(self.flags_before)

    def apply(self, store: ReviewStore) -> None:
        old = store.document(self.old_doc_id)
        self.old_title = old.title
        if not old.active:
            raise ReviewError(f"{old.title} has already been replaced by a newer revision.")
        if self.info.sha256 == old.sha256:
            raise ReviewError(f"{self.filename} is the very same file as the current revision "
                              f"of {old.title}.")
        if self.add is None:
            self.add = AddDocument(self.data, self.filename, self.info, self.title or old.title)
        self.add.apply(store)
        new_id = self.add.doc_id
        assert new_id is not None  # set by apply
        store.conn.execute("UPDATE documents SET replaces = ? WHERE id = ?", (old.id, new_id))
        store.conn.execute("UPDATE documents SET active = 0 WHERE id = ?", (old.id,))
        if not self.after:
            self.before, self.after, self.outcomes = _carry_over(store, old.id, new_id)
            items = {o.item_id for o in self.outcomes if o.status in NEEDS_REREVIEW}
            rows = store.conn.execute("SELECT item_id, needs_rereview FROM findings").fetchall()
            self.flags_before = {r[0]: r[1] for r in rows if r[0] in items}
        for ev in self.after:
            store.db.table("evidence").update(ev.id, ev.to_row())
        for item_id in self.flags_before:
            store.conn.execute("UPDATE findings SET needs_rereview = 1 WHERE item_id = ?",
                               (item_id,))

    def revert(self, store: ReviewStore) -> None:
        for ev in self.before:
            store.db.table("evidence").update(ev.id, ev.to_row())
        for item_id, flag in self.flags_before.items():
            store.conn.execute("UPDATE findings SET needs_rereview = ? WHERE item_id = ?",
                               (flag, item_id))
        store.conn.execute("UPDATE documents SET active = 1 WHERE id = ?", (self.old_doc_id,))
        assert self.add is not None, "revert before apply"
        self.add.revert(store)

    def payload(self) -> dict:
        return {"old_doc_id": self.old_doc_id, "new_doc_id": self.new_doc_id,
                "sha256": self.info.sha256, "filename": self.filename,
                "counts": self.counts(), "flagged_items": self.flagged_items()}

    def touched(self, undone: bool = False) -> Changes:
        return Changes(documents=True, evidence=True, findings=True, passages=True,
                       show_document=self.old_doc_id if undone else self.new_doc_id)


@dataclass
class ConfirmEvidence(Command):
    """The assessor accepts a changed evidence's new wording (or a moved one's place)."""

    evidence_id: int
    item_code: str = ""
    before: Evidence | None = None
    action = "confirm_evidence"

    @property
    def label(self) -> str:
        return f"Confirm revised evidence for {self.item_code or 'item'}"

    def apply(self, store: ReviewStore) -> None:
        self.before = store.evidence_by_id(self.evidence_id)
        if self.before.status == ORPHANED:
            raise ReviewError(f"evidence {self.evidence_id} is orphaned: it has no place in the "
                              "current revision to confirm; link the clause again.")
        after = replace(self.before, status=INTACT, previous_exact="")
        store.db.table("evidence").update(self.evidence_id, after.to_row())

    def revert(self, store: ReviewStore) -> None:
        assert self.before is not None, "revert before apply"
        store.db.table("evidence").update(self.evidence_id, self.before.to_row())

    def payload(self) -> dict:
        return {"evidence_id": self.evidence_id,
                "previous_exact": self.before.previous_exact if self.before else ""}

    def touched(self, undone: bool = False) -> Changes:
        return Changes(evidence=True, findings=True)


def wording_diff(old: str, new: str) -> list[tuple[str, str, str]]:
    """Old and new wording as runs of words: ("equal" | "replace" | "delete" | "insert",
    old words, new words), so both sides can be shown with the changes marked."""
    a, b = old.split(), new.split()
    out: list[tuple[str, str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        out.append((op, " ".join(a[i1:i2]), " ".join(b[j1:j2])))
    return out


def marked_wording(old: str, new: str, mark_old, mark_new, plain=lambda w: w
                   ) -> tuple[str, str]:
    """Both wordings with the words that differ passed through ``mark_old`` / ``mark_new``
    (brackets on a terminal, coloured spans in the window); the rest through ``plain``."""
    left, right = [], []
    for op, a, b in wording_diff(old, new):
        if op == "equal":
            left.append(plain(a))
            right.append(plain(b))
            continue
        if a:
            left.append(mark_old(a))
        if b:
            right.append(mark_new(b))
    return " ".join(left), " ".join(right)


def awaiting_review(store: ReviewStore) -> list[Evidence]:
    """Evidence the assessor still has to look at after a revision: changed or orphaned."""
    return [e for e in store.evidence() if e.status in NEEDS_REREVIEW]
