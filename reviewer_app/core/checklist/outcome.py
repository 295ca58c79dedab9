"""The certification outcome, derived from the mandatory items of the standards set.

Both (all) mandatory items met -> Certified; any mandatory item not met or only partially
met -> Not certified; otherwise the review is In process (also while a mandatory finding
waits for re-review because a policy revision changed its evidence). Discretionary items
never decide the outcome; they are reported alongside it.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewer_app.core.checklist.standards import StandardsSet
from reviewer_app.core.records import Finding
from reviewer_app.core.vocabulary import Result

CERTIFIED, NOT_CERTIFIED, IN_PROCESS = "Certified", "Not certified", "In process"


@dataclass(frozen=True)
class Outcome:
    status: str
    reasons: tuple[str, ...]
    assessed: int
    total: int

    @property
    def not_assessed(self) -> int:
        return self.total - self.assessed

    @property
    def is_draft(self) -> bool:
        return self.not_assessed > 0


def result_of(findings: dict[str, Finding], item_id: str) -> Result:
    f = findings.get(item_id)
    return f.result if f else Result.NOT_ASSESSED


def certification_outcome(standards: StandardsSet, findings: dict[str, Finding]) -> Outcome:
    failed, open_, reasons = [], [], []
    for item in standards.mandatory_items:
        result = result_of(findings, item.id)
        name = f"{item.code} {item.title}"
        finding = findings.get(item.id)
        if result == Result.MET and finding is not None and finding.needs_rereview:
            open_.append(item)
            reasons.append(f"{name}: met, but its evidence changed in a policy revision; "
                           "review it again.")
        elif result == Result.MET:
            reasons.append(f"{name}: met.")
        elif result in (Result.NOT_MET, Result.PARTIAL):
            failed.append(item)
            reasons.append(f"{name}: {result.label.lower()}; a mandatory condition "
                           "must be fully met.")
        elif result == Result.NOT_APPLICABLE:
            open_.append(item)
            reasons.append(f"{name}: marked not applicable, but a mandatory condition applies "
                           "to every agency; assess it.")
        else:
            open_.append(item)
            reasons.append(f"{name}: not yet assessed.")
    if failed:
        status = NOT_CERTIFIED
    elif open_ or not standards.mandatory_items:
        status = IN_PROCESS
    else:
        status = CERTIFIED
    assessed = sum(1 for i in standards.items if result_of(findings, i.id) != Result.NOT_ASSESSED)
    return Outcome(status, tuple(reasons), assessed, len(standards.items))
