"""State law notes: per item and per state, the statute an assessor must also weigh.

State law is the same for every agency of a state (an Illinois review always needs the
state's chokehold statute), so it belongs to the standards set, not to each review. A note
sits under its item in the set's TOML::

    [[items.state_notes]]
    state = "IL"
    citation = "720 ILCS 5/7-5.5"
    statute = "Prohibited use of force by a peace officer"
    requires = "What the statute requires, in the set author's words."
    quote = "Optional: the statute's own words, verbatim, only where they were read."
    source = "https://www.ilga.gov/..."

They are checked like the rest of the set (unknown state code, missing citation, unknown
key), every problem naming its line. This module imports nothing of ``standards.py`` so
that the set's loader can call it without a cycle.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from reviewer_app.core.vocabulary import STATE_CODES

KEY = "state_notes"
_REQUIRED = ("state", "citation", "statute", "requires", "source")
_OPTIONAL = ("quote",)
_HEADER = re.compile(r"^\s*\[\[\s*items\s*\.\s*state_notes\s*\]\]")
_ANY_HEADER = re.compile(r"^\s*\[")
_KEY_LINE = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")
MAX_CHARS = 4000  # a note is a paragraph; more is a paste accident


@dataclass(frozen=True)
class StateNote:
    """One statute of one state bearing on one checklist item."""

    item: str
    state: str  # two-letter postal code, upper case
    citation: str  # "720 ILCS 5/7-5.5"
    statute: str  # its title
    requires: str  # what it requires, paraphrased by the set's author
    source: str  # where it can be read (an official address)
    quote: str = ""  # verbatim words of the statute, only where they were read

    @property
    def heading(self) -> str:
        return f"{self.state}: {self.citation} ({self.statute})"


def notes_for(notes: Iterable[StateNote], item_id: str, state: str) -> list[StateNote]:
    """The notes for ``item_id`` in ``state`` (any case, spaces ignored); none without a
    state."""
    code = state.strip().upper()
    return [n for n in notes if code and n.item == item_id and n.state == code]


class _Lines:
    """Where the n-th ``[[items.state_notes]]`` table, and a key inside it, start."""

    def __init__(self, raw: str):
        self.tables: list[tuple[int, dict[str, int]]] = []
        current: dict[str, int] | None = None
        for n, line in enumerate(raw.splitlines(), 1):
            if _HEADER.match(line):
                current = {}
                self.tables.append((n, current))
            elif _ANY_HEADER.match(line):
                current = None
            elif current is not None:
                key = _KEY_LINE.match(line)
                if key:
                    current.setdefault(key.group(1), n)

    def of(self, index: int, key: str | None) -> int | None:
        if index >= len(self.tables):
            return None
        start, keys = self.tables[index]
        return keys.get(key or "", start)


def parse_state_notes(data: dict, name: str, raw: str) -> tuple[tuple[StateNote, ...], list[str]]:
    """The notes under the items of a set's TOML ``data``, and the problems found, each
    "file:line: where: what" like the rest of the set's checks."""
    lines = _Lines(raw)
    notes: list[StateNote] = []
    problems: list[str] = []
    items = data.get("items")
    if not isinstance(items, list):
        return (), []
    seen = 0  # tables in file order, for the line numbers
    for it in items:
        if not isinstance(it, dict) or KEY not in it:
            continue
        item_id = str(it["id"]) if isinstance(it.get("id"), str) else "?"
        entries = it[KEY]
        if not isinstance(entries, list):
            problems.append(f"{name}: item '{item_id}': '{KEY}' must be a list of "
                            f"[[items.{KEY}]] tables")
            continue
        for k, entry in enumerate(entries, 1):
            index, seen = seen, seen + 1
            where = f"item '{item_id}' state note {k}"

            def fail(what: str, key: str | None = None, index: int = index,
                     where: str = where) -> None:
                line = lines.of(index, key)
                problems.append(f"{name}:{line}: {where}: {what}" if line
                                else f"{name}: {where}: {what}")

            if not isinstance(entry, dict):
                fail("must be a table")
                continue
            values = _values(entry, fail)
            state = values["state"].upper()
            if values["state"] and state not in STATE_CODES:
                fail(f"unknown state code '{values['state']}' (give a two-letter code such "
                     "as IL or VA)", "state")
            source = values["source"]
            if source and not re.match(r"^https?://\S+$", source):
                fail(f"'source' must be the address (https://...) where the statute can be "
                     f"read, not '{source[:60]}'", "source")
            unknown = sorted(set(entry) - set(_REQUIRED) - set(_OPTIONAL))
            if unknown:
                fail(f"unknown key(s) {unknown}; a state note has "
                     f"{', '.join(_REQUIRED + _OPTIONAL)}", unknown[0])
            notes.append(StateNote(item=item_id, state=state, citation=values["citation"],
                                   statute=values["statute"], requires=values["requires"],
                                   source=source, quote=values["quote"]))
    return tuple(notes), problems


