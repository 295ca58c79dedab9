"""Every change to a review is a command: applied in one transaction, logged, undoable.

``run``/``revert`` are the only ways a command touches the file; ``CommandStack`` keeps
undo/redo history for scripts and tests, and the window's QUndoStack wraps the same
``run``/``revert`` calls. Commands remember what they replaced, so a redo after an undo
restores the very same rows (same ids), and evidence ids stay stable.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, TypeVar

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.index import passages as indexing
from reviewer_app.core.records import Evidence
from reviewer_app.core.review.changes import Changes
from reviewer_app.core.review.store import ReviewStore, now_iso
from reviewer_app.core.text.textmap import EXTRACTOR_VERSION
from reviewer_app.core.vocabulary import EvidenceStatus, Result

if TYPE_CHECKING:  # documents imports MuPDF, which running a command does not need
    from reviewer_app.core.index.segment import Passage
    from reviewer_app.core.pdf.documents import PdfInfo


class Command(ABC):
    """One change to a review, and its undo.

    The contract: ``apply`` and ``revert`` only touch the file through the store, inside
    the transaction ``run``/``revert`` open (never a transaction of their own), and
    ``revert`` restores exactly what ``apply`` replaced, so redo after undo gives the very
    same rows. ``label`` names the change for menus and the log; ``payload`` is what the
    log keeps of it; ``touched`` says what it changed, so views refresh from that and
    never from the command's class.
    """

    action: str = "change"

    @property
    @abstractmethod
    def label(self) -> str:
        """Short text for menus and the log: "Link evidence to B"."""

    @abstractmethod
    def apply(self, store: ReviewStore) -> None: ...

    @abstractmethod
    def revert(self, store: ReviewStore) -> None: ...

    def payload(self) -> dict:
        return {}

    def touched(self, undone: bool = False) -> Changes:
        """What applying (or, with ``undone``, reverting) this command changed."""
        return Changes.everything()

    @property
    def mergeable(self) -> bool:
        """Whether a later command may fold into this one (typing: one undo step)."""
        return False

    def merge(self, later: Command) -> bool:
        """Fold ``later`` into this command if it continues the same edit."""
        return False


C = TypeVar("C", bound=Command)


def run(store: ReviewStore, cmd: C) -> C:
    with store.transaction():
        cmd.apply(store)
        store.log(cmd.action, cmd.label, cmd.payload())
    return cmd


def revert(store: ReviewStore, cmd: C) -> C:
    with store.transaction():
        cmd.revert(store)
        store.log("undo", f"Undo {cmd.label}", {"undone": cmd.action, **cmd.payload()})
    return cmd


class CommandStack:
    """Undo/redo history of one session, without Qt."""

    def __init__(self, store: ReviewStore):
        self.store = store
        self.done: list[Command] = []
        self.undone: list[Command] = []

    def execute(self, cmd: C) -> C:
        run(self.store, cmd)
        self.done.append(cmd)
        self.undone.clear()
        return cmd

    def undo(self) -> Command | None:
        if not self.done:
            return None
        cmd = revert(self.store, self.done[-1])  # a failed revert leaves the history as is
        self.undone.append(self.done.pop())
        return cmd

    def redo(self) -> Command | None:
        if not self.undone:
            return None
        cmd = run(self.store, self.undone[-1])
        self.done.append(self.undone.pop())
        return cmd


# -- documents ---------------------------------------------------------------------------
@dataclass
class AddDocument(Command):
    """Store a PDF, its pages' text and its clause index.

    ``passages`` may be segmented beforehand (``prepare``, in a worker) so that applying
    the command, on the interface thread, only writes rows.
    """

    data: bytes
    filename: str
    info: PdfInfo
    title: str | None = None
    doc_id: int | None = None
    passages: list[Passage] | None = field(default=None, repr=False)
    added_at: str = ""  # kept from the first run, so a redo restores the very same row
    action = "add_document"

    @classmethod
    def prepare(cls, data: bytes, filename: str, password: str | None = None,
                ocr: bool = False) -> AddDocument:
        """Everything slow about adding a PDF, done before the command runs: checking and
        extracting it (``inspect_pdf``) and segmenting its clauses. Safe off the
        interface thread; raises ``DocumentError``/``PasswordRequired`` like inspect_pdf."""
        from reviewer_app.core.index.segment import segment_document
        from reviewer_app.core.pdf.documents import inspect_pdf

        info = inspect_pdf(data, filename, password, ocr=ocr)
        return cls(info.data or data, filename, info,
                   passages=segment_document(info.text))

    @property
    def label(self) -> str:
        return f"Add document {self.title or self.info.title}"

    def apply(self, store: ReviewStore) -> None:
        if store.conn.execute("SELECT 1 FROM documents WHERE sha256 = ?",
                              (self.info.sha256,)).fetchone():
            raise ReviewError(f"{self.filename}: this exact PDF is already in the review.")
        row = {"sha256": self.info.sha256, "title": self.title or self.info.title,
               "filename": self.filename, "page_count": self.info.page_count,
               "pdf_id": self.info.pdf_id, "page_labels": json.dumps(self.info.page_labels),
               "extractor_version": EXTRACTOR_VERSION,
               "added_at": self.added_at or now_iso(),
               "added_by": store.actor, "active": 1, "data": self.data}
        if self.doc_id is not None:
            row["id"] = self.doc_id
        self.added_at = str(row["added_at"])
        self.doc_id = store.db.table("documents").insert(row).last_pk
        assert self.doc_id is not None
        store.db.table("doc_pages").insert_all(
            {"doc_id": self.doc_id, "page": n, "text": p.text, "words": p.to_blob(),
             "width": p.width, "height": p.height, "rotation": p.rotation}
            for n, p in enumerate(self.info.text.pages))
        indexing.index_document(store.db, self.doc_id, self.info.text, self.passages)

    def revert(self, store: ReviewStore) -> None:
        assert self.doc_id is not None, "revert before apply"
        if store.evidence(doc_id=self.doc_id):
            raise ReviewError("the document still has evidence; remove that first.")
        indexing.remove_document(store.db, self.doc_id)
        store.conn.execute("DELETE FROM doc_pages WHERE doc_id = ?", (self.doc_id,))
        store.conn.execute("DELETE FROM documents WHERE id = ?", (self.doc_id,))
        store.forget_text(self.doc_id)

    def payload(self) -> dict:
        return {"doc_id": self.doc_id, "sha256": self.info.sha256, "filename": self.filename,
                "pages": self.info.page_count}

    def touched(self, undone: bool = False) -> Changes:
        if undone:
            return Changes(documents=True, evidence=True, passages=True)
        return Changes(documents=True, passages=True, show_document=self.doc_id,
                       added_document=self.doc_id, notes=tuple(self.info.notes))


# -- evidence ----------------------------------------------------------------------------
def next_evidence_id(store: ReviewStore) -> int:
    """An id no evidence of this review ever had: ids named in the log (of evidence since
    removed) are never given again, so "evidence 7" always means the same clause."""
    row = store.conn.execute(
        "SELECT max(coalesce((SELECT max(id) FROM evidence), 0), coalesce((SELECT "
        "max(CAST(json_extract(payload, '$.evidence_id') AS INTEGER)) FROM log), 0))"
    ).fetchone()
    return int(row[0]) + 1


def _insert_evidence(store: ReviewStore, ev: Evidence) -> None:
    store.db.table("evidence").insert(ev.to_row())


@dataclass
class AddEvidence(Command):
    """Link a quote (text evidence) or a page area to an item."""

    item_id: str
    doc_id: int
    kind: str
    page: int
    quads: tuple
    start: int | None = None
    end: int | None = None
    exact: str = ""
    prefix: str = ""
    suffix: str = ""
    note: str = ""
    item_code: str = ""
    evidence: Evidence | None = None
    action = "add_evidence"

    @property
    def label(self) -> str:
        return f"Link evidence to {self.item_code or self.item_id}"

    def apply(self, store: ReviewStore) -> None:
        self.item_id = store.standards().item(self.item_id).id  # refuses unknown items
        if self.evidence is None:
            self.evidence = Evidence(
                id=next_evidence_id(store), item_id=self.item_id, doc_id=self.doc_id,
                kind=self.kind,
                page=self.page, start=self.start, end=self.end, exact=self.exact,
                prefix=self.prefix, suffix=self.suffix, quads=tuple(self.quads),
                extractor_version=EXTRACTOR_VERSION, note=self.note, status=EvidenceStatus.INTACT,
                previous_exact="", created_by=store.actor, created_at=now_iso())
        _insert_evidence(store, self.evidence)

    def revert(self, store: ReviewStore) -> None:
        assert self.evidence is not None, "revert before apply"
        store.conn.execute("DELETE FROM evidence WHERE id = ?", (self.evidence.id,))

    def payload(self) -> dict:
        ev = self.evidence
        return {"evidence_id": ev.id if ev else None, "item_id": self.item_id,
                "doc_id": self.doc_id, "page": self.page + 1, "kind": self.kind,
                "exact": self.exact}

    def touched(self, undone: bool = False) -> Changes:
        return Changes(evidence=True, items=frozenset({self.item_id}))


@dataclass
class RemoveEvidence(Command):
    evidence_id: int
    item_code: str = ""
    removed: Evidence | None = None
    action = "remove_evidence"

    @property
    def label(self) -> str:
        return f"Remove evidence from {self.item_code or (self.removed and self.removed.item_id)}"

    def apply(self, store: ReviewStore) -> None:
        self.removed = store.evidence_by_id(self.evidence_id)
        store.conn.execute("DELETE FROM evidence WHERE id = ?", (self.evidence_id,))

    def revert(self, store: ReviewStore) -> None:
        assert self.removed is not None, "revert before apply"
        _insert_evidence(store, self.removed)

    def payload(self) -> dict:
        ev = self.removed
        return {"evidence_id": self.evidence_id, "item_id": ev.item_id if ev else None,
                "exact": ev.exact if ev else "", "page": ev.page + 1 if ev else None,
                "doc_id": ev.doc_id if ev else None}

    def touched(self, undone: bool = False) -> Changes:
        return Changes(evidence=True)


@dataclass
class EditEvidence(Command):
    """Change fields of one evidence row (note, item, status after re-anchoring...)."""

    evidence_id: int
    changes: dict
    description: str = "Edit evidence"
    before: Evidence | None = None
    action = "edit_evidence"

    @property
    def label(self) -> str:
        return self.description

    def apply(self, store: ReviewStore) -> None:
        self.before = store.evidence_by_id(self.evidence_id)
        after = replace(self.before, **self.changes)
        store.db.table("evidence").update(self.evidence_id, after.to_row())

    def revert(self, store: ReviewStore) -> None:
        assert self.before is not None, "revert before apply"
        store.db.table("evidence").update(self.evidence_id, self.before.to_row())

    def payload(self) -> dict:
        return {"evidence_id": self.evidence_id,
                "changes": {k: v for k, v in self.changes.items() if k != "quads"}}

    def touched(self, undone: bool = False) -> Changes:
        return Changes(evidence=True)


# -- findings and notes ------------------------------------------------------------------
@dataclass
class SetFinding(Command):
    """Set an item's result and/or rationale; ``None`` keeps the current value."""

    item_id: str
    result: Result | None = None
    rationale: str | None = None
    item_code: str = ""
    before: dict | None = field(default=None, repr=False)
    after: dict | None = field(default=None, repr=False)
    action = "set_finding"

    @property
    def label(self) -> str:
        code = self.item_code or self.item_id
        if self.result is not None:
            return f"Set {code} to {Result(self.result).label}"
        return f"Edit rationale of {code}"

    def apply(self, store: ReviewStore) -> None:
        self.item_id = store.standards().item(self.item_id).id
        if self.result is not None and self.result not in tuple(Result):
            raise ReviewError(f"unknown result '{self.result}'; use one of {', '.join(Result)}")
        row = store.conn.execute("SELECT * FROM findings WHERE item_id = ?",
                                 (self.item_id,)).fetchone()
        self.before = dict(row) if row else None
        current = self.before or {"item_id": self.item_id, "result": Result.NOT_ASSESSED,
                                  "rationale": "", "needs_rereview": 0}
        self.after = {**current,
                      "result": self.result if self.result is not None else current["result"],
                      "rationale": (self.rationale if self.rationale is not None
                                    else current["rationale"]),
                      "needs_rereview": 0 if self.result is not None else current["needs_rereview"],
                      "updated_by": store.actor, "updated_at": now_iso()}
        store.db.table("findings").upsert(self.after, pk="item_id")

    def revert(self, store: ReviewStore) -> None:
        if self.before is None:
            store.conn.execute("DELETE FROM findings WHERE item_id = ?", (self.item_id,))
        else:
            store.db.table("findings").upsert(self.before, pk="item_id")

    @property
    def mergeable(self) -> bool:
        return self.result is None  # a rationale edit

    def merge(self, later: Command) -> bool:
        """Fold a later rationale edit of the same item into this command (typing)."""
        if not isinstance(later, SetFinding) or later.item_id != self.item_id \
                or later.result is not None or self.result is not None:
            return False
        self.rationale, self.after = later.rationale, later.after
        return True

    def payload(self) -> dict:
        return {"item_id": self.item_id, "result": self.result, "rationale": self.rationale}

    def touched(self, undone: bool = False) -> Changes:
        return Changes(findings=True, items=frozenset({self.item_id}))


