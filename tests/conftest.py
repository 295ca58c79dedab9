"""Fixtures every test may use (generated PDFs, small reviews, the corpus labels) and the
marker rules: ``corpus`` (needs ../shared; in CI a skipped corpus test FAILS, since CI
always has ../shared), ``ocr`` (needs Tesseract; skipped without it), ``frozen`` and
``postgres`` (see tests/core/caseload/conftest.py)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from tests.factories.ci import in_ci
from tests.factories.corpus import CORPUS_ABSENT, corpus_labels
from tests.factories.packets import build_review
from tests.factories.pdfs import SAMPLE_PAGES, make_pdf
from tests.factories.policies import force_policy_blocks, layout_pdf
from tests.factories.reviews import add_document, create_review

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The person at the keyboard (core/review/workflow/user.py) must not come from the machine
# running the tests: no remembered name, no REVIEWER_APP_USER; the login name remains.
os.environ["REVIEWER_APP_CONFIG_DIR"] = tempfile.mkdtemp(prefix="reviewer-app-config-")
os.environ.pop("REVIEWER_APP_USER", None)

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


@pytest.fixture(autouse=True)
def _no_session_user():
    """A test that names the person (``--as``, ``set_session_user``) leaves no trace."""
    from reviewer_app.core.review.workflow.user import set_session_user

    yield
    set_session_user(None)


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


# -- the command line, for tests that drive it (hostile input, tampered files) ----------
@pytest.fixture
def cli(capsys):
    """Run a sub-command; returns (exit code, stdout, stderr)."""

    from reviewer_app.cli import run_cli

    def run(*args: object) -> tuple[int, str, str]:
        code = run_cli([a if isinstance(a, str) else str(a) for a in args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


@pytest.fixture
def cli_review(tmp_path, sample_pdf, cli) -> Path:
    """A closed review (doj-2020) holding the sample policy as 'Use of Force'."""
    path = tmp_path / "r.review"
    pdf = tmp_path / "policy.pdf"
    pdf.write_bytes(sample_pdf)
    assert cli("new", path, "--agency", "Test PD", "--assessor", "Ann")[0] == 0
    assert cli("add-doc", path, pdf, "--title", "Use of Force")[0] == 0
    return path