def _values(entry: dict, fail: Callable[..., None]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key in _REQUIRED + _OPTIONAL:
        value = entry.get(key)
        if value is None:
            if key in _REQUIRED:
                fail(f"'{key}' is missing")
            out[key] = ""
        elif not isinstance(value, str) or (key in _REQUIRED and not value.strip()):
            fail(f"'{key}' must be non-empty text", key)
            out[key] = ""
        elif len(value) > MAX_CHARS:
            fail(f"'{key}' has {len(value):,} characters; at most {MAX_CHARS:,}", key)
            out[key] = value.strip()[:MAX_CHARS]
        else:
            out[key] = " ".join(value.split())
    return out


def notes_from_json(rows: object) -> tuple[StateNote, ...]:
    """The notes of a set as stored inside a review (already checked when copied in)."""
    if not isinstance(rows, list):
        raise TypeError("state_notes")
    return tuple(StateNote(**row) for row in rows)


def citation_pattern(citation: str) -> re.Pattern[str] | None:
    """How a policy writes the note's statute: "720 ILCS 5/7-5.5" also as "ILCS 720
    5/7-5.5"; "Va. Code § 19.2-83.4" as "19.2-83.4". Subsections and further sections of
    the citation are left out (a policy cites the section); None for another kind."""
    found = _citation(citation)
    return found[0] if found else None


def _citation(citation: str) -> tuple[re.Pattern[str], str] | None:
    """The pattern, and a literal every text it matches contains (for ``cited_at``)."""
    head = re.split(r"[(,;]", citation, maxsplit=1)[0]
    m = re.search(r"(\d+)\s*ILCS\s*(\d+/[\d\-.]*\d)", head)
    if m:
        ch, sec = m.group(1), re.escape(m.group(2))
        return (re.compile(rf"(?<![\d.])(?:{ch}\s*ILCS\s*{sec}|ILCS\s*{ch}\s*{sec})"
                           rf"(?!\d|\.\d)"), "ILCS")
    m = re.search(r"§+\s*(\d+(?:\.\d+)?-\d+(?:\.\d+)*)", head)
    if m:
        return re.compile(rf"(?<![\d.]){re.escape(m.group(1))}(?!\d|\.\d)"), m.group(1)
    return None


def cited_at(text: str, citation: str) -> list[int]:
    """Where ``text`` cites the note's statute (offsets of each citation).

    The pattern is tried only around each occurrence of a literal it must contain: over a
    758-page manual that is about 1 ms instead of 20 (the item panel asks on the
    interface thread)."""
    found = _citation(citation)
    if found is None:
        return []
    pattern, anchor = found
    hits: set[int] = set()
    at = text.find(anchor)
    while at != -1:
        for m in pattern.finditer(text, max(0, at - 40), at + len(anchor) + 60):
            hits.add(m.start())
        at = text.find(anchor, at + 1)
    return sorted(hits)
