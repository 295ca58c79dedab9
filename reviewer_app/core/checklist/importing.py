"""Importing a standards set from an office's spreadsheet into a checked TOML set.

One row per item; the columns are matched by name, case and punctuation aside. Nothing is
guessed silently: the report lists every column read and ignored and every row skipped, by
number, and a cell that cannot be trusted (a formula, a date where text belongs, a number that
lost its trailing zeros) stops the import with its row and column. The TOML is checked by
``parse_standards`` before anything is written, and written whole or not at all.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from reviewer_app.core.checklist.spreadsheet import Formula, Row, Sheet, Value, column_letter
from reviewer_app.core.checklist.standards import MAX_ITEMS, StandardsSet, parse_standards
from reviewer_app.core.checklist.toml_writer import Scalar, toml_document
from reviewer_app.core.errors import StandardsError

# field -> the column names read as it (normalised: lower case, words split by one space)
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("id", "item id", "identifier", "key"),
    "code": ("code", "number", "no", "standard", "standard number", "standard no", "std no", "ref"),
    "title": ("title", "name", "heading", "subject", "short title"),
    "requirement": ("requirement", "requirement text", "standard text", "text", "statement",
                    "description"),
    "guidance": ("guidance", "assessor guidance", "commentary", "interpretation", "notes for "
                 "assessors"),
    "mandatory": ("mandatory", "mandatory yes no", "required", "is mandatory"),
    "group": ("group", "category", "chapter", "section", "group title"),
    "search_terms": ("search terms", "keywords", "terms"),
    "references": ("references", "reference", "cross references", "see also"),
}
YES = {"yes", "y", "true", "x", "1", "mandatory", "required"}
NO = {"no", "n", "false", "0", "optional", "", "discretionary"}
MAX_PROBLEMS = 25  # shown at once; the rest are counted
_OSCAL_ID = re.compile(r"^[a-z_][a-z0-9_.-]*$")  # an OSCAL token, and a set's id rules


@dataclass
class ImportResult:
    standards: StandardsSet
    toml: str
    read: list[str] = field(default_factory=list)  # columns read, as "B 'Std #' -> code"
    ignored: list[str] = field(default_factory=list)  # columns and sheets not read
    skipped: list[str] = field(default_factory=list)  # rows left out, with their number

    def report(self) -> str:
        s = self.standards
        lines = [f"read {len(s.items)} items in {len(s.categories)} groups "
                 f"({len(s.mandatory_items)} mandatory)", "columns read: " + "; ".join(self.read)]
        lines += [f"ignored: {what}" for what in self.ignored]
        lines += [f"skipped: {what}" for what in self.skipped]
        return "\n".join(lines)


def normalise(name: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", name.casefold()))


def slug(text: str) -> str:
    s = re.sub(r"[^a-z0-9_.-]+", "-", text.casefold()).strip("-.")
    return s if _OSCAL_ID.match(s) else f"item-{s}" if s else ""


class _Problems(list[str]):
    def add(self, sheet: Sheet, row: int, what: str) -> None:
        self.append(f"{sheet.name}: row {row}: {what}")


def map_columns(sheet: Sheet, problems: _Problems) -> tuple[dict[str, int], list[str],
                                                            list[str]]:
    """Which column holds which field; the columns read and ignored, for the report."""
    lookup = {alias: name for name, aliases in COLUMNS.items() for alias in aliases}
    fields: dict[str, int] = {}
    read, ignored = [], []
    for n, head in enumerate(sheet.header.cells):
        label = f"column {column_letter(n)} '{head}'"
        if head is None:
            continue
        name = lookup.get(normalise(head)) if isinstance(head, str) \
            and not isinstance(head, Formula) else None
        if name is None:
            ignored.append(f"{label} (row 1): not a known column "
                           f"(known: {', '.join(COLUMNS)})")
        elif name in fields:
            problems.add(sheet, 1, f"{label} and column {column_letter(fields[name])} are both "
                                   f"read as '{name}'; rename or delete one")
        else:
            fields[name] = n
            read.append(f"{column_letter(n)} '{head}' -> {name}")
    missing = [f for f in ("title", "requirement") if f not in fields]
    if "id" not in fields and "code" not in fields:
        missing.insert(0, "code (or id)")
    if missing:
        problems.add(sheet, 1, f"no column for {', '.join(missing)}; name the columns in row 1 "
                               f"(found: {', '.join(str(h) for h in sheet.header.cells if h)})")
    return fields, read, ignored


def _text(sheet: Sheet, row: Row, col: int, field_name: str, problems: _Problems,
          exact: bool = False) -> str:
    value: Value = row.cells[col] if col < len(row.cells) else None
    where = f"column {column_letter(col)} ({field_name})"
    if value is None:
        return ""
    if isinstance(value, Formula):
        problems.add(sheet, row.number, f"{where}: a formula ({value[:40]}); replace formulas "
                                        "by their values (copy, Paste Special > Values)")
        return ""
    if isinstance(value, dt.date | dt.time | dt.datetime):
        problems.add(sheet, row.number, f"{where}: a date ({value}) where text belongs; the "
                                        "spreadsheet turned the text into a date: format the "
                                        "column as Text, retype the value and import again")
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and exact and not value.is_integer():
        problems.add(sheet, row.number, f"{where}: the number {value}, which may have lost "
                                        "trailing zeros (4.10 reads as 4.1); format the column "
                                        "as Text, retype the value and import again")
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _terms(text: str) -> list[str]:
    return [t.strip() for t in re.split(r"[;|\n]", text) if t.strip()]


def import_sheet(sheet: Sheet, set_id: str, title: str, edition: str = "",
                 publisher: str = "", months: int = 36) -> ImportResult:
    problems = _Problems()
    fields, read, ignored = map_columns(sheet, problems)
    if problems:
        raise StandardsError("\n".join(problems))
    ignored += [f"sheet '{n}' (only the first sheet is read; choose one with --sheet)"
                for n in sheet.other_sheets]
    skipped: list[str] = []
    items: list[dict[str, Scalar]] = []
    groups: dict[str, str] = {}  # title -> category id
    first_row: dict[tuple[str, str], int] = {}
    for row in sheet.rows:
        get = {f: _text(sheet, row, c, f, problems, exact=f in ("id", "code"))
               for f, c in fields.items()}
        if not any(get.values()):
            others = [column_letter(n) for n, v in enumerate(row.cells) if v is not None]
            skipped.append(f"row {row.number}: empty" + (
                f" in the columns read (values only in column {', '.join(others)})"
                if others else ""))
            continue
        code = get.get("code") or get.get("id", "")
        item_id = get.get("id") or slug(code)
        for name, value in (("code", code), ("title", get["title"]),
                            ("requirement", get["requirement"])):
            if not value:
                problems.add(sheet, row.number, f"no {name}; fill it in or delete the row")
        if get.get("id") and not _OSCAL_ID.match(item_id):
            problems.add(sheet, row.number, f"id '{item_id}' must start with a letter and hold "
                                            "only a-z, 0-9, '_', '.', '-' (or leave the id "
                                            "column out: ids are then made from the codes)")
        for key, value in (("id", get.get("id", "")), ("code", code)):
            if value and (key, value.casefold()) in first_row:
                problems.add(sheet, row.number, f"{key} '{value}' is also used in row "
                                                f"{first_row[key, value.casefold()]}; each "
                                                "item needs its own")
            first_row.setdefault((key, value.casefold()), row.number)
        mandatory = get.get("mandatory", "").casefold()
        if mandatory not in YES | NO:
            problems.add(sheet, row.number, f"mandatory '{get['mandatory']}' is not yes or no")
        group = get.get("group", "") or ("" if "group" in fields else title)
        if not group:
            problems.add(sheet, row.number, "no group; fill it in (every item belongs to one)")
        elif group not in groups:
            groups[group] = slug(group) or f"group-{len(groups) + 1}"
            if groups[group] in list(groups.values())[:-1]:
                groups[group] = f"{groups[group]}-{len(groups)}"
        items.append({"id": item_id, "code": code, "title": get["title"],
                      "category": groups.get(group, ""), "requirement": get["requirement"],
                      "mandatory": mandatory in YES, "guidance": get.get("guidance", ""),
                      "search_terms": _terms(get.get("search_terms", "")),
                      "references": _terms(get.get("references", ""))})
        if len(problems) > MAX_PROBLEMS:
            break
    if not items and not problems:
        problems.append(f"{sheet.name}: no item rows below the column names")
    if len(items) > MAX_ITEMS:
        problems.append(f"{sheet.name}: {len(items)} items; a set may hold at most {MAX_ITEMS}")
    if problems:
        more = len(problems) - MAX_PROBLEMS
        raise StandardsError("\n".join(problems[:MAX_PROBLEMS]) + (
            f"\n... and {more} more problems" if more > 0 else "")
            + "\nnothing was written; fix the rows above and import again")
    if "group" not in fields:
        ignored.append("no group column: every item is in one group named after the set")
    categories: list[dict[str, Scalar]] = [
        {"id": cat_id, "title": name,
         "mandatory": all(i["mandatory"] for i in items if i["category"] == cat_id)}
        for name, cat_id in groups.items()]
    top: dict[str, Scalar] = {"id": set_id, "title": title, "edition": edition,
                              "publisher": publisher, "source": f"imported from {sheet.name}",
                              "certification_months": months}
    text = toml_document(top, {"categories": categories, "items": items},
                         comment=f"{title}\nImported from {sheet.name} by reviewer-app "
                                 "standards import; check it with reviewer-app standards check.")
    standards = parse_standards(tomllib.loads(text), f"<imported {set_id}>", text)
    return ImportResult(standards, text, read, ignored, skipped)


def write_atomically(path: Path, text: str, overwrite: bool = False) -> None:
    """The whole file or, on any failure, nothing (and an existing file kept)."""
    if path.exists() and not overwrite:
        raise StandardsError(f"{path} exists; give another --out or --force to replace it")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise StandardsError(f"{path}: cannot be written ({exc.strerror or exc})") from None
