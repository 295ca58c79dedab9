"""reviewer-app suggest: JSON shape, text output, bare PDFs and user mistakes."""

from __future__ import annotations

import json

import pytest

from reviewer_app.cli import run_cli
from reviewer_app.core.checklist.standards import resolve_standards


@pytest.fixture
def policy_file(tmp_path, force_policy_pdf):
    path = tmp_path / "policy.pdf"
    path.write_bytes(force_policy_pdf)
    return path


def _run(capsys, *args) -> tuple[int, str, str]:
    code = run_cli(["suggest", *map(str, args)])
    out = capsys.readouterr()
    return code, out.out, out.err


def _check_shape(data: dict, item_ids: list[str], top: int) -> None:
    assert list(data) == ["items"]
    assert sorted(data["items"]) == sorted(item_ids)
    for found in data["items"].values():
        assert len(found) <= top
        for s in found:
            assert set(s) == {"doc", "page", "section", "heading", "start", "end", "text",
                              "score", "likely", "marks"}
            assert 0 <= s["start"] < s["end"] and len(s["text"]) <= 1500
            assert isinstance(s["page"], int) and s["page"] >= 1
            assert isinstance(s["score"], float) and 0 <= s["score"] <= 1
            assert isinstance(s["text"], str) and s["text"]
            assert isinstance(s["doc"], str) and isinstance(s["section"], str)


def test_json_for_a_bare_pdf(capsys, tmp_path, policy_file):
    code, out, err = _run(capsys, policy_file, "--json", "--top", "3")
    assert code == 0, err
    data = json.loads(out)
    _check_shape(data, [i.id for i in resolve_standards("doj-2020").items], 3)
    best = data["items"]["chokehold"][0]
    assert (best["section"], best["heading"]) == ("300.3.3", "RESPIRATORY RESTRAINTS")
    assert best["page"] == 2  # 1-based
    assert best["doc"] == "Testville Use of Force"
    assert not list(tmp_path.glob("*.review"))  # nothing written next to the PDF


def test_json_for_a_review_file(capsys, tmp_path, policy_file):
    review = tmp_path / "agency.review"
    assert run_cli(["new", str(review), "--agency", "Testville PD"]) == 0
    assert run_cli(["add-doc", str(review), str(policy_file)]) == 0
    capsys.readouterr()
    code, out, err = _run(capsys, review, "--item", "duty_to_intervene", "--json")
    assert code == 0, err
    data = json.loads(out)
    _check_shape(data, ["duty_to_intervene"], 5)
    assert data["items"]["duty_to_intervene"][0]["section"] == "300.3.1"
    assert data["items"]["duty_to_intervene"][0]["heading"] == "DUTY TO INTERVENE"


def test_text_output_lists_items_with_pages_and_scores(capsys, policy_file):
    code, out, _ = _run(capsys, policy_file, "--item", "chokehold", "--top", "2")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].strip() == "B Prohibition of choke holds"
    assert "p.2" in lines[1] and "300.3.3 RESPIRATORY RESTRAINTS" in lines[1]
    assert "likely" in lines[1]


@pytest.mark.parametrize("args, message", [
    (["--item", "nonsense"], "no item 'nonsense'"),
    (["--top", "0"], None),
])
def test_user_mistakes_are_one_line_errors(capsys, policy_file, args, message):
    if message is None:
        with pytest.raises(SystemExit) as exc:
            run_cli(["suggest", str(policy_file), *args])
        assert exc.value.code == 2
        return
    code, out, err = _run(capsys, policy_file, *args)
    assert code == 2 and message in err and "Traceback" not in err


def test_missing_file_and_scanned_pdf(capsys, tmp_path, pdf_factory):
    code, _, err = _run(capsys, tmp_path / "nope.pdf")
    assert code == 2 and "no such file" in err
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(pdf_factory(["", ""]))
    code, _, err = _run(capsys, scan)
    assert code == 2 and "no text layer" in err


def test_review_without_documents(capsys, tmp_path):
    review = tmp_path / "empty.review"
    assert run_cli(["new", str(review), "--agency", "Testville PD"]) == 0
    code, _, err = _run(capsys, review)
    assert code == 2 and "no documents" in err


@pytest.mark.parametrize("item", ["chokehold", "B"])
def test_an_item_named_by_its_code_gets_no_absence_report_when_a_clause_is_likely(
        capsys, tmp_path, policy_file, item):
    """`suggest --item B` listed a likely clause and then said "No clause found" (the
    absence check looked the item up by the code the user typed)."""
    review = tmp_path / "agency.review"
    assert run_cli(["new", str(review), "--agency", "Testville PD"]) == 0
    assert run_cli(["add-doc", str(review), str(policy_file)]) == 0
    capsys.readouterr()
    code, out, err = _run(capsys, review, "--item", item)
    assert code == 0, err
    assert "likely" in out and "No clause found" not in out
    code, out, err = _run(capsys, policy_file, "--item", item, "--json")
    assert code == 0, err
    assert "absence" not in json.loads(out)
