"""Write the golden review files of this release into tests/data/ (run from the repository
root: ``python -m tests.data.make_golden_reviews``); commit what it writes.

A golden file is a review saved by one release, kept so that later releases prove they
still open it: tests/core/review/test_golden_files.py reads each one with the current code
and checks what it holds. When the schema changes, keep the old files and add the new
release's with this script; never regenerate an old one. Everything is built through the
core's commands from generated PDFs (no corpus documents).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reviewer_app import __version__
from reviewer_app.core.pdf.documents import inspect_pdf
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.schema import SCHEMA_VERSION
from reviewer_app.core.revisions.replace import ReplaceDocument
from tests.factories.pdfs import (
    AID,
    CHOKE,
    INTERVENE,
    SAMPLE_PAGES,
    SCAN_TEXT,
    SCOPE,
    make_pdf,
    revised_pdf,
    scanned_pdf,
)
from tests.factories.reviews import add_document, create_review, link, link_area, set_finding

DATA = Path(__file__).resolve().parent

DETAILS = {"agency_name": "Golden Valley Police Department", "agency_ori": "GV0000000",
           "agency_state": "MN", "assessor": "Gale Golden",
           "credentialing_body": "Golden Accreditation"}
NOTES = "Golden file: do not regenerate; add a new one per schema version."
POLICY, SCAN = "use-of-force.pdf", "scanned-annex.pdf"
POLICY_TITLE = "Use of Force Policy 300"
REVISION = "use-of-force-rev2.pdf"
TEXT_LINKS = {"chokehold": CHOKE, "duty_to_intervene": INTERVENE, "medical_aid": AID,
              "legal_compliance": SCOPE}
AREA = ("deescalation", 0, (72.0, 72.0, 400.0, 140.0), "scanned clause on de-escalation")
FINDINGS = {
    "chokehold": ("met", "Prohibited except where deadly force is lawful."),
    "duty_to_intervene": ("partial", "Duty exists; reporting is vague."),
    "medical_aid": ("met", "Aid and medical assistance — §300.4 ✓"),
    "legal_compliance": ("not_met", ""),
    "no_knock": ("not_applicable", "The department does not serve warrants."),
}
# what replacing the policy with its revision does to each text link (see factories/pdfs)
REVISION_STATUS = {"chokehold": "moved", "legal_compliance": "moved",
                   "duty_to_intervene": "changed", "medical_aid": "orphaned"}


def golden_name(schema: int = SCHEMA_VERSION, version: str = __version__) -> str:
    return f"review-schema{schema}-v{version}.review"


def build(path: Path) -> None:
    """A review as an assessor would leave it midway: two documents (one scanned), text
    and area evidence, findings with rationale, a renamed document, then the policy
    replaced by a revision (evidence moved, changed and orphaned; findings to re-review)."""
    with create_review(path, **DETAILS) as store:
        cmd.run(store, cmd.EditReview({"notes": NOTES}))
        policy = add_document(store, make_pdf(SAMPLE_PAGES), POLICY)
        scan = add_document(store, scanned_pdf([SCAN_TEXT], dpi=50), SCAN)
        cmd.run(store, cmd.RenameDocument(policy, POLICY_TITLE))
        for item, quote in TEXT_LINKS.items():
            link(store, item, policy, quote)
        item, page, rect, note = AREA
        link_area(store, item, scan, page, rect, note)
        for item, (result, rationale) in FINDINGS.items():
            set_finding(store, item, result, rationale)
        data = revised_pdf()
        cmd.run(store, ReplaceDocument(policy, data, REVISION, inspect_pdf(data, REVISION)))
    with sqlite3.connect(path) as conn:  # one self-contained, compact file
        conn.execute("PRAGMA journal_mode=DELETE")
        conn.execute("VACUUM")
    conn.close()


def main() -> None:
    path = DATA / golden_name()
    if path.exists():
        raise SystemExit(f"{path.name} exists: golden files are never regenerated")
    build(path)
    print(f"wrote {path.relative_to(DATA.parents[1])} ({path.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
