"""library build/export/import and suggest --db, as a user types them."""

from __future__ import annotations

import json

from reviewer_app.main import main
from tests.factories.library import AID, make_review, manual


def _run(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_build_then_suggest_shows_library_matches_first(tmp_path, capsys):
    office, db = tmp_path / "office", tmp_path / "c.sqlite"
    office.mkdir()
    make_review(office / "lisle.review", "Lisle", "720 ILCS 5/7-5.5")
    make_review(office / "urbana.review", "Urbana", "720 ILCS 5/7-5.5")
    (office / "junk.review").write_text("not a review")
    code, out, _ = _run(capsys, "library", "build", office, "--db", db)
    assert code == 0
    assert "2 reviews read (0 unchanged), 4 evidence clauses recorded" in out
    assert "junk.review: not a review file" in out
    pdf = tmp_path / "new.pdf"
    pdf.write_bytes(manual("Harrisonburg", "Va. Code § 19.2-83.3",
                           AID.replace("shall promptly", "may")))
    code, out, err = _run(capsys, "suggest", pdf, "--item", "medical_aid", "--db", db)
    assert code == 0, err
    lines = out.splitlines()
    assert "L1. library: same clause as in 2 earlier reviews, used for" in lines[1]
    assert "(Met)" in lines[1]
    assert "'shall promptly' became 'may' after 'department'" in out
    assert 'earlier rationale: "Aid rendered and summoned."' in out
    assert lines.index(next(x for x in lines if x.strip().startswith("1. "))) > 1
    code, out, _ = _run(capsys, "suggest", pdf, "--item", "chokehold", "--db", db, "--json")
    match = json.loads(out)["library"]["chokehold"][0]
    assert match["reviews"] == 2 and match["differences"] == []


def test_export_import_and_bad_input_messages(tmp_path, capsys):
    office, db = tmp_path / "office", tmp_path / "c.sqlite"
    office.mkdir()
    make_review(office / "a.review", "Lisle", "720 ILCS 5/7-5.5")
    _run(capsys, "library", "build", office, "--db", db)
    out_file = tmp_path / "lib.json"
    code, out, _ = _run(capsys, "library", "export", out_file, "--db", db)
    assert code == 0 and "2 clause uses written" in out
    code, out, _ = _run(capsys, "library", "import", out_file, "--db", tmp_path / "o.sqlite")
    assert code == 0 and "2 clause uses added, 0 already known" in out
    out_file.write_text('{"format": "reviewer_app.clause_library", "version": 2, "uses": []}')
    code, _, err = _run(capsys, "library", "import", out_file, "--db", db)
    assert code == 2 and "newer version" in err and "Traceback" not in err
    code, _, err = _run(capsys, "suggest", tmp_path / "none.pdf", "--db", db)
    assert code == 2
    pdf = tmp_path / "p.pdf"
    pdf.write_bytes(manual("X", "Y"))
    code, _, err = _run(capsys, "suggest", pdf, "--db", tmp_path / "missing.sqlite")
    assert code == 2 and "no clause library there" in err
