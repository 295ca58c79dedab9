"""Fixtures for the PDF view tests: a view factory that cleans up, and mouse drags."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from reviewer_app.core.text.textmap import DocumentText  # noqa: E402
from tests.factories.texts import text_of  # noqa: E402
from tests.ui import helpers  # noqa: E402


@pytest.fixture
def make_view(qtbot):
    from reviewer_app.ui.pdfview import PdfView

    views = []

    def make(data: bytes, text: DocumentText | None = None, labels=(), *,
             size=(800, 900), isolate: bool = False, **kw):
        view = PdfView(isolate_rendering=isolate, render_workers=1, **kw)
        qtbot.addWidget(view)
        view.resize(*size)
        view.show()
        qtbot.waitExposed(view)
        view.load(data, text if text is not None else text_of(data), list(labels))
        views.append(view)
        return view

    yield make
    for view in views:
        view.render_service.shutdown()


@pytest.fixture
def drag(qtbot):
    """drag(view, start, end): a mouse drag over the view's viewport."""
    def do(view, start, end, steps: int = 4):
        helpers.drag(qtbot, view.viewport(), start, end, steps)

    return do
