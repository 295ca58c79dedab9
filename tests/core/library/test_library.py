"""The clause library: harvested from review files, matched in a new agency's manual."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer_app.core.caseload.index import CaseloadError
from reviewer_app.core.checklist.standards import resolve_standards
from reviewer_app.core.library.exchange import (
    LibraryFileError,
    export_library,
    import_library,
)
from reviewer_app.core.library.harvest import harvest
from reviewer_app.core.library.masking import agency_words, masked_words
from reviewer_app.core.library.matching import LibraryIndex, best_per_item
from reviewer_app.core.library.store import ClauseLibrary
from reviewer_app.core.pdf.documents import inspect_pdf
from reviewer_app.core.review.store import ReviewStore
from tests.factories.library import AID, make_review, manual
from tests.factories.pdfs import make_pdf
from tests.factories.reviews import set_finding


@pytest.fixture
def office(tmp_path) -> Path:
    root = tmp_path / "office"
    root.mkdir()
    make_review(root / "lisle.review", "Lisle", "720 ILCS 5/7-5.5")
    make_review(root / "urbana.review", "Urbana", "720 ILCS 5/7-5.5(a)")
    return root


@pytest.fixture
def library(office, tmp_path):
    with ClauseLibrary.open(tmp_path / "caseload.sqlite") as lib:
        report = harvest(lib, [office])
        assert report.reviews == 2 and not report.problems
        yield lib


def test_masking_hides_agency_numbers_and_statutes():
    a = masked_words("The Lisle Police Department follows 720 ILCS 5/7-5.5 (Section 300.2.1).",
                     agency_words(["Lisle Police Department"]))
    b = masked_words("The La Grange Police Office follows Va. Code § 19.2-83.3 (Section 4.1).",
                     agency_words(["La Grange Police Department"]))
    assert a == b == ("the", "<agency>", "police", "<dept>", "follows", "<cite>", "section",
                      "<n>")


def test_harvest_counts_reviews_once_and_keeps_result_and_rationale(library, office):
    clauses = {c.item_id: c for c in library.clauses()}
    assert clauses["chokehold"].reviews == 2
    assert clauses["chokehold"].usual_result == "met"
    assert clauses["chokehold"].rationale.endswith("bans chokeholds outright.")
    again = harvest(library, [office])
    assert (again.reviews, again.unchanged) == (0, 2)  # unchanged files are not opened
    with ReviewStore.open(office / "lisle.review") as store:
        set_finding(store, "chokehold", "partial", "Only the airway is covered.")
    again = harvest(library, [office])  # a changed review replaces its uses, never adds
    assert (again.reviews, again.unchanged) == (1, 1)
    choke = next(c for c in library.clauses() if c.item_id == "chokehold")
    assert choke.results == {"met": 1, "partial": 1}
    assert {c.item_id: c.reviews for c in library.clauses()} == {"chokehold": 2,
                                                                  "medical_aid": 2}
    (office / "urbana.review").unlink()
    assert harvest(library, [office]).forgotten == 1
    assert {c.reviews for c in library.clauses()} == {1}


def test_a_new_agency_s_reworded_clause_is_matched_with_its_differences(library):
    weakened = AID.replace("shall promptly", "may when practical")
    text = inspect_pdf(manual("Harrisonburg", "Va. Code § 19.2-83.3", weakened, "4.7"),
                       "h.pdf").text
    found = best_per_item(LibraryIndex(library.clauses()).match(
        text.text, 1, agency_words(["Harrisonburg Police Department"])))
    choke = found["chokehold"][0]
    assert "carotid" in text.text[choke.start:choke.end]
    assert choke.differences == () and choke.clause.reviews == 2
    aid = found["medical_aid"][0]
    assert "render first aid" in text.text[aid.start:aid.end]
    assert [(d.library, d.document) for d in aid.differences] == [
        ("shall promptly", "may when practical")]
    assert aid.headline().format(code="F") == ("same clause as in 2 earlier reviews, used "
                                               "for F (Met)")


def test_an_unrelated_policy_matches_nothing(library):
    text = inspect_pdf(make_pdf(["Vehicle pursuits end when the risk outweighs the need "
                                 "to apprehend; supervisors shall monitor every pursuit."]),
                       "p.pdf").text
    assert LibraryIndex(library.clauses()).match(text.text) == []


def test_a_clause_found_in_several_places_says_how_many(library):
    body = "\n".join([AID, "Other text about equipment and uniforms here.", AID])
    text = inspect_pdf(make_pdf([body]), "twice.pdf").text
    aid = best_per_item(LibraryIndex(library.clauses()).match(text.text))["medical_aid"][0]
    assert aid.places == 2
    # equally close places: the first is shown (a later copy is usually another policy
    # repeating the use-of-force chapter's clause)
    assert aid.start == text.text.index(AID[:30])


def test_export_then_import_into_another_office(library, tmp_path):
    out = tmp_path / "state.json"
    assert export_library(library, out) == 4
    doc = json.loads(out.read_text())
    assert doc["format"] == "reviewer_app.clause_library" and doc["version"] == 1
    with ClauseLibrary.open(tmp_path / "other.sqlite") as other:
        report = import_library(other, out, resolve_standards("doj-2020"))
        assert (report.added, report.known) == (4, 0)
        assert import_library(other, out, resolve_standards("doj-2020")).known == 4
        assert {c.reviews for c in other.clauses()} == {2}


def test_bad_library_files_are_refused_with_a_reason(library, tmp_path):
    out = tmp_path / "state.json"
    export_library(library, out)
    doc = json.loads(out.read_text())
    standards = resolve_standards("doj-2020")
    newer, damaged, other_set = (tmp_path / n for n in ("newer.json", "bad.json", "o.json"))
    newer.write_text(json.dumps({**doc, "version": 9}))
    damaged.write_text(out.read_text()[:200])
    doc["uses"][0]["item"] = "body_cameras"
    other_set.write_text(json.dumps(doc))
    with ClauseLibrary.open(tmp_path / "x.sqlite") as target:
        with pytest.raises(LibraryFileError, match="newer version"):
            import_library(target, newer, standards)
        with pytest.raises(LibraryFileError, match="damaged or not JSON"):
            import_library(target, damaged, standards)
        assert target.counts() == (0, 0, 0)
        report = import_library(target, other_set, standards)
        assert report.unknown_items == {"body_cameras": 1}
        assert "no such item: body_cameras (1)" in report.summary()


def test_a_library_written_by_a_newer_app_is_refused(tmp_path):
    db = tmp_path / "c.sqlite"
    with ClauseLibrary.open(db) as lib:
        lib.conn.execute("UPDATE library_meta SET value = '7' WHERE key = 'format'")
    with pytest.raises(CaseloadError, match="newer version"):
        ClauseLibrary.open(db)


def test_which_library_matches_go_above_the_lexical_suggestions():
    from reviewer_app.core.library.matching import LibraryMatch, best_per_item, leads
    from reviewer_app.core.library.store import LibraryClause

    def match(start: int, ratio: float) -> LibraryMatch:
        clause = LibraryClause(str(start), "chokehold", ("w",) * 8, "", "", reviews=3)
        return LibraryMatch(clause, 1, start, start + 50, ratio, 1, ())

    exact_elsewhere, loose_here = match(500, 100.0), match(0, 85.0)
    confident_first = {"chokehold": [(1, 10, 40, True)]}
    weak_first = {"chokehold": [(1, 10, 40, False)]}
    assert not leads(exact_elsewhere, confident_first)  # assessors chose another clause
    assert leads(exact_elsewhere, weak_first)
    assert leads(loose_here, confident_first) and leads(loose_here, weak_first)
    assert not leads(match(900, 85.0), weak_first)
    order = best_per_item([exact_elsewhere, loose_here], confident_first)["chokehold"]
    assert order == [loose_here, exact_elsewhere]
