"""Whatever PDFs agencies send: each bad one gets a clear message, nothing is stored
half-way, and what is usable (repaired, scanned, huge, rotated, very long) is accepted."""

from __future__ import annotations

import pymupdf
import pytest

from reviewer_app.cli import run_cli
from reviewer_app.core.errors import DocumentError, PasswordRequired, QuoteNotFound
from reviewer_app.core.pdf import documents
from reviewer_app.core.pdf.documents import inspect_pdf, ocr_status, sha256_bytes
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.status import review_status
from reviewer_app.core.text.anchoring import locate_quote
from tests.factories.pdfs import PASSWORD, SAMPLE_PAGES, encrypted, make_pdf, scanned_pdf


def counts(store) -> tuple[int, ...]:
    return tuple(store.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                 for t in ("documents", "doc_pages", "passages", "evidence", "log"))


@pytest.fixture
def cli_review(new_review, tmp_path):
    store = new_review()
    path = store.path
    store.close()
    return path


def add_doc_cli(path, pdf_path, *extra) -> int:
    return run_cli(["add-doc", str(path), str(pdf_path), *extra])


def stored_counts(path) -> tuple[int, ...]:
    from reviewer_app.core.review.store import ReviewStore

    with ReviewStore.open(path) as store:
        return counts(store)


@pytest.mark.parametrize("data, message", [
    (b"", "the file is empty"),
    (b"PK\x03\x04 a zip file, not a pdf" * 20, "not a PDF file"),
    (b"%PDF-1.7\n" + bytes(range(256)) * 8, "damaged and cannot be repaired"),
])
def test_unusable_files_are_refused_and_nothing_is_stored(cli_review, tmp_path, capsys,
                                                          data, message):
    pdf = tmp_path / "bad.pdf"
    pdf.write_bytes(data)
    before = stored_counts(cli_review)
    assert add_doc_cli(cli_review, pdf) == 2
    err = capsys.readouterr().err
    assert message in err and "bad.pdf" in err and "Traceback" not in err
    assert stored_counts(cli_review) == before


