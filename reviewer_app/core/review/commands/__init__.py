"""Every change to a review is a command: applied in one transaction, logged, undoable.

``base`` holds the contract (``Command``, ``run``, ``revert``, ``CommandStack``); the
commands are grouped by what they change. Import them from here: ``commands.AddEvidence``.
Other commands live with their feature: ``ocr_command.OcrDocument``,
``index_rebuild.RebuildIndex``, ``revisions.replace.ReplaceDocument`` / ``ConfirmEvidence``.
"""

from reviewer_app.core.review.commands.base import Command, CommandStack, revert, run
from reviewer_app.core.review.commands.documents import AddDocument, RenameDocument
from reviewer_app.core.review.commands.evidence import (
    AddEvidence,
    EditEvidence,
    RemoveEvidence,
    next_evidence_id,
)
from reviewer_app.core.review.commands.findings import SetFinding
from reviewer_app.core.review.commands.review_details import REVIEW_FIELDS, EditReview
from reviewer_app.core.review.commands.workflow import (
    Reconcile,
    RecordSecondResult,
    Reopen,
    SignOff,
    SubmitForSecondReview,
    SubmitSecondReview,
)

__all__ = ["Command", "CommandStack", "run", "revert", "AddDocument", "RenameDocument",
           "AddEvidence", "RemoveEvidence", "EditEvidence", "next_evidence_id", "SetFinding",
           "EditReview", "REVIEW_FIELDS", "SubmitForSecondReview", "RecordSecondResult",
           "SubmitSecondReview", "Reconcile", "SignOff", "Reopen"]
