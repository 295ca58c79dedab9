"""An outline for a PDF without bookmarks: the sections the segmenter detected, in order,
nested by their numbering ("300" > "300.3" > "300.3.2"; "IV." > "B." > "(c)")."""

from __future__ import annotations

import re

from reviewer_app.core.review.store import ReviewStore

MAX_ENTRIES = 3000
_ROMAN = re.compile(r"^[IVXLC]+\.?$")
_LETTER = re.compile(r"^[A-Z]\.?$")
_LOWER = re.compile(r"^\(?[a-z0-9]{1,3}[.)]$")


def level_of(section: str) -> int:
    """Nesting level (1 = top) from the way a section is numbered."""
    s = section.strip()
    if re.match(r"^\d+(\.\d+)+", s):
        return min(s.rstrip(".").count(".") + 1, 4)
    if _ROMAN.match(s) or re.match(r"^\d+\.?$", s):
        return 1
    if _LETTER.match(s):
        return 2
    if _LOWER.match(s):
        return 3
    return 1


def detected_outline(store: ReviewStore, doc_id: int) -> list[tuple[int, str, int]]:
    """(level, title, 0-based page) of each detected section, in document order."""
    rows = store.conn.execute(
        "SELECT section, heading, min(page), min(start) FROM passages WHERE doc_id = ? "
        "AND (section != '' OR heading != '') GROUP BY section, heading ORDER BY min(start)",
        (doc_id,)).fetchall()
    out: list[tuple[int, str, int]] = []
    for section, heading, page, _start in rows[:MAX_ENTRIES]:
        section, heading = (section or "").strip(), (heading or "").strip()
        title = heading if not section or heading.startswith(section) else \
            f"{section} {heading}".strip()
        out.append((level_of(section) if section else 1, title, int(page)))
    return _normalised(out)


def _normalised(entries: list[tuple[int, str, int]]) -> list[tuple[int, str, int]]:
    """Levels from 1, never deeper than one below the entry before ("100.1", "100.2" are
    siblings at the top, not the second nested in the first)."""
    if not entries:
        return entries
    top = min(level for level, _, _ in entries)
    out, prev = [], 0
    for level, title, page in entries:
        level = min(level - top + 1, prev + 1)
        out.append((level, title, page))
        prev = level
    return out
