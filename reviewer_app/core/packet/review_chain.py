"""Who stands behind the determination, as the packet prints it: the assessor, the second
reviewer with the agreement figures, and the approving official with the sign-off date."""

from __future__ import annotations

from datetime import date

from reviewer_app.core.packet.model import PacketData
from reviewer_app.core.review.workflow.people import (
    APPROVING_OFFICIAL,
    ASSESSOR,
    SECOND_REVIEWER,
)


def _names(data: PacketData, role: str) -> list[str]:
    return [p.name for p in data.people if p.role == role]


def review_chain(data: PacketData) -> list[tuple[str, str]]:
    """(label, text) rows: assessor, second reviewer, approving official."""
    assessors = _names(data, ASSESSOR) or ([data.info.assessor] if data.info.assessor else [])
    rows = [("Assessor", ", ".join(assessors) or "Not recorded")]
    seconds = _names(data, SECOND_REVIEWER)
    if data.agreement is not None:
        who = ", ".join(seconds) or "Not named"
        rows.append(("Second reviewer", f"{who}; agreement with the assessor: "
                                        f"{data.agreement.summary()}"))
    else:
        rows.append(("Second reviewer", "None (no second review)"))
    stage = data.stage
    if stage.signed_off:
        d = date.fromisoformat(stage.signed_at[:10])
        day = f"{d:%B} {d.day}, {d.year}"
        rows.append(("Approving official", f"{stage.signed_by}, {stage.signed_role}; "
                                           f"signed off {day}"))
    else:
        named = _names(data, APPROVING_OFFICIAL)
        rows.append(("Approving official", "Not signed off" + (
            f" (earlier sign-off by {', '.join(named)} was reopened)" if named else "")))
    return rows


def second_review_text(data: PacketData, item_id: str) -> str:
    """For an item the two reviewers disagreed on: both results and rationales, and how it
    was reconciled ("" when they agreed, or there was no second review)."""
    found = data.agreement
    c = next((c for c in found.disagreements if c.item_id == item_id), None) if found else None
    if c is None:
        return ""
    lines = [f"Assessor: {_said(c.first.label, c.first_rationale)}",
             f"Second reviewer{' ' + c.second_person if c.second_person else ''}: "
             f"{_said(c.second.label, c.second_rationale)}"]
    rec = c.reconciliation
    lines.append(f"Reconciled as {rec.result.label} by {rec.person}: {rec.note}" if rec
                 else "Not yet reconciled.")
    return "\n".join(lines)


def _said(result: str, why: str) -> str:
    return result + (f" ({why.strip()})" if why.strip() else "")
