"""A table of contents names every section, so it matches every item's terms; its lines
must never be proposed as evidence (the demo policy's contents page once ranked 92%)."""

from reviewer_app.core.pdf.documents import inspect_pdf
from reviewer_app.core.suggest.engine import suggest
from tests.factories.pdfs import make_pdf
from tests.factories.reviews import add_document, create_review

CONTENTS = ("CONTENTS\n300.6 Duty to Intervene " + "." * 40 + " 2\n"
            "300.7 Chokeholds and Neck Restraints " + "." * 30 + " 2\n"
            "300.8 Deadly Force " + "." * 45 + " 3")
POLICY = ("300.6 DUTY TO INTERVENE\nAn officer who observes another officer using force "
          "beyond what is reasonable shall intervene to prevent it.\n"
          "300.7 CHOKEHOLDS AND NECK RESTRAINTS\nOfficers shall not use a chokehold or any "
          "technique that restricts the intake of oxygen, except where deadly force is "
          "authorized by law.")


def test_contents_lines_are_not_suggested(tmp_path):
    data = make_pdf([CONTENTS, POLICY])
    store = create_review(tmp_path / "c.review", agency_name="Contents PD")
    try:
        add_document(store, data, "policy.pdf")
        top = suggest(store, "chokehold", top=3)["chokehold"]
        assert top, "the chokehold clause should be proposed"
        assert top[0].page == 1 and "shall not use a chokehold" in top[0].text
        assert all(". . . ." not in s.text and "....." not in s.text or s.score < 0.2
                   for s in top)
    finally:
        store.close()


def test_a_contents_heading_does_not_govern_the_pages_after_it():
    from reviewer_app.core.index.segment import segment_document
    from reviewer_app.resources import resource_path

    data = resource_path("resources", "demo", "sample-policy.pdf").read_bytes()
    passages = segment_document(inspect_pdf(data, "sample-policy.pdf").text)
    contents_page = min(p.page for p in passages if "Contents" in p.text)
    later = [p for p in passages if p.page > contents_page]
    assert later and not any(p.heading.lower() == "contents" for p in later)
