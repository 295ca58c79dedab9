"""Files in and out of the window: reading PDFs to add (in a worker), creating reviews.
(The review lock is taken by the store; ``open_problems`` asks what to do when it is held.)

Nothing here imports MuPDF at start-up: ``core.documents`` is imported by the worker that
reads a PDF, so the interface thread never pays for it (nor waits on its import lock).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from reviewer_app.core.checklist.standards import load_standards_file
from reviewer_app.core.errors import PasswordRequired, ReviewError
from reviewer_app.core.review.commands import AddDocument
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.ui.common.workers import run_with_progress
from reviewer_app.ui.dialogs.common import NewReviewSpec, ask_password, show_error


def read_for_preview(path: Path) -> bytes | None:
    """The file's bytes when they look like a PDF (shown while it is being read), else
    None (the worker then reads it again and says what is wrong)."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    return data if b"%PDF" in data[:1024] else None


def _prepare(path: Path, password: str | None, data: bytes | None) -> AddDocument:
    """In a worker thread: read the file; check, extract and segment the PDF in a child
    process (MuPDF holds the GIL for long calls: in this process they would freeze the
    window)."""
    from reviewer_app.core.child import reader
    from reviewer_app.core.index import segment  # noqa: F401 - segment: see below
    from reviewer_app.core.pdf.documents import read_pdf_file

    # Importing here, while the child reads, spares the write that follows (which needs
    # the segmenter's version) an import at a moment the window is drawing.
    return reader.prepare(data if data is not None else read_pdf_file(path), path.name,
                          password)


def prepare_document(parent: QWidget | None, path: Path, data: bytes | None = None,
                     modal: bool = True) -> AddDocument | None:
    """Read and check a PDF (asking for a password if needed); None when the user gives up
    or the file cannot be used (the reason has been shown). The command comes back with
    its text extracted and its clauses segmented, so running it only writes rows.

    ``data``: the file's bytes if already read; ``modal=False``: no progress dialog (the
    caller shows the document meanwhile and says it is being read)."""
    password: str | None = None
    wrong = False
    while True:
        try:
            return run_with_progress(parent, "Add document", f"Reading {path.name}…",
                                     _prepare, path, password, data, modal=modal)
        except PasswordRequired:
            password = ask_password(parent, path.name, wrong)
            wrong = True
            if password is None:
                return None
            continue
        except ReviewError as exc:
            show_error(parent, "Cannot add the document", str(exc))
            return None


def create_review(spec: NewReviewSpec) -> Path:
    """Create the review file from the dialog's answers; raises ReviewError."""
    from reviewer_app.core.caseload.ori import check_ori

    ori = check_ori(spec.agency_ori, spec.agency_state)
    standards = load_standards_file(spec.standards_path)
    store = ReviewStore.create(spec.path, agency_name=spec.agency_name,
                               agency_ori=ori, agency_state=spec.agency_state,
                               assessor=spec.assessor,
                               credentialing_body=spec.credentialing_body,
                               standards=standards)
    store.close()
    return spec.path
