"""Shared fixtures: offscreen Qt, the corpus (skipped when absent), small generated PDFs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_pdf(name: str) -> Path:
    path = CORPUS / "docs" / name
    if not path.exists():
        pytest.skip(f"corpus document {name} not available (../shared absent)")
    return path


@pytest.fixture(scope="session")
def labels() -> dict:
    path = CORPUS / "labels.json"
    if not path.exists():
        pytest.skip("corpus labels not available (../shared absent)")
    return json.loads(path.read_text())


def make_pdf(pages: list[str], rotation: int = 0, fontsize: float = 11) -> bytes:
    """A small PDF whose pages hold the given text, wrapped into lines."""
    import pymupdf

    doc = pymupdf.open()
    for text in pages:
        page = doc.new_page(width=612, height=792)
        if text:
            page.insert_textbox(pymupdf.Rect(72, 72, 540, 720), text, fontsize=fontsize)
        if rotation:
            page.set_rotation(rotation)
    doc.set_metadata({"title": "Generated Policy"})
    return doc.tobytes()


@pytest.fixture
def pdf_factory():
    return make_pdf


SAMPLE_PAGES = [
    "300.1 PURPOSE AND SCOPE\nThis policy provides guidelines on the reasonable use of force. "
    "Officers shall use only that amount of force that reasonably appears necessary.\n"
    "300.2 CHOKEHOLDS\nChokeholds are prohibited unless deadly force is authorized by law.",
    "300.3 DUTY TO INTERVENE\nAny officer present and observing another officer using "
    "excessive force shall intervene to prevent the use of unreasonable force.\n"
    "300.4 MEDICAL AID\nOfficers shall render first aid and summon medical assistance "
    "for any person injured during a use of force.",
]


@pytest.fixture
def sample_pdf() -> bytes:
    return make_pdf(SAMPLE_PAGES)


@pytest.fixture
def review(tmp_path, sample_pdf):
    """A fresh review with the sample policy added; yields (store, doc_id)."""
    from reviewer_app.core.checklist.standards import resolve_standards
    from reviewer_app.core.pdf.documents import inspect_pdf
    from reviewer_app.core.review import commands as cmd
    from reviewer_app.core.review.store import ReviewStore

    store = ReviewStore.create(tmp_path / "t.review", agency_name="Test PD", agency_ori="XX0000000",
                               agency_state="IL", assessor="Tess Tester",
                               standards=resolve_standards("doj-2020"))
    info = inspect_pdf(sample_pdf, "sample.pdf")
    c = cmd.run(store, cmd.AddDocument(sample_pdf, "sample.pdf", info))
    yield store, c.doc_id
    store.close()
