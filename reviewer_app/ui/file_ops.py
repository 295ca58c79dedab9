"""Files in and out of the window: reading PDFs to add (in a worker), creating reviews,
and the review lock (who else has the file open)."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from reviewer_app.core.commands import AddDocument
from reviewer_app.core.documents import (
    PdfInfo,
    decrypted_bytes,
    inspect_pdf,
    open_pdf,
    read_pdf_file,
)
from reviewer_app.core.errors import PasswordRequired, ReviewError, ReviewLocked
from reviewer_app.core.standards import load_standards_file
from reviewer_app.core.store import ReviewStore
from reviewer_app.ui.dialogs import NewReviewSpec, ask_password, show_error
from reviewer_app.ui.workers import run_with_progress


def _read(path: Path, password: str | None) -> tuple[bytes, PdfInfo]:
    data = read_pdf_file(path)
    info = inspect_pdf(data, path.name, password)
    if password is not None:
        doc = open_pdf(data, path.name, password)
        try:
            data = decrypted_bytes(doc)
        finally:
            doc.close()
    return data, info


def prepare_document(parent: QWidget | None, path: Path) -> AddDocument | None:
    """Read and check a PDF (asking for a password if needed); None when the user gives up
    or the file cannot be used (the reason has been shown)."""
    password: str | None = None
    wrong = False
    while True:
        try:
            data, info = run_with_progress(parent, "Add document", f"Reading {path.name}…",
                                           _read, path, password)
        except PasswordRequired:
            password = ask_password(parent, path.name, wrong)
            wrong = True
            if password is None:
                return None
            continue
        except ReviewError as exc:
            show_error(parent, "Cannot add the document", str(exc))
            return None
        return AddDocument(data, path.name, info)


def create_review(spec: NewReviewSpec) -> Path:
    """Create the review file from the dialog's answers; raises ReviewError."""
    standards = load_standards_file(spec.standards_path)
    store = ReviewStore.create(spec.path, agency_name=spec.agency_name,
                               agency_ori=spec.agency_ori, agency_state=spec.agency_state,
                               assessor=spec.assessor,
                               credentialing_body=spec.credentialing_body,
                               standards=standards)
    store.close()
    return spec.path


class LockHolder:
    """The review lock when ``core.lock`` is available; a no-op otherwise."""

    def __init__(self, path: Path):
        self.lock = None
        if find_spec("reviewer_app.core.lock") is not None:
            from reviewer_app.core.lock import ReviewLock

            self.lock = ReviewLock(path)

    def acquire(self, parent: QWidget | None) -> bool:
        from reviewer_app.ui import dialogs

        if self.lock is None or dialogs.NONINTERACTIVE:
            self.lock = None  # screenshots and scripted runs only read
            return True
        try:
            self.lock.acquire()
            return True
        except ReviewLocked as exc:
            box = QMessageBox(QMessageBox.Icon.Question, "Review in use",
                              f"{exc}\n\nOpen it anyway? Two people editing the same review "
                              "at once can overwrite each other's work.",
                              QMessageBox.StandardButton.Cancel, parent)
            anyway = box.addButton("Open anyway", QMessageBox.ButtonRole.AcceptRole)
            box.exec()
            if box.clickedButton() is not anyway:
                return False
            try:
                self.lock.acquire(take_over=True)
                return True
            except ReviewError as exc2:
                show_error(parent, "Review in use", str(exc2))
                return False

    def release(self) -> None:
        if self.lock is not None:
            try:
                self.lock.release()
            except (OSError, ReviewError):
                pass
