"""State law notes on the command line: `status` and `suggest --item` name the statutes
of the review's state (or of --state for a bare PDF), and a wrong state is one line."""

from __future__ import annotations

import json

from reviewer_app.main import main


def cli(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_status_and_suggest_show_the_reviews_state_law(tmp_path, sample_pdf, capsys):
    pdf = tmp_path / "policy.pdf"
    pdf.write_bytes(sample_pdf)
    f = tmp_path / "r.review"
    assert cli(capsys, "new", f, "--agency", "T", "--state", "IL")[0] == 0
    assert cli(capsys, "add-doc", f, pdf)[0] == 0
    code, out, err = cli(capsys, "status", f)
    assert code == 0, err
    b = out[out.index("B Prohibition of choke holds"):out.index("1 Termination")]
    assert "state law (IL): 720 ILCS 5/7-5.5(a)-(d)" in b and "19.2-83" not in b
    code, out, err = cli(capsys, "suggest", f, "--item", "B", "--top", "1")
    assert code == 0, err
    assert "state law (IL): 720 ILCS 5/7-5.5(a)-(d)" in out
    assert "source: https://www.ilga.gov/" in out
    code, out, _ = cli(capsys, "suggest", f, "--item", "B", "--top", "1", "--json")
    (note,) = json.loads(out)["state_law"]["chokehold"]
    assert note["citation"] == "720 ILCS 5/7-5.5(a)-(d)" and note["state"] == "IL"
    code, out, _ = cli(capsys, "suggest", f, "--item", "7", "--top", "1")
    assert "state law" not in out  # no Illinois note on warning shots


def test_bare_pdf_takes_state_and_refuses_an_unknown_one(tmp_path, sample_pdf, capsys):
    pdf = tmp_path / "policy.pdf"
    pdf.write_bytes(sample_pdf)
    code, out, err = cli(capsys, "suggest", pdf, "--item", "B", "--top", "1", "--state", "va")
    assert code == 0, err
    assert "state law (VA): Va. Code § 19.2-83.4(A)" in out
    code, out, err = cli(capsys, "suggest", pdf, "--item", "B", "--state", "ZZ")
    assert code == 2 and "state 'ZZ' is not a two-letter" in err and "Traceback" not in err
