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
CATALOG_KEYS = ("OpenAction", "AA")
_NAME_TREES = ("JavaScript", "EmbeddedFiles")


def active_content(doc: pymupdf.Document) -> list[str]:
    """What active content ``doc`` holds, in words ("scripts", "embedded files"...)."""
    found: set[str] = set()
    cat = doc.pdf_catalog()
    if cat > 0:
        if doc.xref_get_key(cat, "OpenAction")[0] != "null":
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
        for name, what in ACTIVE_ACTIONS.items():
            if re.search(rf"/S\s*{name}\b", obj):
                found.add(what)
        for name, what in ACTIVE_ANNOTS.items():
            if re.search(rf"/Subtype\s*/{name}\b", obj):
                found.add(what)
        if re.search(r"/JS\b", obj):
            found.add("scripts")
    return sorted(found)


def strip_active_content(doc: pymupdf.Document) -> None:
    """Remove scripts, automatic, launch and outside-link actions, embedded files and
    file attachments from ``doc`` in place; text, pages and internal links stay."""
    cat = doc.pdf_catalog()
    if cat > 0:
        for key in CATALOG_KEYS:
            doc.xref_set_key(cat, key, "null")
        if doc.xref_get_key(cat, "PageMode")[1] == "/UseAttachments":
            doc.xref_set_key(cat, "PageMode", "/UseNone")
        for tree in _NAME_TREES:
            if doc.xref_get_key(cat, f"Names/{tree}")[0] != "null":
                doc.xref_set_key(cat, f"Names/{tree}", "null")
    for pno in range(doc.page_count):
        page = doc[pno]
        doc.xref_set_key(page.xref, "AA", "null")
        for link in page.get_links():
            if link.get("kind") in (pymupdf.LINK_URI, pymupdf.LINK_LAUNCH,
                                    pymupdf.LINK_GOTOR):
                page.delete_link(link)
        for annot in list(page.annots() or []):
            if annot.type[1] in ACTIVE_ANNOTS:
                page.delete_annot(annot)
    doc.scrub(attached_files=True, embedded_files=True, javascript=True, clean_pages=False,
              hidden_text=False, metadata=False, redactions=False, remove_links=False,
              reset_fields=False, reset_responses=False, thumbnails=False, xml_metadata=False)
    for name in doc.embfile_names():
        doc.embfile_del(name)
    # anything left (an action in a form field, an outline item, a stray object)
    for xref in range(1, doc.xref_length()):
        try:
            for key in ("S", "A/S"):
                kind = doc.xref_get_key(xref, key)[1]
                if kind in ACTIVE_ACTIONS:
                    target = xref if key == "S" else None
                    if target is None:
                        doc.xref_set_key(xref, "A", "null")
                    else:
                        doc.update_object(xref, "<<>>")
            if doc.xref_get_key(xref, "AA")[0] != "null":
                doc.xref_set_key(xref, "AA", "null")
        except Exception:  # not a dictionary, or damaged: nothing active to remove
            continue
