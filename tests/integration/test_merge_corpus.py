"""Two assessors review copies of one real policy review offline, each linking half of
the labelled clauses and recording their findings; `reviewer-app merge` brings them
together in either order to the same review, with the one item both assessed differently
listed as a conflict and settled."""

from __future__ import annotations

import json
import shutil

import pytest

from reviewer_app.cli import run_cli
from reviewer_app.core.review.integrity import all_problems
from reviewer_app.core.review.store import ReviewStore
from tests.factories.corpus import corpus_pdf
from tests.factories.merging import content_of

pytestmark = pytest.mark.corpus

DOC = "harrisonburg-va_use-of-force.pdf"


def test_two_assessors_merge_their_copies_of_harrisonburg(labels, tmp_path, capsys):
    pdf = corpus_pdf(DOC)
    entry = next(d for d in labels["documents"] if d["file"].endswith(DOC))
    base = tmp_path / "base.review"
    assert run_cli(["new", str(base), "--agency", entry["agency"], "--state", "VA"]) == 0
    assert run_cli(["add-doc", str(base), str(pdf)]) == 0
    a, b = tmp_path / "field-a.review", tmp_path / "field-b.review"
    shutil.copyfile(base, a)
    shutil.copyfile(base, b)
    labelled = sorted(item for item, label in entry["labels"].items() if label)
    for n, item in enumerate(labelled):
        copy = a if n % 2 == 0 else b
        for q in entry["labels"][item]["quotes"]:
            assert run_cli(["link", str(copy), "--item", item, "--quote", q["text"],
                            "--page", str(q["page"])]) == 0
        assert run_cli(["finding", str(copy), "--item", item, "--result", "met"]) == 0
    both = labelled[0]  # assessed in both copies, differently
    assert run_cli(["finding", str(b), "--item", both, "--result", "partial",
                    "--note", "second look"]) == 0
    capsys.readouterr()
    assert run_cli(["merge", str(a), str(b), "--out", str(tmp_path / "ab.review")]) == 3
    assert run_cli(["merge", str(b), str(a), "--out", str(tmp_path / "ba.review")]) == 3
    capsys.readouterr()
    assert content_of(tmp_path / "ab.review") == content_of(tmp_path / "ba.review")
    assert run_cli(["conflicts", str(tmp_path / "ab.review"), "--json"]) == 0
    (conflict,) = json.loads(capsys.readouterr().out)
    assert conflict["label"].endswith(f"({both})")
    take = 1 + [c["row"]["result"] for c in conflict["candidates"]].index("partial")
    assert run_cli(["settle", str(tmp_path / "ab.review"), "--conflict", "1",
                    "--take", str(take)]) == 0
    with ReviewStore.open(tmp_path / "ab.review", read_only=True) as store:
        quotes = sum(len(entry["labels"][i]["quotes"]) for i in labelled)
        assert len(store.evidence()) == quotes
        findings = store.findings()
        assert {i for i, f in findings.items() if f.result == "met"} == set(labelled) - {both}
        assert findings[both].result == "partial"
        assert all_problems(store.conn) == []
