"""Opening policy PDFs safely and describing them: hash, pages, /ID, labels, text layer.

Every failure a user can cause (wrong file type, damage, a password) becomes a
``DocumentError`` with a sentence that names the file and the problem. What is usable but
odd (repaired damage, scanned pages, huge pages, unreadable pages) is accepted and said
in ``PdfInfo.notes``. An encrypted PDF is stored decrypted, so the password is never kept.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import shutil
from array import array
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, cast

from reviewer_app.core.errors import DocumentError, PasswordRequired
from reviewer_app.core.pdf.active_content import active_content
from reviewer_app.core.pdf.mupdf import mupdf
from reviewer_app.core.text.textmap import DocumentText, PageText, extract_page

if TYPE_CHECKING:
    import pymupdf



HUGE_PAGE = 5000.0  # points (about 1.8 m): larger pages are accepted and said so


@dataclass
class PdfInfo:
    """What the review stores about a PDF besides its bytes."""

    sha256: str
    page_count: int
    pdf_id: str
    title: str
    page_labels: list[str]
    text: DocumentText
    repaired: bool = False
    data: bytes = b""  # the bytes to store: decrypted when the file needed a password
    unreadable_pages: list[int] = field(default_factory=list)
    was_encrypted: bool = False
    active_content: list[str] = field(default_factory=list)  # scripts, attachments...

    @property
    def pages_without_text(self) -> list[int]:
        return [i for i, p in enumerate(self.text.pages) if not p.has_text]

    @property
    def huge_pages(self) -> list[int]:
        return [i for i, p in enumerate(self.text.pages)
                if max(p.width, p.height) > HUGE_PAGE]

    @functools.cached_property
    def notes(self) -> list[str]:
        """Sentences for the user about what was accepted but is not ordinary."""
        out = []
        if self.repaired:
            out.append("the PDF was damaged and has been repaired; check that every page "
                       "shows what the agency sent.")
        if self.unreadable_pages:
            out.append(f"{_pages(self.unreadable_pages)}: could not be read; kept without "
                       "text.")
        if self.was_encrypted:
            out.append("the PDF was password-protected; it is stored decrypted and the "
                       "password is not kept.")
        no_text = [p for p in self.pages_without_text if p not in self.unreadable_pages]
        if no_text:
            which = ("no page has a" if len(no_text) == self.page_count
                     else _pages(no_text) + (" has no" if len(no_text) == 1 else " have no"))
            out.append(f"{which} text layer (scanned?): mark evidence there as an area. "
                       f"{ocr_status()[1]}")
        if self.active_content:
            out.append(f"the PDF holds {', '.join(self.active_content)}; the packet's "
                       "annotated copy leaves them out.")
        if self.huge_pages:
            out.append(f"{_pages(self.huge_pages)}: very large (over {HUGE_PAGE:.0f} pt); "
                       "they are shown scaled down.")
        return out


def _pages(pnos: list[int]) -> str:
    shown = ", ".join(str(p + 1) for p in pnos[:8]) + (", ..." if len(pnos) > 8 else "")
    return f"page {shown}" if len(pnos) == 1 else f"pages {shown}"


@functools.cache
def ocr_status() -> tuple[bool, str]:
    """Whether Tesseract OCR can be used, and a sentence saying so or how to get it.

    Asked once per session: the check runs Tesseract and loads MuPDF (~0.1 s)."""
    if os.environ.get("TESSDATA_PREFIX") or shutil.which("tesseract"):
        try:
            mupdf().get_tessdata()
            return True, "OCR with Tesseract is available for those pages."
        except Exception:
            pass
    return False, ("To search such pages, install Tesseract OCR (the 'tesseract' program on "
                   "PATH, or set TESSDATA_PREFIX to its tessdata folder).")


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def open_pdf(data: bytes, name: str = "document", password: str | None = None
             ) -> pymupdf.Document:
    """Open PDF bytes or raise a ``DocumentError`` that says what is wrong with them."""
    if not data:
        raise DocumentError(f"{name}: the file is empty (0 bytes).")
    if b"%PDF" not in data[:1024]:
        raise DocumentError(f"{name}: this is not a PDF file (no %PDF header).")
    try:
        doc = mupdf().open(stream=data, filetype="pdf")
    except Exception as exc:  # MuPDF raises several types for damaged files
        raise DocumentError(f"{name}: the PDF is damaged and cannot be repaired ({exc}).") from exc
    if doc.needs_pass:
        if password is None:
            raise PasswordRequired(f"{name}: the PDF is password-protected; give its password "
                                   "to add it (the password is not stored).")
        if not doc.authenticate(password):
            raise PasswordRequired(f"{name}: the password for this PDF is wrong.")
    if doc.page_count == 0:
        raise DocumentError(f"{name}: the PDF has no pages (it may be truncated or damaged).")
    return doc


def decrypted_bytes(doc: pymupdf.Document) -> bytes:
    """The document saved without encryption, so the review never needs the password."""
    # no_new_id keeps the /ID pair, and with it the bytes are the same on every call
    return doc.tobytes(encryption=mupdf().PDF_ENCRYPT_NONE, garbage=1, no_new_id=True)


def pdf_identifier(doc: pymupdf.Document) -> str:
    kind, value = doc.xref_get_key(-1, "ID")
    return value if kind == "array" else ""


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                           (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"),
                           (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    # PDF 1.7 12.4.2: a..z, then aa..zz, aaa..
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _label(rule: dict, pno: int) -> str:
    n = rule.get("firstpagenum", 1) + pno - rule["startpage"]
    style = rule.get("style", "")
    number = {"D": str(n), "r": _roman(n), "R": _roman(n).upper(), "a": _letters(n),
              "A": _letters(n).upper()}.get(style, "")
    return rule.get("prefix", "") + number


def page_labels(doc: pymupdf.Document) -> list[str]:
    """Printed page labels ("iv", "A-3") from the catalogue's /PageLabels rules.

    Computed from the rules once rather than with ``page.get_label()``, which re-reads
    the number tree for every page (9 s on a 632-page manual).
    """
    rules = sorted(doc.get_page_labels() or [], key=lambda r: r["startpage"])
    labels = []
    for pno in range(doc.page_count):
        applicable = [r for r in rules if r["startpage"] <= pno]
        labels.append(_label(applicable[-1], pno) if applicable else "")
    return [lab or str(i + 1) for i, lab in enumerate(labels)]


class _OcrPage:
    """A page whose words come from an OCR text page; ``extract_page`` reads it as usual."""

    def __init__(self, page: pymupdf.Page, language: str, dpi: int):
        self._page = page
        self._tp = page.get_textpage_ocr(language=language, dpi=dpi, full=True)
        self.cropbox, self.rotation = page.cropbox, page.rotation

    def get_text(self, option: str, sort: bool = False):
        return self._page.get_text(option, sort=sort, textpage=self._tp)


def _empty_page(page: pymupdf.Page) -> PageText:
    rect = page.cropbox
    return PageText("", array("i"), array("f"), array("i"), rect.width, rect.height,
                    page.rotation)


def _extract(doc: pymupdf.Document, name: str, ocr: bool, language: str
             ) -> tuple[DocumentText, list[int]]:
    """Every page's text; a page MuPDF cannot read is kept empty rather than refusing all."""
    pages, unreadable = [], []
    for page in doc.pages():
        try:
            pt = extract_page(page)
            if ocr and not pt.has_text:
                pt = extract_page(cast("pymupdf.Page", _OcrPage(page, language, 300)))
        except Exception:
            unreadable.append(page.number)
            try:
                pt = _empty_page(page)
            except Exception as exc:
                raise DocumentError(f"{name}: the PDF's pages cannot be read ({exc}).") from exc
        pages.append(pt)
    if unreadable and len(unreadable) == doc.page_count:
        raise DocumentError(f"{name}: none of the PDF's pages can be read; it is too damaged.")
    return DocumentText(pages), unreadable


