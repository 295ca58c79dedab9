"""The command that edits the review's own details: agency, assessor, body, notes."""

from __future__ import annotations

from dataclasses import dataclass

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.review.changes import Changes
from reviewer_app.core.review.commands.base import Command
from reviewer_app.core.review.store import ReviewStore

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
