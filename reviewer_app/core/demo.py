"""The bundled demo review: a fictional agency's policy with some work already recorded.

A new user who starts the app without a file sees this review, so it must open at once and
show every part of the window in use: linked evidence, several results, a rationale, items
still to do. It is built in the user data folder the first time, and rebuilt when the
bundled PDF changes (its SHA-256 differs from the one in the review); a user's own edits to
the demo are kept otherwise.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from reviewer_app.core.checklist.standards import resolve_standards
from reviewer_app.core.errors import DocumentError, ReviewError
from reviewer_app.core.pdf.documents import inspect_pdf, sha256_bytes
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.text.anchoring import locate_quote
from reviewer_app.core.vocabulary import Result
from reviewer_app.resources import resource_path

DEMO_PDF = resource_path("resources", "demo", "sample-policy.pdf")
DEMO_FILENAME = "Riverton demo.review"
DEMO_TITLE = "General Order 300: Use of Force"
DATA_DIR_ENV = "REVIEWER_APP_DATA_DIR"

AGENCY: dict[str, Any] = {"agency_name": "Riverton Police Department", "agency_ori": "XX0000000",
          "agency_state": "", "assessor": "Demo Assessor",
          "credentialing_body": "Example Credentialing Body (fictional)"}

# (item id, quote as printed in the sample policy)
EVIDENCE: list[tuple[str, str]] = [
    ("legal_compliance", "This policy adheres to the Constitution of the United States, federal "
                         "law, the statutes of the State and the ordinances of the City of "
                         "Riverton."),
    ("legal_compliance", "Whether force is objectively reasonable is decided under the standard "
                         "of Graham v. Connor, 490 U.S. 386 (1989)"),
    ("chokehold", "Officers shall not use a chokehold or any other technique that restricts the "
                  "intake of oxygen for the purpose of gaining control of a subject, except in "
                  "situations where the use of deadly force is authorized by law."),
    ("termination_of_force", "When it is objectively reasonable to conclude that a subject is "
                             "under control, officers shall immediately stop the use of force."),
    ("duty_to_intervene", "shall, when in a position to do so, intervene to prevent the use of "
                          "unreasonable force."),
    ("duty_to_intervene", "shall promptly report these observations to a supervisor."),
    ("deescalation", "Officers shall use de-escalation techniques whenever it is safe and "
                     "feasible to do so before resorting to force"),
    ("medical_aid", "officers shall render first aid within the scope of their training to any "
                    "person injured in a use of force"),
    ("warning_shots", "Warning shots are prohibited."),
    ("no_knock", "A no-knock entry may be made only when a judge has expressly authorized it in "
                 "the warrant"),
]

# (item id, result, rationale)
FINDINGS: list[tuple[str, str, str]] = [
    ("legal_compliance", "met",
     "300.4 binds the order to the Constitution, federal and state law and local ordinances, "
     "names Graham v. Connor and Tennessee v. Garner, and tells officers to follow any "
     "stricter state limit."),
    ("termination_of_force", "met", "300.6 B: force stops once the subject is under control."),
    ("duty_to_intervene", "met",
     "300.9: an affirmative duty to intervene regardless of rank, and a duty to report to a "
     "supervisor, with protection against retaliation."),
    ("deescalation", "met", "300.5 requires de-escalation when safe and feasible and lists "
                            "techniques; 300.13 trains it annually."),
    ("medical_aid", "partial",
     "First aid and EMS are required (300.10), but the order does not say who documents the "
     "medical evaluation after neck pressure. Ask the agency for the reporting form."),
    ("warning_shots", "met", "300.8 B prohibits warning shots outright."),
]


def data_dir() -> Path:
    """Where the app keeps its own files (the demo review); overridable for tests."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    import platformdirs

    return platformdirs.user_data_path("reviewer-app", appauthor=False)


def demo_review_path(folder: Path | None = None) -> Path:
    """The demo review, built on first use or when the bundled PDF changed."""
    if not DEMO_PDF.exists():
        raise DocumentError(f"{DEMO_PDF}: the demo policy is missing from this installation.")
    data = DEMO_PDF.read_bytes()
    folder = (folder or data_dir()) / "demo"
    path = folder / DEMO_FILENAME
    if _is_current(path, sha256_bytes(data)):
        return path
    folder.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".building")
    for stale in (tmp, *_sidecars(tmp)):
        stale.unlink(missing_ok=True)
    build_demo_review(tmp, data)
    for stale in _sidecars(path):
        stale.unlink(missing_ok=True)
    os.replace(tmp, path)
    return path


def _sidecars(path: Path) -> list[Path]:
    return [path.with_name(path.name + s) for s in ("-wal", "-shm", "-journal")]


def _is_current(path: Path, sha256: str) -> bool:
    if not path.exists():
        return False
    try:
        with ReviewStore.open(path, read_only=True) as store:
            return [d.sha256 for d in store.documents()] == [sha256]
    except ReviewError:
        return False


def build_demo_review(path: Path, data: bytes) -> None:
    """Create the demo review at ``path`` through the same commands the window uses."""
    store = ReviewStore.create(path, standards=resolve_standards("doj-2020"), **AGENCY)
    try:
        info = inspect_pdf(data, DEMO_PDF.name)
        doc_id = cmd.run(store, cmd.AddDocument(data, DEMO_PDF.name, info, DEMO_TITLE)).doc_id
        assert doc_id is not None  # set by apply
        text = store.document_text(doc_id)
        standards = store.standards()
        for item_id, quote in EVIDENCE:
            anchor = locate_quote(text, quote, doc_name=DEMO_PDF.name)
            cmd.run(store, cmd.AddEvidence(
                item_id=item_id, doc_id=doc_id, kind="text", page=anchor.page,
                quads=anchor.quads, start=anchor.start, end=anchor.end, exact=anchor.exact,
                prefix=anchor.prefix, suffix=anchor.suffix,
                item_code=standards.item(item_id).code))
        for item_id, result, rationale in FINDINGS:
            cmd.run(store, cmd.SetFinding(item_id, Result(result), rationale,
                                          item_code=standards.item(item_id).code))
    finally:
        store.close()
