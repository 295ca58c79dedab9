"""`standards upgrade`: a new edition of a review's set applied item by item (unchanged,
reworded, renamed, added, dropped), shown first, undoable, refused for another set."""

from __future__ import annotations

import json
import re
from pathlib import Path

from reviewer_app.core.checklist.standards import bundled_sets, load_standards_file
from reviewer_app.core.review.commands.base import CommandStack
from reviewer_app.core.review.commands.upgrade import UpgradeSet
from reviewer_app.core.review.integrity import seal_problems
from reviewer_app.core.review.store import ReviewStore
from tests.factories.pdfs import AID, CHOKE, INTERVENE


def new_edition(path: Path) -> Path:
    """doj-2020 as a later edition: B reworded, 2 dropped, 5 renumbered (new id, same
    words), a new item 13."""
    text = bundled_sets()["doj-2020"].read_text(encoding="utf-8")
    text = text.replace('edition = "2020-10-28"', 'edition = "2024-01-01"')
    text = text.replace("except in situations where the use of deadly force is allowed by law.",
                        "and vascular neck restraints, except where deadly force is allowed.")
    text = re.sub(r'\[\[items\]\]\nid = "duty_to_intervene".*?(?=\n\[\[items\]\])', "", text,
                  flags=re.S)
    text = text.replace('id = "medical_aid"', 'id = "medical_care"')
    text += ('\n[[items]]\nid = "body_cameras"\ncode = "13"\ncategory = "accountability"\n'
             'title = "Body-worn cameras"\nrequirement = "Policy governs body-worn cameras."\n')
    path.write_text(text, encoding="utf-8")
    return path


def _review(cli, cli_review) -> Path:
    for item, quote in (("B", CHOKE), ("2", INTERVENE), ("5", AID)):
        assert cli("link", cli_review, "--item", item, "--quote", quote)[0] == 0
    for item in ("B", "2", "5", "1"):
        assert cli("finding", cli_review, "--item", item, "--result", "met")[0] == 0
    return cli_review


def test_upgrade_shows_applies_and_undoes(tmp_path, cli, cli_review):
    review = _review(cli, cli_review)
    edition = new_edition(tmp_path / "doj-2024.toml")
    before = json.loads(cli("status", review, "--json")[1])
    code, out, err = cli("standards", "upgrade", review, "--to", edition, "--dry-run")
    assert code == 0, err
    assert "doj-2020: edition 2020-10-28 -> 2024-01-01: 11 unchanged, 1 reworded, " \
           "1 renamed, 1 added, 1 dropped" in out
    assert "reworded  B Prohibition of choke holds" in out and "re-review" in out
    assert "renamed   5 (medical_aid) -> 5 (medical_care)" in out
    assert "dropped   2 Duty to intervene -> its finding and evidence leave" in out
    assert "added     13 Body-worn cameras" in out and "dry run" in out
    assert json.loads(cli("status", review, "--json")[1]) == before

    code, out, err = cli("standards", "upgrade", review, "--to", edition)
    assert code == 0 and "upgraded doj-2020 to edition 2024-01-01" in out, err
    after = {i["id"]: i for i in json.loads(cli("status", review, "--json")[1])["items"]}
    assert "duty_to_intervene" not in after and after["body_cameras"]["result"] == "not_assessed"
    assert after["chokehold"]["needs_rereview"] and after["chokehold"]["result"] == "met"
    assert after["medical_care"]["needs_rereview"] and after["medical_care"]["evidence"]
    assert not after["termination_of_force"]["needs_rereview"]
    assert after["termination_of_force"]["result"] == "met"

    with ReviewStore.open(review) as store:
        assert seal_problems(store.conn) == []
        entry = store.log_entries()[-1]
        assert entry.action == "upgrade_standards"
        assert entry.payload["dropped_evidence"][0]["exact"] == INTERVENE


def test_undo_restores_dropped_findings_and_evidence(tmp_path, cli, cli_review):
    review = _review(cli, cli_review)
    before = json.loads(cli("status", review, "--json")[1])
    edition = load_standards_file(new_edition(tmp_path / "doj-2024.toml"))
    with ReviewStore.open(review) as store:
        stack = CommandStack(store)
        stack.execute(UpgradeSet(edition))
        assert store.standards().edition == "2024-01-01"
        assert store.evidence("duty_to_intervene") == []
        stack.undo()
        assert store.standards().edition == "2020-10-28"
        assert seal_problems(store.conn) == []
        stack.redo()
        assert store.findings()["medical_care"].needs_rereview
        stack.undo()
    assert json.loads(cli("status", review, "--json")[1]) == before


def test_upgrade_to_another_set_is_refused(tmp_path, cli, cli_review):
    other = tmp_path / "other.toml"
    other.write_text(bundled_sets()["doj-2020"].read_text(encoding="utf-8").replace(
        'id = "doj-2020"', 'id = "doj-2024"'), encoding="utf-8")
    code, _, err = cli("standards", "upgrade", cli_review, "--to", other)
    assert code == 2 and "the set 'doj-2024', which this review does not assess" in err
    assert "Nothing was changed" in err
    code, out, _ = cli("standards", "upgrade", cli_review, "--to", "doj-2020")
    assert code == 0 and "already has this edition" in out
