"""What can be done to one document of the review: rename it, replace it with a revision,
read its scanned pages with OCR; the tab's context menu offering them; and the notes
shown after a document was added (repaired, scanned, huge pages...).
"""

from __future__ import annotations

from functools import cache
from html import escape

from PySide6.QtCore import QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.records import DocumentRecord
from reviewer_app.core.review.commands import AddDocument, RenameDocument
from reviewer_app.core.review.ocr_command import OcrDocument, scanned_pages
from reviewer_app.ui.common.icons import icon
from reviewer_app.ui.common.workers import run_with_progress
from reviewer_app.ui.dialogs.common import show_error


@cache
def ocr_status() -> tuple[bool, str]:
    """Whether Tesseract can be used, and a sentence saying so or how to install it.
    Asked once, when a document with scanned pages first needs it (it loads MuPDF)."""
    from reviewer_app.core.pdf.documents import ocr_status as status

    return status()


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def ocr_state(session, doc_id: int) -> tuple[bool, str]:
    """(can read with OCR now, a tooltip saying why or why not) for one document."""
    if session is None or not doc_id:
        return False, "Show a document first."
    pages = scanned_pages(session.store.document_text(doc_id))
    if not pages:
        return False, "Every page of this document has a text layer; nothing to read."
    available, how = ocr_status()
    if not available:
        return False, how
    if session.read_only:
        return False, "The review is open read-only."
    return True, (f"Read the {_plural(len(pages), 'page')} without a text layer with "
                  "Tesseract OCR, so they can be searched and quoted.")


def rename_document(window, doc_id: int) -> bool:
    session = window.session
    doc = session.document(doc_id) if session else None
    if doc is None or session.read_only:
        return False
    title, ok = QInputDialog.getText(window, "Rename document",
                                     "Title shown on the tab and in the packet:",
                                     QLineEdit.EchoMode.Normal, doc.title)
    title = " ".join(title.split())
    if not ok or title == doc.title:
        return False
    if not title:
        show_error(window, "Rename document", "A document title must not be empty.")
        return False
    return session.execute(RenameDocument(doc_id, title))


def _read_with_ocr(data: bytes, filename: str) -> AddDocument:
    from reviewer_app.core.child import reader

    return reader.prepare(data, filename, ocr=True)


def ocr_document(window, doc_id: int) -> OcrDocument | None:
    """Read the scanned pages of a document with Tesseract (in a child process) and give
    them their text, as one undoable change."""
    session = window.session
    doc = session.document(doc_id) if session else None
    if doc is None:
        return None
    can, why = ocr_state(session, doc_id)
    if not can:
        show_error(window, "Read scanned pages with OCR", why)
        return None
    n = len(scanned_pages(session.store.document_text(doc_id)))
    try:
        prepared = run_with_progress(
            window, "Read scanned pages",
            f"Reading {_plural(n, 'scanned page')} of {doc.title} with OCR\u2026 "
            "(a few seconds a page)", _read_with_ocr, session.store.document_data(doc_id),
            doc.filename)
    except ReviewError as exc:
        show_error(window, "Read scanned pages with OCR", str(exc))
        return None
    cmd = OcrDocument(doc_id, prepared.info.text, prepared.passages)
    if not session.execute(cmd, runner=lambda call: run_with_progress(
            window, "Read scanned pages", f"Saving the text of {doc.title}\u2026", call)):
        return None
    window.show_message(f"Read {_plural(len(cmd.pages), 'page')} of {doc.title} with OCR: "
                        "their text can now be selected and searched. OCR makes mistakes: "
                        "check a quote against the page.", 12000)
    return cmd


def tab_menu(window, pos: QPoint) -> QMenu | None:
    """The context menu of the document tab at ``pos`` (of the tab bar)."""
    tabs = window.area.tabs
    index = tabs.tabAt(pos)
    doc_id = tabs.tabData(index) if index >= 0 else 0
    session = window.session
    if not doc_id or session is None:
        return None
    editable = not session.read_only
    menu = QMenu(tabs)
    menu.setToolTipsVisible(True)
    replace = QAction(icon("revision"), "Replace with revision\u2026", menu)
    replace.triggered.connect(lambda: window.robust.replace_document(doc_id))
    rename = QAction("Rename\u2026", menu)
    rename.triggered.connect(lambda: rename_document(window, doc_id))
    can, why = ocr_state(session, doc_id)
    ocr = QAction("Read scanned pages with OCR\u2026", menu)
    ocr.setToolTip(why)
    ocr.setEnabled(can)
    ocr.triggered.connect(lambda: ocr_document(window, doc_id))
    for act in (replace, rename):
        act.setEnabled(editable)
    menu.addActions([replace, rename])
    menu.addSeparator()
    menu.addAction(ocr)
    return menu


def added_notes_html(doc: DocumentRecord, notes: tuple[str, ...]) -> str:
    """The notes on a document just added, as one readable paragraph and list."""
    notes = tuple(n[:1].upper() + n[1:] for n in notes)
    title = escape(doc.title)
    return (f"<b>{title}</b> was added ({_plural(doc.page_count, 'page')}). Please note:"
            "<ul style='margin:2px 0 0 -22px'>"
            + "".join(f"<li>{escape(n)}</li>" for n in notes) + "</ul>")
