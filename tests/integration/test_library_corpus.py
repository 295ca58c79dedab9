"""The clause library on two template-based corpus manuals: a review of Urbana, finished,
then Harrisonburg's manual (same template, another state) suggested against it."""

from __future__ import annotations

import json

import pytest

from reviewer_app.main import main
from tests.factories.corpus import corpus_labels, corpus_pdf
from tests.factories.reviews import add_document, create_review, link, set_finding

pytestmark = pytest.mark.corpus


def _labels(name: str) -> dict:
    return next(e for e in corpus_labels()["documents"] if e["file"].endswith(name))["labels"]


def test_a_finished_urbana_review_is_recognised_in_harrisonburg(tmp_path, capsys):
    urbana = corpus_pdf("urbana-il_use-of-force.pdf")
    harrisonburg = corpus_pdf("harrisonburg-va_use-of-force.pdf")
    office, db = tmp_path / "office", tmp_path / "caseload.sqlite"
    office.mkdir()
    with create_review(office / "urbana.review", agency_name="Urbana Police Department",
                       agency_state="IL") as store:
        doc = add_document(store, urbana.read_bytes(), urbana.name)
        for item in ("duty_to_intervene", "medical_aid"):
            quote = _labels(urbana.name)[item]["quotes"][0]
            link(store, item, doc, quote["text"], quote["page"] - 1)
            set_finding(store, item, "met", f"Urbana's {item} clause is explicit.")
    assert main(["library", "build", str(office), "--db", str(db)]) == 0
    capsys.readouterr()
    assert main(["suggest", str(harrisonburg), "--item", "medical_aid", "--db", str(db),
                 "--json"]) == 0
    found = json.loads(capsys.readouterr().out)["library"]["medical_aid"]
    assert found and found[0]["reviews"] == 1 and found[0]["result"] == "met"
    want = " ".join(_labels(harrisonburg.name)["medical_aid"]["quotes"][0]["text"].split())
    got = " ".join(found[0]["text"].split())
    assert want[:60] in got or got[:60] in want
    assert found[0]["rationale"] == "Urbana's medical_aid clause is explicit."
    # Harrisonburg dropped "who" before "has sustained": a difference the assessor sees
    assert {"kind": "delete", "library": "who", "document": "", "after": "distress"} \
        in found[0]["differences"]
