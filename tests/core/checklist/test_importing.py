"""standards import from a spreadsheet: columns matched by name, a report of what was read,
ignored and skipped, and each kind of bad input refused by row with nothing written."""

from __future__ import annotations

import datetime as dt

import pytest

from reviewer_app.core.checklist.importing import import_sheet
from reviewer_app.core.checklist.spreadsheet import read_sheet
from reviewer_app.core.checklist.standards import load_standards_file
from reviewer_app.core.errors import StandardsError
from tests.factories.standards_sheets import HEADER, state_rows, write_csv, write_xlsx


def run_import(cli, path, out, *extra):
    return cli("standards", "import", path, "--id", "st", "--title", "State set",
               "--out", out, *extra)


def test_a_300_item_workbook_becomes_a_checked_set(tmp_path, cli):
    src = write_xlsx(tmp_path / "state.xlsx", state_rows(300))
    out = tmp_path / "state.toml"
    code, stdout, err = run_import(cli, src, out, "--edition", "2024")
    assert code == 0, err
    s = load_standards_file(out)
    assert len(s.items) == 300 and len(s.categories) == 10 and len(s.mandatory_items) == 10
    neck = s.item("2.01")
    assert neck.title == "Neck restraints" and neck.category == "use-of-force"
    assert neck.search_terms == ("chokeholds", "neck restraint", "deadly force")
    assert s.edition == "2024" and neck.id == "item-2.01"
    assert "read 300 items in 10 groups" in stdout
    assert "A 'Standard #' -> code" in stdout and "F 'Chapter' -> group" in stdout
    assert "column H 'Notes' (row 1): not a known column" in stdout
    assert cli("standards", "check", out)[0] == 0


def test_column_names_match_whatever_their_case_and_punctuation(tmp_path):
    rows = [["CODE", "title", "Requirement", "MANDATORY", "Search_Terms", "group"],
            ["A-1", "One", "Text one.", "y", "a|b", "G"]]
    result = import_sheet(read_sheet(write_csv(tmp_path / "s.csv", rows)), "st", "S")
    item = result.standards.items[0]
    assert (item.id, item.code, item.mandatory, item.search_terms) == ("a-1", "A-1", True,
                                                                       ("a", "b"))
    assert result.ignored == []


def test_empty_rows_are_skipped_and_reported_by_number(tmp_path):
    rows = state_rows(5)
    rows.insert(3, [None] * len(HEADER))
    rows.insert(5, [None] * (len(HEADER) - 1) + ["a note only"])
    result = import_sheet(read_sheet(write_xlsx(tmp_path / "s.xlsx", rows)), "st", "S")
    assert len(result.standards.items) == 5
    assert result.skipped == ["row 4: empty",
                              "row 6: empty in the columns read (values only in column H)"]


def refused(tmp_path, cli, src, *messages):
    out = tmp_path / "out.toml"
    code, _, err = run_import(cli, src, out)
    assert code == 2 and "Traceback" not in err, err
    for message in messages:
        assert message in err, err
    assert not out.exists() and not list(tmp_path.glob(".out.toml*"))  # nothing half-written
    return err


def test_merged_cells_are_refused(tmp_path, cli):
    import openpyxl

    src = write_xlsx(tmp_path / "s.xlsx", state_rows(10))
    book = openpyxl.load_workbook(src)
    book.active.merge_cells("F2:F6")  # a chapter name merged across its items
    book.save(src)
    refused(tmp_path, cli, src, "s.xlsx [Standards]: merged cells F2:F6 (rows 2-6)", "unmerge")


def test_duplicate_codes_name_both_rows(tmp_path, cli):
    rows = state_rows(10)
    rows[7][0] = rows[2][0]
    refused(tmp_path, cli, write_xlsx(tmp_path / "s.xlsx", rows),
            "row 8: code '2.01' is also used in row 3")


def test_duplicate_ids_name_both_rows(tmp_path, cli):
    rows = [["id", "code", "title", "requirement"], ["a", "1", "T", "R"], ["b", "2", "T", "R"],
            ["a", "3", "T", "R"]]
    refused(tmp_path, cli, write_csv(tmp_path / "s.csv", rows),
            "s.csv: row 4: id 'a' is also used in row 2")


def test_a_formula_is_refused_with_its_row_and_column(tmp_path, cli):
    rows = state_rows(10)
    rows[4][1] = '=C5&" (see chapter)"'
    refused(tmp_path, cli, write_xlsx(tmp_path / "s.xlsx", rows),
            "row 5: column B (title): a formula", "Paste Special > Values")


def test_a_date_where_text_belongs_is_refused(tmp_path, cli):
    rows = state_rows(10)
    rows[3][0] = dt.datetime(2024, 1, 3)  # "1.03" turned into the 3rd of January
    refused(tmp_path, cli, write_xlsx(tmp_path / "s.xlsx", rows),
            "row 4: column A (code): a date (2024-01-03 00:00:00) where text belongs")


