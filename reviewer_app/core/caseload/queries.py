"""Reading the caseload: rows with their warnings, filters, and the office's summary.

Shared by ``caseload list``/``summary``, the COPS list, publishing and the window, so the
same review is flagged and counted the same way everywhere.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from reviewer_app.core.caseload.reader import CaseloadEntry
from reviewer_app.core.checklist.outcome import CERTIFIED, IN_PROCESS, NOT_CERTIFIED

OUTCOMES = (CERTIFIED, NOT_CERTIFIED, IN_PROCESS)
EXPIRING_DAYS = 90


@dataclass(frozen=True)
class CaseloadRow:
    entry: CaseloadEntry
    flags: tuple[str, ...] = ()  # duplicate copies, several reviews of one ORI
    newest_copy: bool = True  # False for an older copy of a review found twice

    def expires_within(self, days: int, today: date) -> bool:
        e = self.entry.expires_on
        return bool(e) and today.isoformat() <= e <= (today + timedelta(days=days)).isoformat()

    def expired(self, today: date) -> bool:
        return bool(self.entry.expires_on) and self.entry.expires_on < today.isoformat()


def parse_outcome(text: str) -> str:
    """'certified', 'not-certified', 'in process'... -> the outcome's own spelling."""
    key = text.strip().lower().replace("-", " ").replace("_", " ")
    for outcome in OUTCOMES:
        if outcome.lower() == key:
            return outcome
    raise ValueError(f"'{text}' is not an outcome; use certified, not-certified or in-process")


def _newest_first(entries: list[CaseloadEntry]) -> list[CaseloadEntry]:
    """Latest last change first; among equals, the first path (a stable choice)."""
    by_path = sorted(entries, key=lambda e: e.path)
    return sorted(by_path, key=lambda e: e.last_change_at, reverse=True)


def with_flags(entries: list[CaseloadEntry]) -> list[CaseloadRow]:
    """Each entry with warnings: the same review id in two files (a copy left on a stick:
    the newer has the later last change), or two different reviews of one ORI (the newer
    was created later); each says which one is newer."""
    by_uuid: dict[str, list[CaseloadEntry]] = {}
    by_ori: dict[str, dict[str, CaseloadEntry]] = {}
    for e in entries:
        by_uuid.setdefault(e.review_uuid, []).append(e)
    newest = {u: _newest_first(group)[0] for u, group in by_uuid.items()}
    for e in newest.values():
        if e.ori.strip():
            by_ori.setdefault(e.ori.strip().upper(), {})[e.review_uuid] = e
    rows = []
    for e in entries:
        flags = []
        copies = by_uuid[e.review_uuid]
        top = newest[e.review_uuid]
        if len(copies) > 1:
            others = ", ".join(c.path for c in copies if c is not e)
            if all(c.last_change_at == e.last_change_at for c in copies):
                flags.append(f"the same review also at {others} (identical last change"
                             + ("; counted here)" if top is e else "; counted there)"))
            elif top is e:
                flags.append(f"the same review also at {others}; this copy is newer")
            else:
                flags.append(f"older copy of the review at {top.path}, which is newer")
        reviews = by_ori.get(e.ori.strip().upper(), {}) if e.ori.strip() else {}
        if len(reviews) > 1:
            others_ori = [r for u, r in reviews.items() if u != e.review_uuid]
            latest = sorted(_newest_first(list(reviews.values())),
                            key=lambda r: r.created_at, reverse=True)[0]
            which = "this one is newer" if latest.review_uuid == e.review_uuid \
                else f"newer: {latest.path}"
            flags.append(f"{len(others_ori)} other review(s) of ORI {e.ori.upper()} ("
                         + ", ".join(r.path for r in others_ori) + f"); {which}")
        rows.append(CaseloadRow(e, tuple(flags), top is e))
    return rows


def select(rows: list[CaseloadRow], *, outcomes: list[str] | None = None,
           assessor: str = "", expiring_within: int | None = None, rereview: bool = False,
           search: str = "", body: str = "", today: date | None = None
           ) -> list[CaseloadRow]:
    """Rows matching every filter given (text filters ignore case)."""
    today = today or date.today()
    wanted = set(outcomes or [])
    who, text, org = assessor.strip().lower(), search.strip().lower(), body.strip().lower()
    out = []
    for r in rows:
        e = r.entry
        if wanted and e.outcome not in wanted:
            continue
        if who and who not in e.assessor.lower():
            continue
        if org and org != e.body.strip().lower():
            continue
        if expiring_within is not None and not r.expires_within(expiring_within, today):
            continue
        if rereview and not e.rereview:
            continue
        if text and text not in e.agency.lower() and text not in e.ori.lower():
            continue
        out.append(r)
    return out


def summary(rows: list[CaseloadRow], today: date | None = None) -> dict:
    """Counts by outcome and by assessor, expired (overdue for re-certification), expiring
    within 90 days, awaiting re-review, flagged; older copies are not counted twice."""
    today = today or date.today()
    reviews = [r for r in rows if r.newest_copy]
    by_assessor: dict[str, Counter] = {}
    for r in reviews:
        by_assessor.setdefault(r.entry.assessor or "(none)", Counter())[r.entry.outcome] += 1
    return {
        "reviews": len(reviews),
        "files": len(rows),
        "by_outcome": {o: sum(1 for r in reviews if r.entry.outcome == o) for o in OUTCOMES},
        "by_assessor": {a: {o: c[o] for o in OUTCOMES} | {"total": sum(c.values())}
                        for a, c in sorted(by_assessor.items())},
        "overdue": sum(1 for r in reviews if r.expired(today)),
        "expiring_90_days": sum(1 for r in reviews
                                if r.expires_within(EXPIRING_DAYS, today)),
        "rereview": sum(1 for r in reviews if r.entry.rereview),
        "flagged": sum(1 for r in rows if r.flags),
    }


def determinations_per_week(rows: list[CaseloadRow], weeks: int, today: date | None = None
                            ) -> list[tuple[date, int, int]]:
    """(Monday, certified, not certified) for each of the last ``weeks`` weeks."""
    today = today or date.today()
    start = today - timedelta(days=today.weekday(), weeks=weeks - 1)
    counts = {start + timedelta(weeks=n): [0, 0] for n in range(weeks)}
    for r in rows:
        e = r.entry
        if not r.newest_copy or not e.determined_on:
            continue
        day = date.fromisoformat(e.determined_on)
        monday = day - timedelta(days=day.weekday())
        if monday in counts:
            counts[monday][0 if e.outcome == CERTIFIED else 1] += 1
    return [(m, c, n) for m, (c, n) in counts.items()]
