"""The stage a review is in, and the guard that closes a signed-off review to edits.

assessment -> (submit) second_review -> (submit) reconciliation -> (sign off) signed_off;
reopening (with a reason, logged) goes back to reconciliation, or to assessment when there
was no second review. Reads only: the commands in ``commands/workflow.py`` change it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from reviewer_app.core.errors import ReviewError

ASSESSMENT, SECOND_REVIEW, RECONCILIATION, SIGNED_OFF = (
    "assessment", "second_review", "reconciliation", "signed_off")
STAGES = (ASSESSMENT, SECOND_REVIEW, RECONCILIATION, SIGNED_OFF)
STAGE_LABELS = {ASSESSMENT: "Assessment", SECOND_REVIEW: "Second review",
                RECONCILIATION: "Reconciliation", SIGNED_OFF: "Signed off"}


@dataclass(frozen=True)
class Stage:
    stage: str = ASSESSMENT
    signed_by: str = ""
    signed_role: str = ""
    signed_at: str = ""  # ISO timestamp of the sign-off

    @property
    def label(self) -> str:
        return STAGE_LABELS[self.stage]

    @property
    def signed_off(self) -> bool:
        return self.stage == SIGNED_OFF

    @property
    def blind(self) -> bool:
        """The second reviewer is working: the assessor's results stay hidden."""
        return self.stage == SECOND_REVIEW

    def describe(self) -> str:
        """"Signed off by Ola Official (approving official) on 2026-12-04" or the label."""
        if not self.signed_off:
            return self.label
        role = f" ({self.signed_role.replace('_', ' ')})" if self.signed_role else ""
        return f"Signed off by {self.signed_by}{role} on {self.signed_at[:10]}"


def read_stage(conn: sqlite3.Connection) -> Stage:
    """The review's stage (a file without the table, read before its upgrade: assessment)."""
    try:
        row = conn.execute("SELECT stage, signed_by, signed_role, signed_at FROM stage "
                           "WHERE id = 1").fetchone()
    except sqlite3.OperationalError:
        return Stage()
    return Stage(*row) if row else Stage()


def refuse_if_signed_off(conn: sqlite3.Connection, what: str = "") -> None:
    """Raise the one sentence a closed review answers every edit with."""
    stage = read_stage(conn)
    if stage.signed_off:
        done = f"{what}: " if what else ""
        raise ReviewError(f"{done}the review was signed off by {stage.signed_by} on "
                          f"{stage.signed_at[:10]}; reopen with a reason to edit "
                          "(Review > Reopen…, or `reviewer-app reopen FILE --reason TEXT`).")


def refuse_unless(conn: sqlite3.Connection, allowed: tuple[str, ...], what: str) -> Stage:
    """The stage, or a clear refusal when ``what`` does not belong to it."""
    stage = read_stage(conn)
    refuse_if_signed_off(conn, what)
    if stage.stage not in allowed:
        wanted = " or ".join(STAGE_LABELS[s].lower() for s in allowed)
        raise ReviewError(f"{what}: the review is in {stage.label.lower()}, and this "
                          f"belongs to {wanted}.")
    return stage
