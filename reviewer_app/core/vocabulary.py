"""The words of a review: an item's result and the status of an evidence record.

Both are ``StrEnum``s, so a member *is* the string stored in the review file and printed by
``status --json``: files and output do not change, and comparing with a plain string still
works. Members are declared in display order. Labels and descriptions are plain words;
colours and glyphs belong to whoever draws them (``ui/common/theme.py``, the packet styles).
"""

from __future__ import annotations

import enum

# USPS state, district and territory codes, plus NCIC's own spelling for Nebraska (NB): a
# review's state, an ORI's prefix and a standards set's state law notes are checked by them.
STATE_CODES = frozenset("""
AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH
NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI NB
""".split())


class Result(enum.StrEnum):
    """An assessor's finding on one checklist item; ``NOT_ASSESSED`` is the absence of one."""

    MET = "met"
    PARTIAL = "partial"
    NOT_MET = "not_met"
    NOT_APPLICABLE = "not_applicable"
    NOT_ASSESSED = "not_assessed"

    @property
    def label(self) -> str:
        """"Partially met": how people read the result."""
        return _RESULT_TEXT[self][0]

    @property
    def description(self) -> str:
        """One sentence saying what the result means."""
        return _RESULT_TEXT[self][1]

    @classmethod
    def choices(cls) -> tuple[Result, ...]:
        """The results an assessor can choose (all but ``NOT_ASSESSED``), in order."""
        return tuple(r for r in cls if r is not cls.NOT_ASSESSED)


class EvidenceStatus(enum.StrEnum):
    """Where a policy revision left a piece of evidence (``INTACT`` until one does)."""

    INTACT = "intact"
    MOVED = "moved"
    CHANGED = "changed"
    ORPHANED = "orphaned"

    @property
    def label(self) -> str:
        return _STATUS_TEXT[self][0]

    @property
    def description(self) -> str:
        return _STATUS_TEXT[self][1]

    @property
    def anchored(self) -> bool:
        """True when the evidence still points at its words (intact, or moved and re-anchored)."""
        return self in (EvidenceStatus.INTACT, EvidenceStatus.MOVED)

    @property
    def needs_assessor(self) -> bool:
        """True when only the assessor can settle the evidence (changed wording, not found)."""
        return self in (EvidenceStatus.CHANGED, EvidenceStatus.ORPHANED)


_RESULT_TEXT: dict[Result, tuple[str, str]] = {
    Result.MET: ("Met", "The policy satisfies the condition in full."),
    Result.PARTIAL: ("Partially met", "The policy addresses the condition but falls short of "
                                      "it in some part."),
    Result.NOT_MET: ("Not met", "The policy does not satisfy the condition."),
    Result.NOT_APPLICABLE: ("Not applicable", "The condition does not apply to this agency."),
    Result.NOT_ASSESSED: ("Not assessed", "No finding has been recorded yet."),
}

_STATUS_TEXT: dict[EvidenceStatus, tuple[str, str]] = {
    EvidenceStatus.INTACT: ("Unchanged", "Same words in the same place."),
    EvidenceStatus.MOVED: ("Moved", "Found word for word in the current revision, in another "
                                    "place."),
    EvidenceStatus.CHANGED: ("Wording changed", "The clause was found in the current revision "
                             "with different words; accept the new wording or link the clause "
                             "again."),
    EvidenceStatus.ORPHANED: ("Not found", "The clause was not found in the current revision. "
                              "The evidence is kept on the replaced revision; link the clause "
                              "again if the policy still has it."),
}
