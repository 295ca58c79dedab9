"""caseload scan, list and summary from the shell."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest

from reviewer_app.main import main


def _run(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_scan_list_filters_and_formats(edge_office, tmp_path, capsys):
    db = tmp_path / "i.sqlite"
    folder = edge_office["current"].parent
    code, out, _ = _run(capsys, "caseload", "scan", folder, "--db", db)
    assert code == 0 and "9 review files: 9 read" in out
    assert "clause library: " in out  # the scan refreshes the office's clause library too
    code, out, _ = _run(capsys, "caseload", "list", "--db", db, "--json")
    rows = json.loads(out)
    assert len(rows) == 9
    copies = [r for r in rows if r["agency"] == "Current PD"]
    assert len(copies) == 2 and all(r["flags"] for r in copies)
    assert copies[0]["review_uuid"] == copies[1]["review_uuid"]
    code, out, _ = _run(capsys, "caseload", "list", "--db", db, "--json", "--outcome",
                        "not-certified")
    assert [r["agency"] for r in json.loads(out)] == ["Not Certified PD"]
    code, out, _ = _run(capsys, "caseload", "list", "--db", db, "--rereview", "--csv")
    table = list(csv.DictReader(io.StringIO(out)))
    assert [r["agency"] for r in table] == ["Re-review PD"] and table[0]["rereview"] == "1"
    code, out, _ = _run(capsys, "caseload", "list", "--db", db, "--search", "il0000004")
    assert "Certified Feb 1 PD" in out and "1 review file(s)" in out
    code, out, _ = _run(capsys, "caseload", "list", "--db", db, "--assessor", "nobody")
    assert "0 review file(s)" in out
    with pytest.raises(SystemExit) as exit_:
        _run(capsys, "caseload", "list", "--db", db, "--outcome", "approved")
    assert exit_.value.code == 2 and "not an outcome" in capsys.readouterr().err


def test_expiring_within_counts_from_today(tmp_path, capsys):
    from datetime import UTC, datetime, timedelta

    from reviewer_app.core.caseload.sample_office import CERTIFIED, OfficeWriter, ReviewPlan

    now = datetime.now(UTC)
    writer = OfficeWriter()
    for name, days_left in (("soon", 30), ("later", 200)):
        decided = now.replace(year=now.year - 3) + timedelta(days=days_left)
        writer.write(tmp_path, ReviewPlan(name, f"{name} PD", "", "IL", "B", "Ann", CERTIFIED,
                                          decided))
    db = tmp_path / "i.sqlite"
    assert _run(capsys, "caseload", "scan", tmp_path, "--db", db)[0] == 0
    code, out, _ = _run(capsys, "caseload", "list", "--db", db, "--expiring-within", "90",
                        "--json")
    assert [r["agency"] for r in json.loads(out)] == ["soon PD"]
    code, out, _ = _run(capsys, "caseload", "summary", "--db", db, "--json")
    s = json.loads(out)
    assert s["expiring_90_days"] == 1 and s["by_outcome"]["Certified"] == 2


def test_summary_counts_a_copied_review_once(edge_office, tmp_path, capsys):
    db = tmp_path / "i.sqlite"
    _run(capsys, "caseload", "scan", edge_office["current"].parent, "--db", db)
    code, out, _ = _run(capsys, "caseload", "summary", "--db", db, "--json")
    s = json.loads(out)
    assert (s["reviews"], s["files"]) == (8, 9)
    assert s["by_outcome"] == {"Certified": 5, "Not certified": 1, "In process": 2}
    assert s["rereview"] == 1
    assert s["by_assessor"]["Dana Whitfield"]["total"] == 8
    code, out, _ = _run(capsys, "caseload", "summary", "--db", db)
    assert "8 reviews in 9 files" in out


def test_a_newer_index_is_one_line_on_the_command_line(tmp_path, capsys):
    db = tmp_path / "i.sqlite"
    _run(capsys, "caseload", "scan", tmp_path, "--db", db)
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 9")
    conn.close()
    code, _, err = _run(capsys, "caseload", "list", "--db", db)
    assert code == 2 and "newer version" in err and err.count("\n") == 1
