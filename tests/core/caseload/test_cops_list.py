"""The COPS Office list on its edge cases, through the command line as an office runs it."""

from __future__ import annotations

import csv
import shutil
from datetime import UTC, datetime

import pytest

from reviewer_app.core.caseload.sample_office import CERTIFIED, OfficeWriter, ReviewPlan
from reviewer_app.main import main


@pytest.fixture
def indexed(edge_office, tmp_path):
    db = tmp_path / "index.sqlite"
    assert main(["caseload", "scan", str(edge_office["current"].parent), "--db", str(db)]) == 0
    return db


def _cops(capsys, db, out, *extra):
    code = main(["caseload", "cops-list", "--year", "2027", "--out", str(out), "--db", str(db),
                 *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cops_list_holds_exactly_the_current_certifications(indexed, tmp_path, capsys):
    out = tmp_path / "cops.csv"
    code, stdout, stderr = _cops(capsys, indexed, out, "--body", "illinois accreditation board")
    assert code == 0 and "wrote 2 agencies" in stdout
    rows = list(csv.DictReader(out.open()))
    # expired on Jan 30: out; expires on Jan 31 (its last day): in; certified on Feb 1: out;
    # not certified, in process, awaiting re-review: out; the copy on the stick: once
    assert [(r["agency"], r["ori"], r["determination_date"], r["expiry_date"]) for r in rows] \
        == [("Current PD", "IL0000001", "2024-06-01", "2027-06-01"),
            ("Expires Jan 31 PD", "IL0000003", "2024-01-31", "2027-01-31")]
    assert rows[0]["credentialing_body"] == "Illinois Accreditation Board"
    assert rows[0]["standards"] == "doj-2020" and rows[0]["standards_edition"]
    assert "Expired Jan 30 PD: certification expired on 2027-01-30" in stderr
    assert "Certified Feb 1 PD: certified on 2027-02-01, after January 31, 2027" in stderr


def test_without_a_body_every_body_is_listed(indexed, tmp_path, capsys):
    out = tmp_path / "all.csv"
    assert _cops(capsys, indexed, out)[0] == 0
    assert {r["agency"] for r in csv.DictReader(out.open())} == {
        "Current PD", "Expires Jan 31 PD", "Other Body PD"}


def test_a_certified_review_without_an_ori_refuses_the_list(edge_office, tmp_path, capsys):
    office = tmp_path / "office"
    shutil.copytree(edge_office["current"].parent, office)
    OfficeWriter().write(office, ReviewPlan(
        "no-ori", "Nameless PD", "", "IL", "Illinois Accreditation Board", "Ann", CERTIFIED,
        datetime(2025, 3, 3, tzinfo=UTC)))
    db, out = tmp_path / "index.sqlite", tmp_path / "cops.csv"
    assert main(["caseload", "scan", str(office), "--db", str(db)]) == 0
    code, _, err = _cops(capsys, db, out)
    assert code == 2 and "Nameless PD" in err and "has no ORI" in err
    assert err.count("\n") == 1 and not out.exists()


def test_a_missing_index_is_one_line(tmp_path, capsys):
    code, _, err = _cops(capsys, tmp_path / "none.sqlite", tmp_path / "x.csv")
    assert code == 2 and "no caseload index yet" in err and err.count("\n") == 1
