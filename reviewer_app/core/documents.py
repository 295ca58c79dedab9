"""Opening policy PDFs safely and describing them: hash, pages, /ID, labels, text layer.

Every failure a user can cause (wrong file type, damage, a password) becomes a
``DocumentError`` with a sentence that names the file and the problem.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from reviewer_app.core.errors import DocumentError, PasswordRequired
from reviewer_app.core.textmap import DocumentText, extract_document

pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)


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

    @property
    def pages_without_text(self) -> list[int]:
        return [i for i, p in enumerate(self.text.pages) if not p.has_text]


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
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # MuPDF raises several types for damaged files
        raise DocumentError(f"{name}: the PDF is damaged and cannot be repaired ({exc}).") from exc
    if doc.needs_pass:
        if password is None:
            raise PasswordRequired(f"{name}: the PDF is password-protected; a password is needed.")
        if not doc.authenticate(password):
            raise PasswordRequired(f"{name}: the password for this PDF is wrong.")
    if doc.page_count == 0:
        raise DocumentError(f"{name}: the PDF has no pages (it may be truncated or damaged).")
    return doc


def decrypted_bytes(doc: pymupdf.Document) -> bytes:
    """The document saved without encryption, so the review never needs the password."""
    return doc.tobytes(encryption=pymupdf.PDF_ENCRYPT_NONE, garbage=1)


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


def inspect_pdf(data: bytes, name: str = "document", password: str | None = None) -> PdfInfo:
    """Open, check and extract a PDF. Raises ``DocumentError`` for unusable input."""
    doc = open_pdf(data, name, password)
    try:
        try:
            text = extract_document(doc)
        except Exception as exc:
            raise DocumentError(f"{name}: the PDF's pages cannot be read ({exc}).") from exc
        title = (doc.metadata or {}).get("title") or Path(name).stem
        return PdfInfo(
            sha256=sha256_bytes(data),
            page_count=doc.page_count,
            pdf_id=pdf_identifier(doc),
            title=title.strip() or Path(name).stem,
            page_labels=page_labels(doc),
            text=text,
            repaired=doc.is_repaired,
        )
    finally:
        doc.close()


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
