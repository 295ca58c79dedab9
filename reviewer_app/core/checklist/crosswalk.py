"""Crosswalks: which items of one standards set an item of another set corresponds to.

A crosswalk is a TOML file (``standards/crosswalks/*.toml``) naming its two sets, its source
(a state's comparative-compliance table, the set's own references) and one ``[[map]]`` entry
per source item: the target items (one or many) and whether they are ``equivalent`` or only a
``partial`` match. It is checked like a set: every problem named with file and line, and,
given the sets, every item it names must exist in them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reviewer_app.core.checklist.standards import STANDARDS_DIR, StandardsSet, read_toml_file
from reviewer_app.core.errors import StandardsError

CROSSWALK_DIR = STANDARDS_DIR / "crosswalks"
RELATIONS = ("equivalent", "partial")
_TOP_KEYS = {"id", "title", "from", "to", "source", "note", "map"}
_MAP_KEYS = {"from", "to", "relation", "note"}


@dataclass(frozen=True)
class Mapping:
    source_item: str  # an item id or code of the ``from`` set
    target_items: tuple[str, ...]  # item ids or codes of the ``to`` set
    relation: str
    note: str = ""
    line: int = 0


@dataclass(frozen=True)
class Crosswalk:
    id: str
    title: str
    source_set: str
    target_set: str
    source: str
    mappings: tuple[Mapping, ...]
    name: str = "<crosswalk>"

    def targets_of(self, item_id: str) -> tuple[Mapping, ...]:
        return tuple(m for m in self.mappings if m.source_item == item_id)

    def summary(self) -> str:
        many = sum(len(m.target_items) > 1 for m in self.mappings)
        partial = sum(m.relation == "partial" for m in self.mappings)
        return (f"{self.id}: {self.source_set} -> {self.target_set}, {len(self.mappings)} "
                f"items mapped ({len(self.mappings) - many} one to one, {many} one to many; "
                f"{partial} partial)")


def _map_lines(raw: str) -> list[int]:
    return [n for n, line in enumerate(raw.splitlines(), 1)
            if re.match(r"\s*\[\[\s*map\s*\]\]", line)]


def _key_line(raw: str, key: str) -> int | None:
    """The line of a top-level key (before the first table)."""
    for n, line in enumerate(raw.splitlines(), 1):
        if line.lstrip().startswith("["):
            return None
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return n
    return None


def _value_line(raw: str, start: int, value: str) -> int:
    """The first line at or after ``start`` quoting ``value`` (else ``start``)."""
    needle = f'"{value}"'
    for n, line in enumerate(raw.splitlines()[max(start - 1, 0):], max(start, 1)):
        if needle in line:
            return n
    return start


def parse_crosswalk(data: dict, name: str, raw: str = "") -> Crosswalk:
    problems: list[str] = []
    lines = _map_lines(raw)

    def fail(line: int | None, what: str) -> None:
        problems.append(f"{name}:{line}: {what}" if line else f"{name}: {what}")

    def top(key: str, required: bool = True) -> str:
        value = data.get(key, "")
        if not isinstance(value, str) or (required and not value.strip()):
            kind = "non-empty text" if required else "text"
            fail(_key_line(raw, key), f"top level: '{key}' must be {kind}")
            return ""
        return value.strip()

    cw_id, title = top("id"), top("title")
    source_set, target_set, source = top("from"), top("to"), top("source")
    for key in sorted(set(data) - _TOP_KEYS):
        fail(None, f"top level: unknown key '{key}' (known: {', '.join(sorted(_TOP_KEYS))})")
    if source_set and source_set == target_set:
        fail(_key_line(raw, "to"), f"maps the set '{source_set}' onto itself; "
                                              "'to' must name another set")
    entries = data.get("map", [])
    if not isinstance(entries, list) or not entries:
        fail(None, "at least one [[map]] entry is needed")
        entries = []
    mappings: list[Mapping] = []
    seen: dict[str, int] = {}
    for n, entry in enumerate(entries):
        line = lines[n] if n < len(lines) else None
        where = f"map[{n}]"
        if not isinstance(entry, dict):
            fail(line, f"{where}: must be a table")
            continue
        src = entry.get("from")
        targets = entry.get("to")
        if isinstance(targets, str):
            targets = [targets]
        relation = entry.get("relation", "equivalent")
        if not isinstance(src, str) or not src.strip():
            fail(line, f"{where}: 'from' must name an item of {source_set or 'the from set'}")
            src = ""
        if not isinstance(targets, list) or not targets \
                or not all(isinstance(t, str) and t.strip() for t in targets):
            fail(line, f"{where}: 'to' must be an item or a list of items of "
                       f"{target_set or 'the to set'}")
            targets = []
        if relation not in RELATIONS:
            fail(line, f"{where}: relation '{relation}' is not one of {', '.join(RELATIONS)}")
        for key in sorted(set(entry) - _MAP_KEYS):
            fail(line, f"{where}: unknown key '{key}' (known: {', '.join(sorted(_MAP_KEYS))})")
        if src in seen:
            fail(line, f"{where}: '{src}' is mapped again (first on line {seen[src]}); put all "
                       "its targets in one 'to' list")
        seen.setdefault(src, line or 0)
        note = entry.get("note", "")
        mappings.append(Mapping(src.strip(), tuple(t.strip() for t in targets),
                                str(relation), note if isinstance(note, str) else "",
                                line or 0))
    if problems:
        raise StandardsError("\n".join(problems))
    return Crosswalk(cw_id, title, source_set, target_set, source, tuple(mappings), name)


def load_crosswalk(path: str | Path) -> Crosswalk:
    path = Path(path)
    data, raw = read_toml_file(path, "crosswalk file")
    return parse_crosswalk(data, str(path), raw)


def check_against(cw: Crosswalk, source: StandardsSet | None,
                  target: StandardsSet | None) -> Crosswalk:
    """The crosswalk with its items named by id, once each exists in its set; a set not
    given is not checked (its items stay as written)."""
    problems: list[str] = []
    mappings = []
    for s, expected in ((source, cw.source_set), (target, cw.target_set)):
        if s is not None and s.id != expected:
            problems.append(f"{cw.name}: the crosswalk maps '{cw.source_set}' onto "
                            f"'{cw.target_set}', not '{s.id}'")
    if problems:
        raise StandardsError("\n".join(problems))
    for m in cw.mappings:
        src = _resolve(cw, source, m.source_item, m.line, problems)
        dst = tuple(_resolve(cw, target, t, m.line, problems) for t in m.target_items)
        mappings.append(Mapping(src, dst, m.relation, m.note, m.line))
    if problems:
        raise StandardsError("\n".join(problems))
    return Crosswalk(cw.id, cw.title, cw.source_set, cw.target_set, cw.source,
                     tuple(mappings), cw.name)


def _resolve(cw: Crosswalk, s: StandardsSet | None, ref: str, line: int,
             problems: list[str]) -> str:
    if s is None:
        return ref
    try:
        return s.item(ref).id
    except StandardsError:
        problems.append(f"{cw.name}:{line}: '{ref}' is not an item of {s.id} "
                        f"({len(s.items)} items); give an item's id or code")
        return ref


def bundled_crosswalks() -> dict[str, Path]:
    return {p.stem: p for p in sorted(CROSSWALK_DIR.glob("*.toml"))}
