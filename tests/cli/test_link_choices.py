"""Choosing among repeats, duplicates and revisions from the command line."""

from __future__ import annotations

import json

from tests.factories.pdfs import SAMPLE_PAGES, make_pdf

QUOTE = "Chokeholds are prohibited unless deadly force is authorized by law."
REPEAT = "Officers shall report."


def repeated_review(tmp_path, cli):
    pdf = tmp_path / "repeats.pdf"
    pdf.write_bytes(make_pdf([f"Intro. {REPEAT} Middle. {REPEAT} More. {REPEAT} End.",
                              f"Page two. {REPEAT}"]))
    f = tmp_path / "rep.review"
    assert cli("new", f, "--agency", "Test PD")[0] == 0
    assert cli("add-doc", f, pdf)[0] == 0
    return f


def test_nth_occurrence_on_a_page_can_be_chosen(tmp_path, cli):
    f = repeated_review(tmp_path, cli)
    code, _, err = cli("link", f, "--item", "medical_aid", "--quote", REPEAT, "--page", "1")
    assert code == 2 and "3 times on page 1" in err and "--occurrence 1-3" in err
    assert "give --page" not in err
    code, out, err = cli("link", f, "--item", "medical_aid", "--quote", REPEAT, "--page", "1",
                         "--occurrence", "2")
    assert code == 0, err
    data = json.loads(cli("status", f, "--json")[1])
    (ev,) = next(i for i in data["items"] if i["id"] == "medical_aid")["evidence"]
    code, out, _ = cli("link", f, "--item", "deescalation", "--quote", REPEAT, "--page", "1",
                       "--occurrence", "1")
    first = json.loads(cli("status", f, "--json")[1])
    (ev1,) = next(i for i in first["items"] if i["id"] == "deescalation")["evidence"]
    assert ev1["page"] == ev["page"] == 1 and ev1["id"] != ev["id"]


def test_occurrence_out_of_range_and_across_the_document(tmp_path, cli):
    f = repeated_review(tmp_path, cli)
    code, _, err = cli("link", f, "--item", "medical_aid", "--quote", REPEAT, "--page", "1",
                       "--occurrence", "4")
    assert code == 2 and "no occurrence 4" in err and "3 time(s)" in err
    code, _, err = cli("link", f, "--item", "medical_aid", "--quote", REPEAT)
    assert code == 2 and "4 times" in err and "--page" in err
    code, out, err = cli("link", f, "--item", "medical_aid", "--quote", REPEAT,
                         "--occurrence", "4")
    assert code == 0 and "page 2" in out, err


def test_same_quote_twice_for_one_item_is_reported(cli_review, cli):
    assert cli("link", cli_review, "--item", "chokehold", "--quote", QUOTE)[0] == 0
    code, _, err = cli("link", cli_review, "--item", "chokehold", "--quote", QUOTE)
    assert code == 2 and "already linked to B as evidence 1" in err
    data = json.loads(cli("status", cli_review, "--json")[1])
    assert len(next(i for i in data["items"] if i["id"] == "chokehold")["evidence"]) == 1
    assert cli("link", cli_review, "--item", "legal_compliance", "--quote", QUOTE)[0] == 0


def test_a_document_can_return_to_an_earlier_revision(cli_review, tmp_path, cli):
    from reviewer_app.core.review import commands as cmd
    from reviewer_app.core.review.store import ReviewStore

    assert cli("link", cli_review, "--item", "chokehold", "--quote", QUOTE)[0] == 0
    original = tmp_path / "policy.pdf"
    revised = tmp_path / "revised.pdf"
    revised.write_bytes(make_pdf([SAMPLE_PAGES[0] + " Added sentence.", SAMPLE_PAGES[1]]))
    assert cli("replace-doc", cli_review, "Use of Force", revised)[0] == 0
    code, out, err = cli("replace-doc", cli_review, "Use of Force", original)
    assert code == 0, err
    with ReviewStore.open(cli_review) as store:
        (doc,) = store.documents()
        assert doc.id == 1 and doc.filename == "policy.pdf"
        (ev,) = store.evidence()
        assert ev.doc_id == 1 and ev.status == "intact"
        assert len(store.documents(include_inactive=True)) == 2
        stack = cmd.CommandStack(store)
        from reviewer_app.core.pdf.documents import inspect_pdf
        from reviewer_app.core.revisions.replace import ReplaceDocument
        info = inspect_pdf(revised.read_bytes(), "revised.pdf")
        back = stack.execute(ReplaceDocument(1, info.data, "revised.pdf", info))
        assert back.new_doc_id == 2 and [d.id for d in store.documents()] == [2]
        stack.undo()
        assert [d.id for d in store.documents()] == [1]
        assert store.evidence()[0].doc_id == 1
    assert cli("check", cli_review)[0] == 0
