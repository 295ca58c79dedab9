"""Standards files that look valid but are not: strict types, bounds, unique ids and
codes, named by file, line and key; deep nesting and huge sets handled."""

from __future__ import annotations

import re

import pytest

from reviewer_app.core.checklist import standards as std
from reviewer_app.core.errors import StandardsError

BASE = std.bundled_sets()["doj-2020"].read_text(encoding="utf-8")


def variant(tmp_path, old: str, new: str, count: int = 1):
    assert old in BASE, old
    path = tmp_path / "set.toml"
    path.write_text(BASE.replace(old, new, count), encoding="utf-8")
    return path


def line_of(path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


CASES = {
    "mandatory as text": ('mandatory = true', 'mandatory = "false"',
                          "'mandatory' must be true or false"),
    "months too large": ("certification_months = 36", "certification_months = 100000",
                         "from 1 to 120"),
    "months zero": ("certification_months = 36", "certification_months = 0", "from 1 to 120"),
    "months boolean": ("certification_months = 36", "certification_months = true",
                       "the boolean true"),
    "months float": ("certification_months = 36", "certification_months = 36.5",
                     "from 1 to 120"),
    "edition a table": ('edition = "2020-10-28"', 'edition = { year = 2020 }',
                        "'edition' must be text"),
    "publisher a list": ('publisher = "U.S. Department of Justice"',
                         'publisher = ["DOJ", "FBI"]', "'publisher' must be text"),
    "duplicate category": ('id = "force"', 'id = "mandatory"', "category id 'mandatory' "
                           "is used twice"),
    "duplicate code": ('code = "B"', 'code = "A"', "code 'A' is used twice"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_invalid_set_is_refused_with_file_line_and_key(tmp_path, cli, case):
    old, new, message = CASES[case]
    path = variant(tmp_path, old, new)
    code, out, err = cli("standards", "check", path)
    assert code == 2 and message in err, err
    key = new.split("=")[0].strip()
    first = err.splitlines()[0]
    assert re.search(rf"{re.escape(str(path))}:\d+: ", first), first
    if case not in ("duplicate category", "duplicate code"):
        assert f"{path}:{line_of(path, new)}:" in first
    code, _, err = cli("new", tmp_path / "n.review", "--agency", "X", "--standards", path)
    assert code == 2 and message in err
    assert key


def test_string_mandatory_no_longer_turns_the_outcome(tmp_path):
    path = variant(tmp_path, 'mandatory = true', 'mandatory = "false"')
    with pytest.raises(StandardsError, match="true or false"):
        std.load_standards_file(path)


@pytest.mark.parametrize("where", ["top", "item"])
def test_deep_nesting_is_a_message(tmp_path, cli, where):
    deep = "[" * 5000 + "]" * 5000
    text = (f"junk = {deep}\n" + BASE) if where == "top" else BASE.replace(
        'references = ["EO 13929 Sec. 2(b)(i)", "CALEA 4.1.1"]', f"references = {deep}", 1)
    path = tmp_path / "deep.toml"
    path.write_text(text, encoding="utf-8")
    code, _, err = cli("standards", "check", path)
    assert code == 2 and "nests" in err and "Traceback" not in err
    code, _, err = cli("new", tmp_path / "n.review", "--agency", "X", "--standards", path)
    assert code == 2 and "nests" in err


def big_set(n: int, problems: bool) -> str:
    out = ['id = "big"', 'title = "Big"', "certification_months = 36",
           '[[categories]]', 'id = "c"', 'title = "C"']
    for i in range(n):
        out += ["[[items]]", f'id = "item{i}"', f'code = "{i}"', 'category = "c"',
                f'title = "Item {i}"', f'requirement = "Requirement {i}"']
        if problems:
            out += ['mandatory = "yes"', "unexpected = 1"]
    return "\n".join(out) + "\n"


def test_line_numbers_are_looked_up_in_one_pass(tmp_path, monkeypatch):
    path = tmp_path / "big.toml"
    path.write_text(big_set(1000, problems=True), encoding="utf-8")
    calls = []
    real = std._line_index
    monkeypatch.setattr(std, "_line_index", lambda raw: calls.append(1) or real(raw))
    with pytest.raises(StandardsError) as err:
        std.load_standards_file(path)
    problems = str(err.value).splitlines()
    assert len(problems) == 2000 and len(calls) == 1
    start = line_of(path, 'id = "item999"')
    lines = path.read_text(encoding="utf-8").splitlines()
    mandatory = next(n for n in range(start, len(lines) + 1)
                     if lines[n - 1].startswith("mandatory"))
    assert problems[-1].startswith(f"{path}:{mandatory}: items[999]")


def test_a_ten_thousand_item_set_is_bounded(tmp_path, cli):
    path = tmp_path / "big.toml"
    path.write_text(big_set(10_000, problems=False), encoding="utf-8")
    code, _, err = cli("standards", "check", path)
    assert code == 2 and "10000 items; a standards set may hold at most 1000" in err
    code, _, err = cli("new", tmp_path / "n.review", "--agency", "X", "--standards", path)
    assert code == 2 and "at most 1000" in err
    path.write_text(big_set(1000, problems=False), encoding="utf-8")
    code, out, _ = cli("standards", "check", path)
    assert code == 0 and "1000 items" in out
