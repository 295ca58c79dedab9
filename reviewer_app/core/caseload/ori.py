"""ORI (Originating Agency Identifier) checks: nine characters, a state or territory code
then seven letters or digits. An ORI is how the COPS Office knows an agency, so a wrong
one is caught when the review is created rather than when the yearly list is due.

The checks live in ``core.review.fields`` beside the review's other field checks (state,
names), so that creating a review and the caseload judge an ORI the same way."""

from __future__ import annotations

from reviewer_app.core.review.fields import STATE_CODES, check_ori, ori_problem

__all__ = ["STATE_CODES", "check_ori", "ori_problem"]
