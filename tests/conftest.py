"""Fixtures every test may use (generated PDFs, small reviews, the corpus labels) and the
marker rules: ``corpus`` (needs ../shared; in CI a skipped corpus test FAILS, since CI
always has ../shared), ``ocr`` (needs Tesseract; skipped without it), ``frozen`` and
``postgres`` (see tests/core/caseload/conftest.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.factories.ci import in_ci
from tests.factories.corpus import CORPUS_ABSENT, corpus_labels
from tests.factories.packets import build_review
from tests.factories.pdfs import SAMPLE_PAGES, make_pdf
from tests.factories.policies import force_policy_blocks, layout_pdf
from tests.factories.reviews import add_document, create_review

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CORPUS_FIXTURES = {"labels"}  # a test using one of these needs the corpus


# -- markers ---------------------------------------------------------------------------------
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark corpus users by fixture; skip ``ocr`` tests where Tesseract is missing."""
    ocr_missing = None
    for item in items:
        if CORPUS_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.corpus)
        if item.get_closest_marker("ocr"):
            if ocr_missing is None:
                from reviewer_app.core.pdf.documents import ocr_status

                ok, how = ocr_status()
                ocr_missing = "" if ok else f"Tesseract OCR is not installed: {how}"
            if ocr_missing:
                item.add_marker(pytest.mark.skip(reason=ocr_missing))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """With CI=true, a skipped corpus test is a failure: CI always has ../shared, so a skip
    there means the corpus went missing or a test stopped finding it."""
    report = yield
    if report.skipped and not hasattr(report, "wasxfail") and in_ci():
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(
            report.longrepr)
        if item.get_closest_marker("corpus") or CORPUS_ABSENT in reason:
            report.outcome = "failed"
            report.longrepr = (f"corpus test skipped in CI (CI=true, where ../shared must "
                               f"exist): {reason}")
    return report


# -- data ------------------------------------------------------------------------------------
@pytest.fixture(scope="session")
def labels() -> dict:
    return corpus_labels()


@pytest.fixture
def pdf_factory():
    return make_pdf


@pytest.fixture
def sample_pdf() -> bytes:
    return make_pdf(SAMPLE_PAGES)


@pytest.fixture(scope="session")
def force_policy_pdf() -> bytes:
    """A use-of-force policy laid out like a real manual (see factories/policies.py)."""
    return layout_pdf(force_policy_blocks())


# -- reviews ---------------------------------------------------------------------------------
@pytest.fixture
def review(tmp_path, sample_pdf):
    """A fresh review with the sample policy added; yields (store, doc_id)."""
    store = create_review(tmp_path / "t.review", agency_state="IL")
    doc_id = add_document(store, sample_pdf, "sample.pdf")
    yield store, doc_id
    store.close()


@pytest.fixture
def draft_review(tmp_path):
    """The packet policies linked, five items assessed (see factories/packets.py)."""
    store = build_review(tmp_path / "draft.review", complete=False)
    yield store
    store.close()


@pytest.fixture
def full_review(tmp_path):
    """A complete review of its own, for tests that change it."""
    store = build_review(tmp_path / "full.review", complete=True)
    yield store
    store.close()


@pytest.fixture(scope="session")
def edge_office(tmp_path_factory) -> dict[str, Path]:
    """The caseload's COPS-list edge cases for January 31, 2027 (read-only: copy before
    changing)."""
    from reviewer_app.core.caseload.sample_office import edge_case_office

    return edge_case_office(tmp_path_factory.mktemp("edge") / "office", 2027)


@pytest.fixture(scope="session")
def shared_review(tmp_path_factory):
    """A complete review that no test changes."""
    store = build_review(tmp_path_factory.mktemp("shared") / "full.review", complete=True)
    yield store
    store.close()