def inspect_pdf(data: bytes, name: str = "document", password: str | None = None,
                ocr: bool = False, ocr_language: str = "eng") -> PdfInfo:
    """Open, check and extract a PDF. Raises ``DocumentError`` for unusable input.

    ``ocr`` reads pages without a text layer with Tesseract (see ``ocr_status``).
    """
    if ocr and not ocr_status()[0]:
        raise DocumentError(f"{name}: OCR is not available. {ocr_status()[1]}")
    doc = open_pdf(data, name, password)
    try:
        encrypted = bool((doc.metadata or {}).get("encryption")) and password is not None
        stored = decrypted_bytes(doc) if encrypted else data
        text, unreadable = _extract(doc, name, ocr, ocr_language)
        title = document_title((doc.metadata or {}).get("title") or "", name)
        return PdfInfo(
            sha256=sha256_bytes(stored),
            page_count=doc.page_count,
            pdf_id=pdf_identifier(doc),
            title=title,
            page_labels=page_labels(doc),
            text=text,
            repaired=doc.is_repaired,
            data=stored,
            unreadable_pages=unreadable,
            was_encrypted=encrypted,
            active_content=active_content(doc),
        )
    finally:
        doc.close()


_JUNK_TITLE = re.compile(r"^(microsoft\s+(word|excel)|untitled|document\d*$|print$)|"
                         r"\.(docx?|pdf|rtf|tmp)$", re.IGNORECASE)


def document_title(metadata_title: str, filename: str) -> str:
    """A tab-worthy title: the PDF's own title unless it is word-processor junk or a bare
    letterhead ("POLICE DEPARTMENT"), else the file name made readable."""
    title = " ".join(metadata_title.split())
    shouting = title.isupper() and len(title.split()) <= 3
    if title and not _JUNK_TITLE.search(title) and not shouting:
        return title
    stem = Path(filename).stem
    parts = [" ".join(p.replace("-", " ").split()) for p in stem.split("_") if p.strip("-_ ")]
    if stem.islower():  # "hanover-park-il_use-of-force" -> "Hanover Park IL – Use of Force"
        parts = [" ".join(_word_case(w, i, len(p.split())) for i, w in enumerate(p.split()))
                 for p in parts]
    return " – ".join(parts) or "Untitled document"


_SMALL_WORDS = {"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to"}


def _word_case(word: str, index: int, count: int) -> str:
    if index == count - 1 and index and len(word) == 2 and word.isalpha():
        return word.upper()  # a state code closing the agency part: "la-grange-il"
    if index and word in _SMALL_WORDS:
        return word
    return word[:1].upper() + word[1:]


def read_pdf_file(path: str | Path) -> bytes:
    path = Path(path)
    if not path.exists():
        raise DocumentError(f"{path}: no such file.")
    if path.is_dir():
        raise DocumentError(f"{path}: is a folder, not a PDF file.")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read ({exc.strerror}).") from exc