def test_a_code_typed_as_a_number_that_lost_its_zero_is_refused(tmp_path, cli):
    rows = state_rows(10)
    rows[2][0] = 1.1
    refused(tmp_path, cli, write_xlsx(tmp_path / "s.xlsx", rows),
            "row 3: column A (code): the number 1.1")


def test_ten_thousand_rows_are_refused(tmp_path, cli):
    rows = [["code", "title", "requirement"]] + [[f"c{n}", "T", "R"] for n in range(10_000)]
    refused(tmp_path, cli, write_csv(tmp_path / "s.csv", rows),
            "more than 1000 item rows", "split the sheet")
    refused(tmp_path, cli, write_xlsx(tmp_path / "s.xlsx", rows), "more than 1000 item rows")


def test_a_csv_that_is_not_utf8_names_its_line(tmp_path, cli):
    rows = [["code", "title", "requirement"], ["1", "Policy", "Text"],
            ["2", "Café patrols", "Officers patrol the café district."]]
    refused(tmp_path, cli, write_csv(tmp_path / "s.csv", rows, encoding="cp1252"),
            "s.csv: line 3 is not UTF-8 text (byte 0xe9)", "CSV UTF-8")


@pytest.mark.parametrize("cell, message", [
    ("maybe", "mandatory 'maybe' is not yes or no"),
    (None, None),
])
def test_mandatory_must_say_yes_or_no(tmp_path, cli, cell, message):
    rows = [["code", "title", "requirement", "mandatory"], ["1", "T", "R", cell]]
    src = write_csv(tmp_path / "s.csv", rows)
    if message:
        refused(tmp_path, cli, src, "row 2: " + message)
    else:
        assert not import_sheet(read_sheet(src), "st", "S").standards.items[0].mandatory


def test_missing_cells_and_columns_are_named(tmp_path, cli):
    rows = [["code", "title", "requirement"], ["1", "T", ""]]
    refused(tmp_path, cli, write_csv(tmp_path / "s.csv", rows),
            "row 2: no requirement; fill it in or delete the row")
    rows = [["code", "heading 2", "requirement"], ["1", "T", "R"]]
    refused(tmp_path, cli, write_csv(tmp_path / "s.csv", rows), "row 1: no column for title")


def test_an_existing_set_is_not_overwritten(tmp_path, cli):
    out = tmp_path / "out.toml"
    out.write_text("keep me", encoding="utf-8")
    src = write_csv(tmp_path / "s.csv", [["code", "title", "requirement"], ["1", "T", "R"]])
    code, _, err = run_import(cli, src, out)
    assert code == 2 and "exists" in err and out.read_text(encoding="utf-8") == "keep me"
    assert run_import(cli, src, out, "--force")[0] == 0
    assert load_standards_file(out).items[0].code == "1"


def test_not_a_spreadsheet(tmp_path, cli):
    bad = tmp_path / "s.xlsx"
    bad.write_bytes(b"not a zip")
    refused(tmp_path, cli, bad, "not a readable .xlsx workbook")
    refused(tmp_path, cli, tmp_path / "missing.csv", "no such file")
    with pytest.raises(StandardsError, match="not a spreadsheet"):
        read_sheet(bad.with_suffix(".xls"), None) if bad.with_suffix(".xls").touch() is None \
            else None


def test_other_sheets_are_reported_and_one_can_be_chosen(tmp_path, cli):
    import openpyxl

    src = write_xlsx(tmp_path / "s.xlsx", state_rows(10))
    book = openpyxl.load_workbook(src)
    other = book.create_sheet("Notes")
    other.append(["code", "title", "requirement"])
    other.append(["N1", "Note", "Not a standard."])
    book.save(src)
    code, out, err = run_import(cli, src, tmp_path / "a.toml")
    assert code == 0 and "ignored: sheet 'Notes' (only the first sheet is read" in out, err
    code, out, err = run_import(cli, src, tmp_path / "b.toml", "--sheet", "Notes")
    assert code == 0 and load_standards_file(tmp_path / "b.toml").items[0].code == "N1", err
    code, _, err = run_import(cli, src, tmp_path / "c.toml", "--sheet", "Missing")
    assert code == 2 and "no sheet 'Missing'; the workbook has: Standards, Notes" in err


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_a_csv_separated_by_semicolons_or_tabs(tmp_path, delimiter):
    path = tmp_path / "s.csv"
    path.write_text(f"Code{delimiter}Title{delimiter}Requirement\n"
                    f'1.01{delimiter}"Use, of force"{delimiter}Text.\n', encoding="utf-8")
    item = import_sheet(read_sheet(path), "st", "S").standards.items[0]
    assert (item.code, item.title) == ("1.01", "Use, of force")


def test_a_number_as_a_column_name_is_ignored_and_reported(tmp_path):
    rows = [["code", "title", "requirement", 2024], ["1", "T", "R", "x"]]
    result = import_sheet(read_sheet(write_xlsx(tmp_path / "s.xlsx", rows)), "st", "S")
    assert result.ignored[0].startswith("column D '2024' (row 1): not a known column")