def test_truncated_beyond_repair_is_refused():
    data = make_pdf(SAMPLE_PAGES * 3)
    with pytest.raises(DocumentError, match="damaged and cannot be repaired"):
        inspect_pdf(data[: len(data) // 10], "cut.pdf")


def test_truncated_but_repairable_is_accepted_with_a_note(new_review):
    data = make_pdf(SAMPLE_PAGES * 3)
    cut = data[: int(len(data) * 0.9)]
    info = inspect_pdf(cut, "cut.pdf")
    assert info.repaired and info.page_count == 6
    assert any("damaged and has been repaired" in n for n in info.notes)
    store = new_review()
    doc_id = cmd.run(store, cmd.AddDocument(info.data, "cut.pdf", info)).doc_id
    assert store.document_data(doc_id) == cut  # the file as received, not a rewrite
    assert locate_quote(store.document_text(doc_id), "render first aid", page=1).page == 1


def test_a_page_that_cannot_be_read_is_kept_empty_with_a_note(monkeypatch):
    real = documents.extract_page

    def flaky(page):
        if page.number == 1:
            raise RuntimeError("content stream broken")
        return real(page)

    monkeypatch.setattr(documents, "extract_page", flaky)
    info = inspect_pdf(make_pdf(SAMPLE_PAGES), "flaky.pdf")
    assert info.unreadable_pages == [1] and not info.text.pages[1].has_text
    assert info.text.pages[0].has_text
    assert any("page 2: could not be read" in n for n in info.notes)

    def broken(page):
        raise RuntimeError("every page broken")

    monkeypatch.setattr(documents, "extract_page", broken)
    with pytest.raises(DocumentError, match="none of the PDF's pages can be read"):
        inspect_pdf(make_pdf(SAMPLE_PAGES), "dead.pdf")


# -- passwords ------------------------------------------------------------------------------
def encrypted_pdf() -> bytes:
    return encrypted(make_pdf(SAMPLE_PAGES))


def test_password_is_asked_for_and_a_wrong_one_is_named():
    data = encrypted_pdf()
    with pytest.raises(PasswordRequired, match="password-protected; give its password"):
        inspect_pdf(data, "locked.pdf")
    with pytest.raises(PasswordRequired, match="password for this PDF is wrong"):
        inspect_pdf(data, "locked.pdf", "guess")


def test_encrypted_pdf_is_stored_decrypted_and_the_password_never(new_review):
    data = encrypted_pdf()
    info = inspect_pdf(data, "locked.pdf", PASSWORD)
    assert info.was_encrypted and info.sha256 == sha256_bytes(info.data)
    assert inspect_pdf(data, "locked.pdf", PASSWORD).data == info.data  # deterministic
    store = new_review()
    doc_id = cmd.run(store, cmd.AddDocument(info.data, "locked.pdf", info)).doc_id
    stored = store.document_data(doc_id)
    assert not pymupdf.open(stream=stored).needs_pass
    assert sha256_bytes(stored) == store.document(doc_id).sha256
    store.conn.execute("PRAGMA wal_checkpoint(FULL)")
    assert PASSWORD.encode() not in store.path.read_bytes()


def test_cli_add_doc_with_password(cli_review, tmp_path, capsys):
    pdf = tmp_path / "locked.pdf"
    pdf.write_bytes(encrypted_pdf())
    assert add_doc_cli(cli_review, pdf) == 2
    assert "password-protected" in capsys.readouterr().err
    assert add_doc_cli(cli_review, pdf, "--password", "nope") == 2
    assert "wrong" in capsys.readouterr().err
    assert add_doc_cli(cli_review, pdf, "--password", PASSWORD) == 0
    from reviewer_app.core.review.store import ReviewStore

    with ReviewStore.open(cli_review) as store:
        doc = store.documents()[0]
        stored = store.document_data(doc.id)
        assert sha256_bytes(stored) == doc.sha256 and not pymupdf.open(stream=stored).needs_pass
        assert all(PASSWORD not in str(e.payload) for e in store.log_entries())
    assert PASSWORD.encode() not in cli_review.read_bytes()


# -- scans ----------------------------------------------------------------------------------
def test_scanned_document_is_accepted_for_area_evidence(new_review):
    data = scanned_pdf(SAMPLE_PAGES)
    info = inspect_pdf(data, "scan.pdf")
    assert info.pages_without_text == [0, 1]
    note = next(n for n in info.notes if "no page has a text layer" in n)
    assert "area" in note and ("Tesseract" in note)
    store = new_review()
    doc_id = cmd.run(store, cmd.AddDocument(data, "scan.pdf", info)).doc_id
    with pytest.raises(QuoteNotFound, match="no text layer"):
        locate_quote(store.document_text(doc_id), "Chokeholds")
    cmd.run(store, cmd.AddEvidence(item_id="chokehold", doc_id=doc_id, kind="area", page=0,
                                   quads=((0, (72.0, 120.0, 540.0, 180.0)),),
                                   note="ban on chokeholds, page 1 middle"))
    item = review_status(store).item("chokehold")
    assert item.evidence[0].evidence.kind == "area" and item.evidence[0].intact


def test_ocr_unavailable_says_how_to_get_it(monkeypatch):
    monkeypatch.delenv("TESSDATA_PREFIX", raising=False)
    monkeypatch.setattr(documents.shutil, "which", lambda name: None)
    ocr_status.cache_clear()  # asked once per session; this test changes the machine
    try:
        ok, how = ocr_status()
        assert not ok and "tesseract" in how and "TESSDATA_PREFIX" in how
        with pytest.raises(DocumentError, match="OCR is not available.*TESSDATA_PREFIX"):
            inspect_pdf(scanned_pdf(SAMPLE_PAGES[:1]), "scan.pdf", ocr=True)
    finally:
        ocr_status.cache_clear()


@pytest.mark.ocr
def test_ocr_makes_a_scan_searchable():
    info = inspect_pdf(scanned_pdf(SAMPLE_PAGES), "scan.pdf", ocr=True)
    assert info.pages_without_text == []
    a = locate_quote(info.text, "Chokeholds are prohibited")
    assert a.page == 0 and a.quads


# -- odd geometry and size ------------------------------------------------------------------
def test_huge_page_is_accepted_and_said_so():
    doc = pymupdf.open()
    page = doc.new_page(width=14400, height=14400)  # the PDF maximum, 200 inches
    page.insert_text((7000, 7000), "Chokeholds are prohibited on this poster.", fontsize=60)
    info = inspect_pdf(doc.tobytes(), "poster.pdf")
    assert info.huge_pages == [0] and any("very large" in n for n in info.notes)
    a = locate_quote(info.text, "Chokeholds are prohibited")
    (_, (x0, y0, x1, y1)), = a.quads
    assert 6900 < x0 < x1 < 14400 and 6800 < y0 < y1 < 7100


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_rotated_pages_store_unrotated_geometry(new_review, rotation):
    data = make_pdf(SAMPLE_PAGES, rotation=rotation)
    store = new_review()
    doc_id = cmd.run(store, cmd.AddDocument(data, "r.pdf", inspect_pdf(data))).doc_id
    store.forget_text(doc_id)  # geometry as read back from the file
    a = locate_quote(store.document_text(doc_id), "summon medical assistance")
    page = pymupdf.open(stream=data)[a.page]
    assert page.rotation == rotation and store.document_text(doc_id).pages[1].rotation == rotation
    words = " ".join(page.get_textbox(pymupdf.Rect(r)) for _, r in a.quads)
    assert "summon" in words and "assistance" in words


def test_two_thousand_pages(new_review):
    one = pymupdf.open()
    one.new_page().insert_text((72, 72), "Standing orders apply on every page.", fontsize=10)
    doc = pymupdf.open()
    for _ in range(2000):
        doc.insert_pdf(one)
    doc[1499].insert_text((72, 120), "Rule 1500: members shall obey this order.", fontsize=10)
    data = doc.tobytes()
    info = inspect_pdf(data, "long.pdf")
    assert info.page_count == 2000 and len(info.page_labels) == 2000
    store = new_review()
    doc_id = cmd.run(store, cmd.AddDocument(data, "long.pdf", info)).doc_id
    store.forget_text(doc_id)
    a = locate_quote(store.document_text(doc_id), "Rule 1500: members shall obey this order.")
    assert a.page == 1499 and store.document(doc_id).page_label(a.page) == "1500"
