"""Plain records read from a review file; the UI and exporters consume these."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field

from reviewer_app.core.vocabulary import EvidenceStatus, Result


@dataclass(frozen=True)
class ReviewInfo:
    agency_name: str
    agency_ori: str
    agency_state: str
    credentialing_body: str
    assessor: str
    notes: str
    standards_id: str
    standards_sha256: str
    created_at: str


@dataclass(frozen=True)
class DocumentRecord:
    id: int
    sha256: str
    title: str
    filename: str
    page_count: int
    pdf_id: str
    page_labels: tuple[str, ...]
    extractor_version: int
    added_at: str
    added_by: str
    replaces: int | None
    active: bool

    @classmethod
    def from_row(cls, row: dict) -> DocumentRecord:
        return cls(
            id=row["id"], sha256=row["sha256"], title=row["title"], filename=row["filename"],
            page_count=row["page_count"], pdf_id=row["pdf_id"],
            page_labels=tuple(json.loads(row["page_labels"])),
            extractor_version=row["extractor_version"], added_at=row["added_at"],
            added_by=row["added_by"], replaces=row["replaces"], active=bool(row["active"]))

    def page_label(self, page: int) -> str:
        """Printed label of a 0-based page ("iv", "12"), or its 1-based number."""
        if 0 <= page < len(self.page_labels):
            return self.page_labels[page]
        return str(page + 1)


@dataclass(frozen=True)
class Evidence:
    id: int
    item_id: str
    doc_id: int
    kind: str  # "text" or "area"
    page: int  # 0-based
    start: int | None
    end: int | None
    exact: str
    prefix: str
    suffix: str
    quads: tuple[tuple[int, tuple[float, float, float, float]], ...]
    extractor_version: int
    note: str
    status: EvidenceStatus
    previous_exact: str
    created_by: str
    created_at: str
    # the evidence's id in every copy of the review (integer ids are one copy's): a merge
    # of copies edited apart matches evidence by it
    uid: str = field(default_factory=lambda: uuid.uuid4().hex, compare=False)

    def __post_init__(self) -> None:  # stored as plain text: the enum, whoever builds one
        object.__setattr__(self, "status", EvidenceStatus(self.status))

    @classmethod
    def from_row(cls, row: dict) -> Evidence:
        quads = tuple((int(p), tuple(r)) for p, r in json.loads(row["quads"]))
        fields = {k: row[k] for k in cls.__dataclass_fields__
                  if k != "quads" and (k != "uid" or k in row)}
        return cls(**{**fields, "quads": quads})

    def to_row(self) -> dict:
        row = {k: getattr(self, k) for k in self.__dataclass_fields__}
        row["quads"] = json.dumps([[p, list(r)] for p, r in self.quads])
        return row


@dataclass(frozen=True)
class Finding:
    item_id: str
    result: Result
    rationale: str
    needs_rereview: bool
    updated_by: str
    updated_at: str

    def __post_init__(self) -> None:  # stored as plain text: the enum, whoever builds one
        object.__setattr__(self, "result", Result(self.result))

    @classmethod
    def from_row(cls, row: dict) -> Finding:
        return cls(**{**row, "needs_rereview": bool(row["needs_rereview"])})

    @property
    def result_label(self) -> str:
        return self.result.label


@dataclass(frozen=True)
class LogEntry:
    id: int
    at: str
    actor: str
    action: str
    summary: str
    payload: dict
