"""Fixtures for the robustness tests of the window: the window fixtures of tests/ui, a
review with linked evidence and findings, and stand-ins for modal dialogs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from tests.ui.conftest import isolated_dirs, make_window, new_review  # noqa: F401

from .pdfs import AID, CHOKE, INTERVENE, SCOPE

LINKS = {"chokehold": CHOKE, "duty_to_intervene": INTERVENE, "medical_aid": AID,
         "legal_compliance": SCOPE}


@pytest.fixture
def linked_review(tmp_path, sample_pdf) -> Path:
    """The sample policy with four clauses linked as evidence and their findings Met."""
    from reviewer_app.core.review import commands as cmd
    from reviewer_app.core.review.store import ReviewStore
    from reviewer_app.core.text.anchoring import locate_quote

    path = new_review(tmp_path / "linked.review", [("use-of-force.pdf", sample_pdf)])
    with ReviewStore.open(path) as store:
        (doc,) = store.documents()
        text = store.document_text(doc.id)
        for item, quote in LINKS.items():
            a = locate_quote(text, quote)
            cmd.run(store, cmd.AddEvidence(
                item_id=item, doc_id=doc.id, kind="text", page=a.page, quads=a.quads,
                start=a.start, end=a.end, exact=a.exact, prefix=a.prefix, suffix=a.suffix))
            cmd.run(store, cmd.SetFinding(item, "met", "clause present"))
    return path


class Answers:
    """Scripted answers for QFileDialog / QInputDialog / QMessageBox, recording what was
    asked, so no test ever waits on a modal dialog."""

    def __init__(self, monkeypatch):
        self.files: list[str] = []
        self.texts: list[tuple[str, bool]] = []
        self.buttons: list[str] = []  # text of the QMessageBox button to click
        self.prompts: list[str] = []
        self.boxes: list[dict] = []
        monkeypatch.setattr(QFileDialog, "getOpenFileName", self._file)
        monkeypatch.setattr(QFileDialog, "getSaveFileName", self._file)
        monkeypatch.setattr(QInputDialog, "getText", self._text)
        monkeypatch.setattr(QMessageBox, "exec", lambda box: self._exec(box))

    def _file(self, *args, **kwargs):
        return (self.files.pop(0) if self.files else "", "")

    def _text(self, parent, title, label, *args, **kwargs):
        self.prompts.append(label)
        return self.texts.pop(0) if self.texts else ("", False)

    def _exec(self, box):
        seen = {"text": box.text(), "info": box.informativeText(),
                "buttons": [b.text() for b in box.buttons()]}
        self.boxes.append(seen)
        want = self.buttons.pop(0) if self.buttons else "Cancel"
        match = [b for b in box.buttons() if b.text().replace("&", "") == want]
        assert match, f"no button {want!r} in {seen['buttons']}"
        match[0].click()  # sets clickedButton() and closes the box, as a user would
        return 0


@pytest.fixture
def answers(monkeypatch) -> Answers:
    return Answers(monkeypatch)
