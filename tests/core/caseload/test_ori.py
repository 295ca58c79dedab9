"""ORI checks, in the core and on `new`."""

from __future__ import annotations

import pytest

from reviewer_app.core.caseload.ori import check_ori, ori_problem
from reviewer_app.core.errors import ReviewError
from reviewer_app.main import main


@pytest.mark.parametrize("ori", ["IL0490000", "il0490000", "PR1234567", "DC002ABCD",
                                 "NB0010000", "GU0000001"])
def test_valid_oris(ori):
    assert ori_problem(ori) == ""


@pytest.mark.parametrize("ori, words", [("IL049000", "8 characters"),
                                        ("IL04900000", "10 characters"),
                                        ("XX0000000", "state or territory"),
                                        ("1L0490000", "two letters"),
                                        ("IL049-000", "two letters")])
def test_invalid_oris_say_why(ori, words):
    assert words in ori_problem(ori)


def test_ori_must_match_the_state_given():
    assert check_ori("il0490000", "IL") == "IL0490000"
    assert check_ori("", "IL") == ""
    with pytest.raises(ReviewError, match="belongs to WI"):
        check_ori("WI0490000", "IL")


def test_new_refuses_a_bad_ori_in_one_line_and_creates_nothing(tmp_path, capsys):
    path = tmp_path / "r.review"
    assert main(["new", str(path), "--agency", "Test PD", "--ori", "ZZ1234567"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "state or territory code" in err
    assert not path.exists()
    assert main(["new", str(path), "--agency", "Test PD", "--ori", "il0490000",
                 "--state", "IL"]) == 0
    assert main(["status", str(path), "--json"]) == 0
    assert '"agency_ori": "IL0490000"' in capsys.readouterr().out
