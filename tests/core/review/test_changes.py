"""Commands say what they changed (``touched``); views refresh from that alone."""

from __future__ import annotations

import re

from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.changes import Changes
from reviewer_app.core.review.commands import Command
from reviewer_app.core.review.index_rebuild import RebuildIndex
from reviewer_app.core.review.ocr_command import OcrDocument
from reviewer_app.core.revisions.replace import ConfirmEvidence, ReplaceDocument
from tests.factories.paths import ROOT

UI = ROOT / "reviewer_app" / "ui"
COMMANDS = [cmd.AddDocument, cmd.AddEvidence, cmd.RemoveEvidence, cmd.EditEvidence,
            cmd.SetFinding, cmd.EditReview, cmd.RenameDocument, OcrDocument, ReplaceDocument,
            ConfirmEvidence, RebuildIndex]


def test_every_command_declares_what_it_touches():
    undeclared = [c.__name__ for c in COMMANDS if c.touched is Command.touched]
    assert undeclared == []


def test_changes_combine():
    a = Changes(evidence=True, items=frozenset({"A"}), show_document=1)
    b = Changes(findings=True, items=frozenset({"B"}), text_of=frozenset({3}))
    both = a | b
    assert both.evidence and both.findings and not both.documents
    assert both.items == {"A", "B"} and both.text_of == {3} and both.show_document == 1
    assert Changes.everything().documents and Changes.everything().passages


def test_linking_and_setting_a_result_touch_only_their_part(review):
    store, _doc_id = review
    item = store.standards().items[0].id
    finding = cmd.run(store, cmd.SetFinding(item, result="met"))
    assert finding.touched() == Changes(findings=True, items=frozenset({item}))
    edit = cmd.run(store, cmd.EditReview({"agency_name": "Riverton PD"}))
    assert edit.touched(undone=True) == Changes(review=True)


def test_views_never_test_which_command_ran():
    names = "|".join(c.__name__ for c in COMMANDS)
    pattern = re.compile(rf"isinstance\([^)]*\b({names})\b|type\([^)]*\) is ({names})\b")
    offenders = [f"{p.relative_to(UI)}:{n}" for p in UI.rglob("*.py")
                 for n, line in enumerate(p.read_text().splitlines(), 1)
                 if pattern.search(line)]
    assert offenders == []
