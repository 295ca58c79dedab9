"""A real policy (Lake County Sheriff's Office use-of-force order) assessed against the DOJ
set and a CALEA-style set at once, through the CLI: the labelled clauses linked to DOJ
items are proposed for the CALEA items the bundled crosswalk maps them to, accepted, and
both packets export and verify, each with its own highlights."""

from __future__ import annotations

import json

import pymupdf
import pytest

from reviewer_app.cli import run_cli
from reviewer_app.core.checklist.crosswalk import bundled_crosswalks, load_crosswalk
from reviewer_app.core.packet import verify_packet
from reviewer_app.core.review.proposals import proposals
from reviewer_app.core.review.store import ReviewStore
from tests.factories.corpus import corpus_pdf
from tests.factories.sets import write_calea

pytestmark = pytest.mark.corpus

DOC = "lake-county-il_use-of-force.pdf"


def test_lake_county_against_doj_and_calea(labels, tmp_path, capsys):
    pdf = corpus_pdf(DOC)
    entry = next(d for d in labels["documents"] if d["file"].endswith(DOC))
    review = tmp_path / "lake.review"
    assert run_cli(["new", str(review), "--agency", "Lake County Sheriff’s Office", "--ori",
                    "IL0490000", "--state", "IL", "--assessor", "Dana Whitfield", "--also",
                    str(write_calea(tmp_path / "calea.toml"))]) == 0
    assert "crosswalk: doj-2020_to_calea" in capsys.readouterr().out
    assert run_cli(["add-doc", str(review), str(pdf)]) == 0
    linked: dict[str, int] = {}
    for item, label in entry["labels"].items():
        for q in (label or {}).get("quotes", []):
            assert run_cli(["link", str(review), "--item", item, "--quote", q["text"],
                            "--page", str(q["page"])]) == 0
            linked[item] = linked.get(item, 0) + 1
    walk = load_crosswalk(bundled_crosswalks()["doj-2020_to_calea"])
    expected = {(t, n) for m in walk.mappings for t in m.target_items
                for n in range(linked.get(m.source_item, 0))}
    with ReviewStore.open(review, read_only=True) as store:
        found = proposals(store, "calea")
    assert len(found) == len(expected) > 0
    assert {p.target.code for p in found} == {t for t, _ in expected}
    assert run_cli(["accept", str(review), "--set", "calea", "--all"]) == 0
    capsys.readouterr()
    assert run_cli(["status", str(review), "--set", "calea", "--json"]) == 0
    calea = {i["code"]: i for i in json.loads(capsys.readouterr().out)["items"]}
    for code in {t for t, _ in expected}:
        assert calea[code]["evidence"] and all(e["intact"] for e in calea[code]["evidence"])
        assert run_cli(["finding", str(review), "--item", f"calea/{code}", "--result",
                        "met", "--note", "Accepted from the DOJ review."]) == 0
    out = tmp_path / "packet"
    assert run_cli(["export", str(review), "--out", str(out), "--quiet"]) == 0
    for set_id in ("doj-2020", "calea"):
        assert verify_packet(out / set_id).ok
        assert run_cli(["verify", str(out / set_id), "--review", str(review)]) == 0
    with pymupdf.open(out / "calea" / "annotated" / DOC) as doc:
        marks = sum(1 for p in doc for a in p.annots() if a.type[1] == "Highlight")
    assert marks == len(expected)  # only calea's evidence is highlighted in its packet
