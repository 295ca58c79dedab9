"""Everything a packet shows, gathered once from the review (read-only) into plain records.

Results, evidence and the outcome come from ``status.review_status`` so the packet can
never disagree with ``status`` or the window. Dates come from the review's own log, never
from the clock, so exporting the same review twice gives the same packet.
"""

from __future__ import annotations

import calendar
import hashlib
import json
from dataclasses import asdict, dataclass, field
from datetime import date

from reviewer_app.core.checklist.standards import Category, Item, StandardsSet
from reviewer_app.core.records import DocumentRecord, Evidence, LogEntry, ReviewInfo
from reviewer_app.core.review.status import review_status
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.vocabulary import Result

FINDING_ACTIONS = {"set_finding"}


@dataclass(frozen=True)
class EvidenceView:
    evidence: Evidence
    number: int  # 1-based within its item
    doc: DocumentRecord
    page_label: str
    intact: bool
    section: str = ""

    @property
    def pages(self) -> list[int]:
        """0-based pages the evidence covers, in order."""
        pages = sorted({p for p, _ in self.evidence.quads})
        return pages or [self.evidence.page]

    def page_labels(self) -> str:
        labels = [self.doc.page_label(p) for p in self.pages]
        return labels[0] if len(labels) == 1 else f"{labels[0]}–{labels[-1]}"


@dataclass(frozen=True)
class ItemView:
    item: Item
    category: Category | None
    result: Result
    result_label: str
    rationale: str
    needs_rereview: bool
    evidence: tuple[EvidenceView, ...]
    decided_by: str = ""  # who recorded the result, and when (ISO)
    decided_at: str = ""


@dataclass(frozen=True)
class PacketData:
    info: ReviewInfo
    standards: StandardsSet
    outcome_status: str
    outcome_reasons: tuple[str, ...]
    assessed: int
    total: int
    items: tuple[ItemView, ...]
    documents: tuple[DocumentRecord, ...]
    log: tuple[LogEntry, ...]
    review_key: str
    revision: int
    determined_at: str  # ISO timestamp of the last finding change (or creation)
    last_change_at: str
    content_sha256: str
    extra: dict = field(default_factory=dict)
    blockers: tuple[str, ...] = ()  # why the packet cannot be final (``determination``)
    warnings: tuple[str, ...] = ()

    @property
    def packet_id(self) -> str:
        # the content hash tells apart two copies of one review that diverged after copying
        return (f"{self.review_key[:4]}-{self.review_key[4:8]}-R{self.revision}-"
                f"{self.content_sha256[:4].upper()}")

    @property
    def not_assessed(self) -> int:
        return self.total - self.assessed

    @property
    def is_draft(self) -> bool:
        """Incomplete, or not yet supported (a blocker): never a final determination."""
        return self.not_assessed > 0 or bool(self.blockers)

    @property
    def determination_date(self) -> date:
        return date.fromisoformat(self.determined_at[:10])

    @property
    def expiry_date(self) -> date | None:
        """End of certification (determination + the set's months), only when certified."""
        if self.is_draft or self.outcome_status != "Certified":
            return None
        return add_months(self.determination_date, self.standards.certification_months)

    @property
    def evidence_count(self) -> int:
        return sum(len(i.evidence) for i in self.items)

    @property
    def mandatory_items(self) -> list[ItemView]:
        return [i for i in self.items if i.item.mandatory]

    @property
    def discretionary_items(self) -> list[ItemView]:
        return [i for i in self.items if not i.item.mandatory]

    @property
    def cited_documents(self) -> list[DocumentRecord]:
        ids = {e.doc.id for i in self.items for e in i.evidence}
        return [d for d in self.documents if d.id in ids]


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months, clamped to the last day of a shorter month."""
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def review_key(info: ReviewInfo, log: list[LogEntry]) -> str:
    """Stable identity of a review: a hash of what was fixed when it was created."""
    first = log[0].at if log else ""
    seed = "|".join([info.created_at, info.agency_name, info.standards_id,
                     info.standards_sha256, first])
    return hashlib.sha256(seed.encode()).hexdigest()[:8].upper()


def is_finding_change(entry: LogEntry) -> bool:
    if entry.action in FINDING_ACTIONS:
        return True
    return entry.action == "undo" and entry.payload.get("undone") in FINDING_ACTIONS


def content_sha256(store: ReviewStore) -> str:
    """Hash of the review's content (not its SQLite pages), stable across checkpoints:
    of the whole review, also when ``store`` shows one of its sets."""
    store = store.whole()  # type: ignore[assignment]
    info = asdict(store.review())
    docs = [{"id": d.id, "sha256": d.sha256, "title": d.title, "active": d.active}
            for d in store.documents(include_inactive=True)]
    evidence = [ev.to_row() for ev in store.evidence()]
    findings = [asdict(f) for _, f in sorted(store.findings().items())]
    log = [asdict(e) for e in store.log_entries()]
    canonical = json.dumps({"review": info, "documents": docs, "evidence": evidence,
                            "findings": findings, "log": log},
                           sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def gather(store: ReviewStore) -> PacketData:
    from reviewer_app.core.packet.headings import section_headings

    status = review_status(store)
    standards = status.standards
    info = status.info
    log = store.log_entries()
    evidence = {ev.id: ev for ev in store.evidence()}
    sections = section_headings(store, list(evidence.values()))
    categories = {c.id: c for c in standards.categories}
    findings = store.findings()
    items = []
    for state in status.items:
        item = state.item
        views = [EvidenceView(e.evidence, n, e.document, e.page_label, e.intact,
                              sections.get(e.evidence.id, ""))
                 for n, e in enumerate(state.evidence, 1)]
        items.append(ItemView(item, categories.get(item.category), state.result,
                              state.result.label, state.rationale, state.needs_rereview,
                              tuple(views),
                              *((findings[item.id].updated_by, findings[item.id].updated_at)
                                if item.id in findings else ("", ""))))
    cited = {ev.doc_id for ev in evidence.values()}
    documents = tuple(d for d in status.documents if d.active or d.id in cited)
    changes = [e.at for e in log if is_finding_change(e)]
    outcome = status.outcome
    return PacketData(
        info=info, standards=standards, outcome_status=outcome.status,
        outcome_reasons=outcome.reasons, assessed=outcome.assessed,
        total=outcome.total, items=tuple(items), documents=documents, log=tuple(log),
        review_key=review_key(info, log), revision=log[-1].id if log else 0,
        determined_at=changes[-1] if changes else info.created_at,
        last_change_at=log[-1].at if log else info.created_at,
        content_sha256=content_sha256(store),
        blockers=status.problems.blockers, warnings=status.problems.warnings)