REVIEW_FIELDS = ("agency_name", "agency_ori", "agency_state", "credentialing_body",
                 "assessor", "notes")


@dataclass
class EditReview(Command):
    """Change the review's own details: agency, assessor, credentialing body, notes."""

    changes: dict
    before: dict | None = None
    action = "edit_review"

    @property
    def label(self) -> str:
        if set(self.changes) == {"notes"}:
            return "Edit review notes"
        return "Edit review details"

    def apply(self, store: ReviewStore) -> None:
        unknown = set(self.changes) - set(REVIEW_FIELDS)
        if unknown:
            raise ReviewError(f"cannot edit {sorted(unknown)}; editable: {REVIEW_FIELDS}")
        info = store.review()
        self.before = {k: getattr(info, k) for k in self.changes}
        store.db.table("review").update(1, self.changes)  # store.actor follows the assessor

    def revert(self, store: ReviewStore) -> None:
        store.db.table("review").update(1, self.before)

    def payload(self) -> dict:
        return {"changes": self.changes}

    def touched(self, undone: bool = False) -> Changes:
        return Changes(review=True)


@dataclass
class RenameDocument(Command):
    """Give a document the title the assessor wants on tabs and in the packet."""

    doc_id: int
    title: str
    before: str | None = None
    action = "rename_document"

    @property
    def label(self) -> str:
        return f"Rename document to {self.title}"

    def apply(self, store: ReviewStore) -> None:
        title = " ".join(self.title.split())
        if not title:
            raise ReviewError("a document title must not be empty.")
        self.before = store.document(self.doc_id).title
        store.db.table("documents").update(self.doc_id, {"title": title})

    def revert(self, store: ReviewStore) -> None:
        store.db.table("documents").update(self.doc_id, {"title": self.before})

    def payload(self) -> dict:
        return {"doc_id": self.doc_id, "title": self.title, "before": self.before}

    def touched(self, undone: bool = False) -> Changes:
        return Changes(documents=True)
