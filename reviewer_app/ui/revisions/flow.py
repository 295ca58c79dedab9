"""Replacing a document with a revised PDF from the window, and accepting new wording.

Reading the revision happens in a child process (``core.reader``, as for adding a
document), asking for a password when it has one; carrying the evidence over is one
``ReplaceDocument`` on the undo stack, written behind a progress dialog. The results
dialog then says what became of every evidence.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from reviewer_app.core.errors import PasswordRequired, ReviewError
from reviewer_app.core.review.commands import AddDocument
from reviewer_app.core.revisions.replace import ConfirmEvidence, ReplaceDocument
from reviewer_app.core.vocabulary import EvidenceStatus
from reviewer_app.ui.common.workers import run_with_progress
from reviewer_app.ui.dialogs.common import PDF_FILTER, ask_password, show_error
from reviewer_app.ui.revisions.dialog import RevisionResultsDialog
from reviewer_app.ui.revisions.marks import STATUS_TEXT
from reviewer_app.ui.revisions.summary import RevisionReport, report_for_replacement


def _read(path: Path, password: str | None) -> AddDocument:
    """In a worker thread: the file, checked, extracted and segmented in a child process."""
    from reviewer_app.core.child import reader
    from reviewer_app.core.pdf.documents import read_pdf_file

    return reader.prepare(read_pdf_file(path), path.name, password)


def read_revision(parent: QWidget | None, path: Path, title: str) -> AddDocument | None:
    """The revised PDF ready to store, or None when it cannot be used or the user gave
    up (the reason has been shown). The password, if one is asked, is never stored."""
    password: str | None = None
    wrong = False
    while True:
        try:
            return run_with_progress(parent, "Replace document",
                                     f"Reading {path.name}\u2026", _read, path, password)
        except PasswordRequired:
            password = ask_password(parent, path.name, wrong)
            wrong = True
            if password is None:
                return None
        except ReviewError as exc:
            show_error(parent, f"Cannot use {path.name} as a revision of {title}", str(exc))
            return None


def replace_document(window, doc_id: int, path: Path | None = None
                     ) -> ReplaceDocument | None:
    """Ask for the revised PDF (unless given), replace the document, show the results."""
    session = window.session
    doc = session.document(doc_id) if session else None
    if doc is None or session.read_only:
        return None
    window.item_panel.rationale.flush()
    if path is None:
        name, _ = QFileDialog.getOpenFileName(
            window, f"Revised version of {doc.title}", window.settings.last_dir("pdf"),
            PDF_FILTER)
        if not name:
            return None
        path = Path(name)
    prepared = read_revision(window, path, doc.title)
    if prepared is None:
        return None
    window.settings.set_last_dir("pdf", path)
    if prepared.info.sha256 == doc.sha256:
        show_error(window, "Nothing to replace", f"{path.name} is the very file already in "
                   f"the review as {doc.title}; choose the revised PDF.")
        return None
    prepared.title = doc.title  # the revision keeps the policy's title on its tab
    cmd = ReplaceDocument(doc_id, prepared.data, path.name, prepared.info, add=prepared)
    page = window.view.current_page() if window.area.doc_id == doc_id else 0
    carrying = (f"Finding the evidence of {doc.title} in {path.name}\u2026")
    if not session.execute(cmd, runner=lambda call: run_with_progress(
            window, "Replace document", carrying, call)):
        return None
    if window.area.doc_id == cmd.new_doc_id and page > 0:
        window.view.go_to_page(min(page, max(window.view.page_count() - 1, 0)))
    counts = cmd.counts()
    window.show_message(f"{doc.title} replaced by {path.name}: "
                        + ", ".join(f"{n} {STATUS_TEXT[s][0].lower()}"
                                    for s, n in counts.items() if n)
                        if cmd.outcomes else f"{doc.title} replaced by {path.name}.", 10000)
    show_report(window, report_for_replacement(session, cmd, prepared.info.notes))
    return cmd


def show_report(window, report: RevisionReport) -> RevisionResultsDialog:
    dlg = RevisionResultsDialog(window, window.session, report)
    dlg.confirmRequested.connect(lambda ids: confirm_wording(window, ids))
    dlg.revealRequested.connect(window.controller.reveal_evidence)
    window.robust.report_dialog = dlg
    dlg.finished.connect(lambda _r: window.robust.report_closed(dlg))
    dlg.show()
    return dlg


def confirm_wording(window, evidence_ids: list[int]) -> int:
    """Accept the new wording of changed evidence (or the new place of moved evidence):
    one undo step for all of them."""
    session = window.session
    if session is None or session.read_only:
        return 0
    todo = [ev for ev in map(session.evidence_by_id, evidence_ids)
            if ev is not None and ev.status in (EvidenceStatus.CHANGED, EvidenceStatus.MOVED)]
    stack = session.undo_stack
    if len(todo) > 1:
        stack.beginMacro(f"Accept new wording of {len(todo)} evidence")
    done = 0
    try:
        for ev in todo:
            code = session.item(ev.item_id).code if session.standards.has_item(
                ev.item_id) else ev.item_id
            done += session.execute(ConfirmEvidence(ev.id, item_code=code))
    finally:
        if len(todo) > 1:
            stack.endMacro()
    if done:
        what = "wording" if any(ev.status == EvidenceStatus.CHANGED for ev in todo) else "place"
        window.show_message(f"Accepted the new {what} of {done} evidence "
                            f"link{'s' if done != 1 else ''} (Ctrl+Z takes it back).", 6000)
    return done
