"""Spreadsheets of standards as an office keeps them: a state-style set of 300 items in
chapters (codes like 1.01 typed as text), written as .xlsx (openpyxl) or .csv."""

from __future__ import annotations

import csv
from pathlib import Path

HEADER = ["Standard #", "Title", "Standard Text", "Guidance", "Mandatory (Yes/No)",
          "Chapter", "Keywords", "Notes"]
CHAPTERS = ["Organization and Administration", "Use of Force", "Training",
            "Complaints and Discipline", "Patrol Operations", "Property and Evidence",
            "Records", "Communications", "Detention", "Community Relations"]
# items of chapter 2 that a policy like tests/factories/pdfs.py SAMPLE_PAGES evidences
FORCE = [
    ("Neck restraints", "The agency prohibits chokeholds and neck restraints unless deadly "
     "force is authorized by law.", "chokeholds; neck restraint; deadly force"),
    ("Duty to intervene", "Officers shall intervene when another officer uses excessive "
     "force.", "intervene; excessive force"),
    ("Medical aid after force", "Officers render aid to persons injured in a use of force.",
     "medical assistance; first aid"),
]


def state_rows(n: int = 300) -> list[list[object]]:
    """Header then ``n`` items, 30 per chapter; chapter 2 opens with FORCE."""
    rows: list[list[object]] = [list(HEADER)]
    per = max(1, n // len(CHAPTERS))
    for k in range(n):
        chapter, number = divmod(k, per)
        chapter = min(chapter, len(CHAPTERS) - 1)
        code = f"{chapter + 1}.{number + 1:02d}"
        if chapter == 1 and number < len(FORCE):
            title, text, keys = FORCE[number]
        else:
            title = f"{CHAPTERS[chapter]} standard {number + 1}"
            text = (f"The agency has a written directive on {title.lower()}, reviewed "
                    "annually and made known to all sworn personnel.")
            keys = "written directive; annual review"
        rows.append([code, title, text, f"Look for the directive covering {title.lower()}.",
                     "Yes" if number == 0 else "No", CHAPTERS[chapter], keys,
                     "reviewed 2024" if number % 7 == 0 else None])
    return rows


def write_xlsx(path: Path, rows: list[list[object]], sheet: str = "Standards") -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for cell in ws["A"]:
        if isinstance(cell.value, str):
            cell.number_format = "@"  # text, as an office formats a code column
    book.save(path)
    return path


def write_csv(path: Path, rows: list[list[object]], encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(["" if v is None else v for v in row] for row in rows)
    return path
