"""How far the assessor and the second reviewer agree: percent agreement and Cohen's kappa
over the result categories, and the disagreements side by side.

Only items at least one of them assessed count: two blanks are not an agreement. Kappa is
written here (fifteen lines) rather than taken from scikit-learn or statsmodels, which would
bring scipy and a hundred megabytes into an offline desktop install for one formula.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from reviewer_app.core.checklist.standards import StandardsSet
from reviewer_app.core.review.workflow.people import (
    Reconciliation,
    reconciliations,
    second_results,
)
from reviewer_app.core.review.workflow.snapshot import assessor_snapshot
from reviewer_app.core.vocabulary import Result


def cohens_kappa(pairs: Sequence[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two raters' labels, (observed - chance) / (1 - chance); None when
    chance agreement is 1 (both used one and the same category throughout: undefined)."""
    n = len(pairs)
    if n == 0:
        return None
    observed = sum(a == b for a, b in pairs) / n
    first, second = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    chance = sum(first[k] * second[k] for k in first) / (n * n)
    if chance >= 1.0:
        return None
    return (observed - chance) / (1.0 - chance)


@dataclass(frozen=True)
class ItemComparison:
    item_id: str
    code: str
    title: str
    first: Result  # the assessor's result as submitted (the frozen snapshot)
    first_rationale: str
    second: Result
    second_rationale: str
    second_person: str
    reconciliation: Reconciliation | None

    @property
    def agrees(self) -> bool:
        return self.first == self.second

    def to_json(self) -> dict:
        rec = self.reconciliation
        return {"item": self.item_id, "code": self.code, "title": self.title,
                "assessor": {"result": self.first, "rationale": self.first_rationale},
                "second_reviewer": {"result": self.second, "rationale": self.second_rationale,
                                    "person": self.second_person},
                "agrees": self.agrees,
                "reconciliation": None if rec is None else {
                    "result": rec.result, "note": rec.note, "person": rec.person,
                    "at": rec.at}}


@dataclass(frozen=True)
class Agreement:
    compared: tuple[ItemComparison, ...]  # items at least one of them assessed
    kappa: float | None

    @property
    def agreed(self) -> int:
        return sum(c.agrees for c in self.compared)

    @property
    def percent(self) -> float | None:
        return 100.0 * self.agreed / len(self.compared) if self.compared else None

    @property
    def disagreements(self) -> list[ItemComparison]:
        return [c for c in self.compared if not c.agrees]

    @property
    def unsettled(self) -> list[ItemComparison]:
        return [c for c in self.disagreements if c.reconciliation is None]

    def summary(self) -> str:
        """"9 of 12 items agree (75.0%), Cohen's kappa 0.62; 3 disagreements, 1 unsettled"."""
        if not self.compared:
            return "no item was assessed by either reviewer"
        kappa = "not defined (one category only)" if self.kappa is None \
            else f"{self.kappa:.2f}"
        text = (f"{self.agreed} of {len(self.compared)} items agree ({self.percent:.1f}%), "
                f"Cohen's kappa {kappa}; {len(self.disagreements)} disagreement(s)")
        if self.unsettled:
            text += f", {len(self.unsettled)} not yet reconciled"
        return text

    def to_json(self) -> dict:
        return {"items_compared": len(self.compared), "items_agreeing": self.agreed,
                "percent_agreement": None if self.percent is None else round(self.percent, 2),
                "cohens_kappa": None if self.kappa is None else round(self.kappa, 4),
                "disagreements": [c.to_json() for c in self.disagreements],
                "unreconciled": [c.code for c in self.unsettled]}


def compare(standards: StandardsSet, first: dict[str, tuple[str, str]],
            conn: sqlite3.Connection) -> Agreement:
    """The agreement between ``first`` (item -> (result, rationale)) and the second
    reviewer's results stored in the review."""
    second, settled = second_results(conn), reconciliations(conn)
    out = []
    for item in standards.ordered_items():
        a, a_why = first.get(item.id, (Result.NOT_ASSESSED, ""))
        s = second.get(item.id)
        b = s.result if s else Result.NOT_ASSESSED
        if a == Result.NOT_ASSESSED and b == Result.NOT_ASSESSED:
            continue  # both left it blank: not an agreement
        out.append(ItemComparison(item.id, item.code, item.title, Result(a), a_why, b,
                                  s.rationale if s else "", s.person if s else "",
                                  settled.get(item.id)))
    return Agreement(tuple(out), cohens_kappa([(c.first, c.second) for c in out]))


def review_agreement(conn: sqlite3.Connection, standards: StandardsSet) -> Agreement | None:
    """The review's agreement, or None before the assessor submitted for second review."""
    snapshot = assessor_snapshot(conn)
    if snapshot is None:
        return None
    return compare(standards, snapshot, conn)
