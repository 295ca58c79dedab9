"""What keeps a determination from being final: the checks a packet must pass before it may
say more than its evidence shows.

A *blocker* forces the packet to a draft (its reasons printed on the cover): a mandatory
item found met with no evidence linked, no document reviewed, no assessor recorded, a
Not met or Partially met result without a rationale, items not yet assessed. A *warning*
is printed at export and shown in the window but does not stop a final packet: an item
with a result but no rationale, a discretionary item met without evidence.

Works on ``report.review_status`` data, so ``status``, ``export`` and the window agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewer_app.core.checklist.outcome import CERTIFIED, IN_PROCESS, NOT_CERTIFIED

IN_PROCESS_MET = "In process (mandatory conditions met)"
# Before the approving official signs off, a complete review is the assessor's
# recommendation, never a determination (issue 12).
RECOMMEND_CERTIFY = "Recommendation: certify"
RECOMMEND_NOT = "Recommendation: do not certify"


@dataclass(frozen=True)
class Problems:
    blockers: tuple[str, ...]
    warnings: tuple[str, ...]

    @property
    def final_allowed(self) -> bool:
        return not self.blockers

    def all(self) -> list[str]:
        return list(self.blockers) + list(self.warnings)


MAX_CODES_LISTED = 12  # item codes named in one sentence before "and N more"


def met_without_evidence(item: dict) -> bool:
    """A result of Met that no linked evidence supports."""
    return item["result"] == "met" and not item["evidence"]


def review_problems(status: dict) -> Problems:
    blockers: list[str] = []
    warnings: list[str] = []
    if not any(d["active"] for d in status["documents"]):
        blockers.append("No policy document was reviewed: add the agency's policies.")
    people = status.get("stage", {}).get("people", [])
    if not (status["review"].get("assessor", "").strip()
            or any(p["role"] == "assessor" for p in people)):
        blockers.append("The assessor is not recorded: enter the assessor's name "
                        "(Review > Details, or `new --assessor`).")
    missing = [i for i in status["items"] if i["result"] == "not_assessed"]
    if missing:
        codes = ", ".join(i["code"] for i in missing[:MAX_CODES_LISTED])
        if len(missing) > MAX_CODES_LISTED:  # a 300-item set: the first few, then a count
            codes += f" and {len(missing) - MAX_CODES_LISTED} more"
        blockers.append(f"{len(missing)} of {len(status['items'])} items are not assessed "
                        f"({codes}).")
    for item in status["items"]:
        name = f"{item['code']} {item['title']}"
        if met_without_evidence(item):
            text = f"{name}: met, but no evidence clause is linked."
            (blockers if item["mandatory"] else warnings).append(text)
        if not item["rationale"].strip():
            if item["result"] in ("not_met", "partial"):
                blockers.append(f"{name}: {item['result_label'].lower()} without a rationale; "
                                "say what is missing and what to request.")
            elif item["result"] != "not_assessed":
                warnings.append(f"{name}: {item['result_label'].lower()} without a rationale.")
        if item["needs_rereview"]:
            warnings.append(f"{name}: its evidence changed in a policy revision; review it.")
        for ev in item["evidence"]:
            if not ev["intact"]:
                warnings.append(f"{name}: evidence #{ev['id']} ({ev['doc']}, page "
                                f"{ev['page_label']}) is {ev['status']}; check it.")
    return Problems(tuple(blockers), tuple(warnings))


def outcome_label(status: str, assessed: int, total: int, blocked: bool = False,
                  signed_off: bool = False) -> str:
    """What to call the outcome on screen: never "Certified" before every item has a result,
    every blocker is cleared and the approving official signed off (until then, the
    assessor's recommendation)."""
    if status == CERTIFIED and (assessed < total or blocked):
        return IN_PROCESS_MET
    if not signed_off and status == CERTIFIED:
        return RECOMMEND_CERTIFY
    if not signed_off and status == NOT_CERTIFIED:
        return RECOMMEND_NOT
    return status


def label_status(label: str) -> str:
    """The outcome a label stands for, for its colour: the met-but-open label is in process,
    a recommendation has the colour of what it recommends."""
    return {IN_PROCESS_MET: IN_PROCESS, RECOMMEND_CERTIFY: CERTIFIED,
            RECOMMEND_NOT: NOT_CERTIFIED}.get(label, label)
