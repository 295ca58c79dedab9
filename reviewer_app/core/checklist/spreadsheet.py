"""Reading a spreadsheet (CSV or XLSX) into numbered rows of raw cell values.

Import must never guess silently, so this reader keeps what a spreadsheet hides: a formula
stays a ``Formula`` (not its cached result), a date stays a ``datetime``, merged cells and an
encoding that is not UTF-8 stop the import with the row to fix. Which cells matter is decided
by the importer (``importing.py``); an ignored column may hold anything.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from reviewer_app.core.errors import StandardsError

# A set holds at most standards.MAX_ITEMS items; reading stops a little after it so that a
# 10,000-row sheet is refused without being read whole.
ROW_LIMIT = 1000


class Formula(str):
    """A cell holding a formula (``=A2&B2``): its text, never a computed value."""


Value = str | int | float | bool | Formula | object | None


@dataclass(frozen=True)
class Row:
    number: int  # as the spreadsheet program shows it (the header is row 1)
    cells: tuple[Value, ...]

    @property
    def empty(self) -> bool:
        return all(v is None or (isinstance(v, str) and not v.strip()) for v in self.cells)


@dataclass(frozen=True)
class Sheet:
    name: str  # the file's name, with the sheet's for a workbook
    header: Row
    rows: tuple[Row, ...]
    other_sheets: tuple[str, ...] = ()


def read_sheet(path: Path, sheet: str | None = None, limit: int = ROW_LIMIT) -> Sheet:
    """The first (or named) sheet of an .xlsx file, or a .csv file, as rows."""
    suffix = path.suffix.lower()
    if not path.is_file():
        raise StandardsError(f"{path}: no such file")
    if suffix == ".csv":
        return _read_csv(path, limit)
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path, sheet, limit)
    raise StandardsError(f"{path}: not a spreadsheet this can read; give a .csv, .xlsx or "
                         "OSCAL catalog .json file (an .xls file: save it as .xlsx first)")


def _too_many(path: Path, limit: int) -> StandardsError:
    return StandardsError(f"{path}: more than {limit} item rows; a standards set may hold at "
                          f"most {limit} items: split the sheet into several sets")


def _read_csv(path: Path, limit: int) -> Sheet:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise StandardsError(
            f"{path}: line {line} is not UTF-8 text (byte 0x{data[exc.start]:02x}); save the "
            "file as 'CSV UTF-8' (Excel: File > Save As) and import it again") from None
    if "\x00" in text:
        raise StandardsError(f"{path}: holds NUL bytes: not a CSV text file")
    rows: list[Row] = []
    filled = 0
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
        for n, cells in enumerate(reader, 1):
            row = Row(n, tuple(c if c.strip() else None for c in cells))
            rows.append(row)
            filled += n > 1 and not row.empty
            if filled > limit:
                raise _too_many(path, limit)
    except csv.Error as exc:
        raise StandardsError(f"{path}: row {len(rows) + 1}: not valid CSV ({exc})") from None
    if not rows:
        raise StandardsError(f"{path}: the file is empty; the first row must name the columns")
    return Sheet(path.name, rows[0], tuple(rows[1:]))


def _delimiter(text: str) -> str:
    """',' or what the header row uses instead (';' from a European Excel, a tab)."""
    header = text.split("\n", 1)[0]
    return max(",;\t", key=lambda d: (header.count(d), d == ","))


def _read_xlsx(path: Path, sheet: str | None, limit: int) -> Sheet:
    import zipfile

    import openpyxl  # imported here: only an import needs it

    try:
        # not read_only: merged ranges are only known to a fully loaded sheet
        book = openpyxl.load_workbook(path, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise StandardsError(f"{path}: not a readable .xlsx workbook ({exc})") from None
    names = tuple(book.sheetnames)
    if sheet is not None and sheet not in names:
        raise StandardsError(f"{path}: no sheet '{sheet}'; the workbook has: {', '.join(names)}")
    ws = book[sheet] if sheet is not None else book.worksheets[0]
    merged = sorted(str(r.coord) for r in ws.merged_cells.ranges)
    if merged:
        raise StandardsError(
            f"{path} [{ws.title}]: merged cells {', '.join(merged[:5])}"
            f"{' and more' if len(merged) > 5 else ''} (rows {_rows_of(merged[0])}); unmerge "
            "them and put each item's value on its own row, then import again")
    rows: list[Row] = []
    filled = 0
    for cells in ws.iter_rows():
        values = tuple(_cell_value(c) for c in cells)
        row = Row(cells[0].row if cells else len(rows) + 1, values)
        rows.append(row)
        filled += len(rows) > 1 and not row.empty
        if filled > limit:
            raise _too_many(path, limit)
    if not rows or rows[0].empty:
        raise StandardsError(f"{path} [{ws.title}]: the first row is empty; it must name the "
                             "columns (id, code, title, requirement, ...)")
    return Sheet(f"{path.name} [{ws.title}]", rows[0], tuple(rows[1:]),
                 tuple(n for n in names if n != ws.title))


def _rows_of(coord: str) -> str:
    from openpyxl.utils.cell import range_boundaries

    _, top, _, bottom = range_boundaries(coord)
    return f"{top}-{bottom}" if top != bottom else str(top)


def _cell_value(cell: object) -> Value:
    value = getattr(cell, "value", None)
    if getattr(cell, "data_type", None) == "f":
        return Formula(str(getattr(value, "text", value)))
    if isinstance(value, str) and not value.strip():
        return None
    return value


def column_letter(index: int) -> str:
    """0 -> A, 26 -> AA: how a spreadsheet program names a column."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
