"""Active content in a submitted PDF: found at add-doc, removed from the packet's copies.

A policy PDF comes from outside and its annotated copy goes on to a credentialing body
and the public record, sealed as part of the packet. Scripts, automatic and launch
actions, links to outside addresses, embedded files and file attachments must not travel
with it, so ``strip_active_content`` removes them (the page content, the text and the
internal links stay) and ``active_content`` names what a PDF holds, for the note at
add-doc.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reviewer_app.core.pdf.mupdf import mupdf

if TYPE_CHECKING:
    import pymupdf

# action types that run something, open something outside the document or send data
ACTIVE_ACTIONS = {"/JavaScript": "scripts", "/Launch": "launch actions",
                  "/URI": "links to outside addresses", "/GoToR": "links to other files",
                  "/GoToE": "links to embedded files", "/SubmitForm": "form submission",
                  "/ImportData": "data import actions", "/Rendition": "media actions",
                  "/Sound": "media actions", "/Movie": "media actions",
                  "/RichMediaExecute": "media actions"}
ACTIVE_ANNOTS = {"FileAttachment": "file attachments", "Sound": "media",
                 "Movie": "media", "Screen": "media", "RichMedia": "media"}
_NAME_TREES = ("JavaScript", "EmbeddedFiles")
_ACTION = re.compile(r"/S\s*(/[A-Za-z]+)")
_ANNOT = re.compile(r"/Subtype\s*/([A-Za-z]+)")
# one cheap test per object before looking closer (a large manual has 80,000 objects)
_SUSPECT = re.compile(r"/JS\b|/AA\s*(?!null\b)[<\d]|/S\s*/(?!GoTo\b)[A-Za-z]|"
                      r"/Subtype\s*/(FileAttachment|Sound|Movie|Screen|RichMedia)\b")


def _open_action(doc: pymupdf.Document, cat: int) -> str:
    """The type of the action run on opening ("" for none, or a mere page to show)."""
    kind, value = doc.xref_get_key(cat, "OpenAction")
    if kind in ("null", "array"):
        return ""
    return doc.xref_get_key(cat, "OpenAction/S")[1]


def active_content(doc: pymupdf.Document) -> list[str]:
    """What active content ``doc`` holds, in words ("scripts", "embedded files"...)."""
    found: set[str] = set()
    cat = doc.pdf_catalog()
    if cat > 0:
        if _open_action(doc, cat) not in ("", "/GoTo"):
            found.add("an action run on opening")
        if doc.xref_get_key(cat, "AA")[0] != "null":
            found.add("automatic actions")
        if doc.xref_get_key(cat, "Names/JavaScript")[0] != "null":
            found.add("scripts")
    if doc.embfile_count():
        found.add("embedded files")
    for xref in range(1, doc.xref_length()):
        try:
            obj = doc.xref_object(xref, compressed=True)
        except Exception:  # a damaged object: nothing to report about it
            continue
        if not _SUSPECT.search(obj):
            continue
        found.update(ACTIVE_ACTIONS[m] for m in _ACTION.findall(obj) if m in ACTIVE_ACTIONS)
        found.update(ACTIVE_ANNOTS[m] for m in _ANNOT.findall(obj) if m in ACTIVE_ANNOTS)
        if re.search(r"/JS\b", obj):
            found.add("scripts")
        if re.search(r"/AA\s*(?!null\b)[<\d]", obj):
            found.add("automatic actions")
    return sorted(found)


def strip_active_content(doc: pymupdf.Document) -> None:
    """Remove scripts, automatic, launch and outside-link actions, embedded files and
    file attachments from ``doc`` in place; text, pages and internal links stay."""
    mu = mupdf()
    cat = doc.pdf_catalog()
    if cat > 0:
        if _open_action(doc, cat) not in ("", "/GoTo"):
            doc.xref_set_key(cat, "OpenAction", "null")
        doc.xref_set_key(cat, "AA", "null")
        if doc.xref_get_key(cat, "PageMode")[1] == "/UseAttachments":
            doc.xref_set_key(cat, "PageMode", "/UseNone")
        for tree in _NAME_TREES:
            if doc.xref_get_key(cat, f"Names/{tree}")[0] != "null":
                doc.xref_set_key(cat, f"Names/{tree}", "null")
    for pno in range(doc.page_count):
        page = doc[pno]
        doc.xref_set_key(page.xref, "AA", "null")
        for link in page.get_links():
            if link.get("kind") in (mu.LINK_URI, mu.LINK_LAUNCH, mu.LINK_GOTOR):
                page.delete_link(link)
        for annot in list(page.annots() or []):
            if annot.type[1] in ACTIVE_ANNOTS:
                page.delete_annot(annot)
    doc.scrub(attached_files=True, embedded_files=True, javascript=True, clean_pages=False,
              hidden_text=False, metadata=False, redactions=False, remove_links=False,
              reset_fields=False, reset_responses=False, thumbnails=False, xml_metadata=False)
    for name in doc.embfile_names():
        doc.embfile_del(name)
    # anything left (an action in a form field or an outline item, a stray object)
    for xref in range(1, doc.xref_length()):
        try:
            obj = doc.xref_object(xref, compressed=True)
            if not _SUSPECT.search(obj):
                continue
            if doc.xref_get_key(xref, "S")[1] in ACTIVE_ACTIONS:
                doc.update_object(xref, "<<>>")
                continue
            if doc.xref_get_key(xref, "A/S")[1] in ACTIVE_ACTIONS:
                doc.xref_set_key(xref, "A", "null")
            if doc.xref_get_key(xref, "AA")[0] != "null":
                doc.xref_set_key(xref, "AA", "null")
        except Exception:  # not a dictionary, or damaged: nothing active to remove
            continue
