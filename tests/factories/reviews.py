"""Reviews built through the same core commands the app runs: create, add documents,
link quotes, set findings."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from reviewer_app.core.checklist.standards import resolve_standards
from reviewer_app.core.index.passages import INDEX_KEY
from reviewer_app.core.pdf.documents import inspect_pdf
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.text.anchoring import locate_quote

DETAILS: dict[str, Any] = {"agency_name": "Test PD", "agency_ori": "XX0000000",
                           "assessor": "Tess Tester"}


def create_review(path: Path, **details: Any) -> ReviewStore:
    """An open, empty doj-2020 review; ``details`` override the test agency's."""
    return ReviewStore.create(path, **{**DETAILS, **details},
                              standards=resolve_standards("doj-2020"))


def add_document(store: ReviewStore, data: bytes, filename: str,
                 password: str | None = None) -> int:
    """Add a PDF (decrypted with ``password`` when given); its document id."""
    info = inspect_pdf(data, filename, password)
    return cmd.run(store, cmd.AddDocument(info.data, filename, info)).doc_id


def text_evidence(store: ReviewStore, item_id: str, doc_id: int, quote: str,
                  page: int | None = None) -> cmd.AddEvidence:
    """The command a highlight of ``quote`` in a stored document gives (not yet run)."""
    doc = store.document(doc_id)
    anchor = locate_quote(store.document_text(doc_id), quote, page, doc.title)
    item = store.standards().item(item_id)
    return cmd.AddEvidence(
        item_id=item.id, item_code=item.code, doc_id=doc_id, kind="text", page=anchor.page,
        quads=anchor.quads, start=anchor.start, end=anchor.end, exact=anchor.exact,
        prefix=anchor.prefix, suffix=anchor.suffix)


def link(store: ReviewStore, item_id: str, doc_id: int, quote: str,
         page: int | None = None) -> int:
    """Link ``quote`` of a stored document to an item, as a highlight would; its id."""
    return cmd.run(store, text_evidence(store, item_id, doc_id, quote, page)).evidence.id


def link_area(store: ReviewStore, item_id: str, doc_id: int, page: int,
              rect: tuple[float, float, float, float], note: str = "") -> int:
    """Link a rectangle of a page (area evidence, e.g. on a scan); its id."""
    item = store.standards().item(item_id)
    c = cmd.run(store, cmd.AddEvidence(
        item_id=item.id, item_code=item.code, doc_id=doc_id, kind="area", page=page,
        quads=((page, rect),), note=note))
    return c.evidence.id


def set_finding(store: ReviewStore, item_id: str, result: str, note: str = "") -> None:
    item = store.standards().item(item_id)
    cmd.run(store, cmd.SetFinding(item.id, result, note, item_code=item.code))


def review_file(path: Path, pdfs: Iterable[tuple[str, bytes]] = (), **details: Any) -> Path:
    """A closed review file holding the given (name, PDF bytes), for the window to open."""
    with create_review(path, **details) as store:
        for name, data in pdfs:
            add_document(store, data, name)
    return path


def age_the_index(conn, keep_passages: bool = False) -> None:
    """Make the search index look written by an older segmenter, as in a file of the
    previous release: one whole-review version key, older than this build's; the passages
    dropped, or kept with headings of their own (``keep_passages``). ``conn`` is a store's
    connection or a sqlite3 one (commit it yourself)."""
    conn.execute("DELETE FROM meta WHERE key LIKE ?", (INDEX_KEY + "%",))
    conn.execute("INSERT INTO meta (key, value) VALUES (?, '0')", (INDEX_KEY,))
    if keep_passages:
        conn.execute("UPDATE passages SET section = '', heading = 'Old heading ' || id")
        conn.execute("INSERT INTO passages_fts(passages_fts) VALUES('rebuild')")
    else:
        conn.execute("INSERT INTO passages_fts(passages_fts) VALUES('delete-all')")
        conn.execute("DELETE FROM passages")


def finish_for_sign_off(store: ReviewStore) -> None:
    """Make the review support a determination, so it may be signed off (sign-off refuses
    a draft): every item gets a result (Not applicable, with a reason), every result a
    rationale, and a mandatory Met without evidence an area of the first document's page."""
    findings = store.findings()
    evidenced = {e.item_id for e in store.evidence()}
    docs = store.documents()
    for item in store.standards().ordered_items():
        f = findings.get(item.id)
        result = "not_applicable" if f is None or f.result == "not_assessed" else f.result
        rationale = f.rationale if f is not None and f.rationale.strip() else \
            "Judged on the whole policy (test)."
        if f is None or (result, rationale) != (f.result, f.rationale):
            set_finding(store, item.id, result, rationale)
        if item.mandatory and result == "met" and item.id not in evidenced and docs:
            link_area(store, item.id, docs[0].id, 0, (50.0, 50.0, 300.0, 120.0))
