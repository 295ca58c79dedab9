"""A real policy (Lake County Sheriff's Office use-of-force order) through the CLI, from the
corpus labels to a verified packet. Skipped when ../shared is absent."""

from __future__ import annotations

import pymupdf
import pytest

from reviewer_app.cli import run_cli
from reviewer_app.core.packet import verify_packet
from reviewer_app.core.review.store import ReviewStore
from tests.factories.corpus import corpus_pdf
from tests.factories.packets import normalized

pytestmark = pytest.mark.corpus

DOC = "lake-county-il_use-of-force.pdf"


@pytest.fixture(scope="module")
def lake_packet(labels, tmp_path_factory):
    pdf = corpus_pdf(DOC)
    entry = next(d for d in labels["documents"] if d["file"].endswith(DOC))
    tmp = tmp_path_factory.mktemp("lake")
    review = tmp / "lake.review"
    assert run_cli(["new", str(review), "--agency", "Lake County Sheriff’s Office", "--ori",
                    "IL0490000", "--state", "IL", "--assessor", "Dana Whitfield"]) == 0
    assert run_cli(["add-doc", str(review), str(pdf)]) == 0
    quotes = []
    for item, label in entry["labels"].items():
        for q in (label or {}).get("quotes", []):
            assert run_cli(["link", str(review), "--item", item, "--quote", q["text"],
                            "--page", str(q["page"])]) == 0
            quotes.append((item, q))
    with ReviewStore.open(review, read_only=True) as store:
        item_ids = [i.id for i in store.standards().items]
    for item in item_ids:
        result = "met" if entry["labels"].get(item) else "not_met"
        assert run_cli(["finding", str(review), "--item", item, "--result", result,
                        "--note", f"Assessed {item}."]) == 0
    out = tmp / "packet"
    assert run_cli(["export", str(review), "--out", str(out), "--quiet"]) == 0
    return review, out, quotes


def test_lake_county_packet_has_every_quote_and_verifies(lake_packet):
    review, out, quotes = lake_packet
    with pymupdf.open(out / "packet.pdf") as doc:
        text = normalized(" ".join(p.get_text() for p in doc))
    for _, q in quotes:
        assert normalized(q["text"]) in text, q["text"]
    # not signed off (issue 12): the assessor's recommendation, never "Certified" yet
    assert "RECOMMENDATION: CERTIFY" in text and "CERTIFIED" not in text
    assert "§ VI. Duty to Intervene" in text  # the section heading above the clause
    assert verify_packet(out).ok
    assert run_cli(["verify", str(out), "--review", str(review)]) == 3  # intact, unsigned


def test_lake_county_annotations_sit_on_the_labelled_pages(lake_packet):
    review, out, quotes = lake_packet
    with pymupdf.open(out / "annotated" / DOC) as doc:
        found = [(p.number + 1, normalized(p.get_textbox(a.rect)))
                 for p in doc for a in p.annots() if a.type[1] == "Highlight"]
    assert len(found) == len(quotes)
    for _, q in quotes:
        words = normalized(q["text"]).split()
        hits = [under for page, under in found if page == q["page"]
                and all(w in under for w in words[1:-1])]
        assert hits, q
