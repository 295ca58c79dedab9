"""Standards sets as data: loading, validating and hashing checklist files.

A set is a TOML file in ``standards/`` (or anywhere a user keeps one). Which items are
mandatory is data; the certification outcome is computed from it, never hard-coded.
Errors name the file, the line where it can be found and the key that is wrong.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from bisect import bisect_left
from dataclasses import asdict, dataclass, field
from pathlib import Path

from reviewer_app.core.checklist.state_notes import StateNote, notes_from_json, parse_state_notes
from reviewer_app.core.errors import StandardsError
from reviewer_app.resources import resource_path

STANDARDS_DIR = resource_path("standards")
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    mandatory: bool = False
    description: str = ""


@dataclass(frozen=True)
class Item:
    id: str
    code: str
    title: str
    category: str
    requirement: str
    mandatory: bool = False
    guidance: str = ""
    search_terms: tuple[str, ...] = ()
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class StandardsSet:
    id: str
    title: str
    edition: str
    publisher: str
    certification_months: int
    categories: tuple[Category, ...]
    items: tuple[Item, ...]
    disclaimer: str = ""
    source: str = ""
    state_notes: tuple[StateNote, ...] = ()  # per item and state (state_notes.py)
    _by_id: dict[str, Item] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self._by_id.update({i.id: i for i in self.items})

    def item(self, item_id: str) -> Item:
        """The item with this id ("chokehold") or display code ("B", "7", case aside)."""
        try:
            return self._by_id[item_id]
        except KeyError:
            pass
        ref = str(item_id).strip().casefold()
        by_code = [i for i in self.items if i.code.casefold() == ref or i.id.casefold() == ref]
        if len(by_code) == 1:
            return by_code[0]
        known = ", ".join(f"{i.code} ({i.id})" for i in self.items)
        raise StandardsError(f"no item '{item_id}' in {self.id}; give a code or id: {known}")

    def has_item(self, item_id: str) -> bool:
        return item_id in self._by_id

    @property
    def mandatory_items(self) -> list[Item]:
        return [i for i in self.items if i.mandatory]

    def ordered_items(self) -> list[Item]:
        """Items category by category, mandatory categories first, in file order."""
        order = sorted(self.categories, key=lambda c: not c.mandatory)
        rank = {c.id: n for n, c in enumerate(order)}
        return sorted(self.items, key=lambda i: (not i.mandatory, rank.get(i.category, 99)))

    def to_dict(self) -> dict:
        d = asdict(self)
        d.pop("_by_id", None)
        if not d["state_notes"]:  # a set without notes hashes as it did before they existed
            d.pop("state_notes")
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False, indent=1)

    @property
    def sha256(self) -> str:
        canonical = json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False,
                               separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()


_QUOTED = re.compile(r'"((?:[^"\\]|\\.)*)"')
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")
MAX_MONTHS = 120  # certification periods are 1 to 10 years
# A checklist is read and exported item by item (the DOJ set has 14): a set beyond these
# is a generated or broken file, and would make suggesting and exporting take minutes.
MAX_ITEMS, MAX_CATEGORIES = 1000, 100


def _line_index(raw: str) -> tuple[dict[str, int], dict[str, list[int]]]:
    """First line of each quoted string (``"b"``) and every line of each key
    (``mandatory``) in the file, built in one pass so that naming lines stays linear."""
    quoted: dict[str, int] = {}
    keys: dict[str, list[int]] = {}
    for n, line in enumerate(raw.splitlines(), 1):
        key = _KEY.match(line)
        if key:
            keys.setdefault(key.group(1), []).append(n)
        for text in _QUOTED.findall(line):
            quoted.setdefault(f'"{text}"', n)
    return quoted, keys


class _Checker:
    """Collects every schema problem of one file so the user can fix them in one pass."""

    def __init__(self, name: str, raw: str):
        self.name, self.raw = name, raw
        self.problems: list[str] = []
        self._lines: tuple[dict[str, int], dict[str, list[int]]] | None = None

    def line(self, hint: str | None, key: str | None) -> int | None:
        """The line of ``key`` in the entry whose id is ``hint`` (or of either alone)."""
        if not hint and not key:
            return None
        if self._lines is None:
            self._lines = _line_index(self.raw)
        quoted, keys = self._lines
        base = quoted.get(hint) if hint else None
        if hint and base is None and not key:
            return None
        lines = keys.get(key or "", [])
        at = bisect_left(lines, base or 0)
        return lines[at] if at < len(lines) else base

    def fail(self, where: str, what: str, hint: str | None = None,
             key: str | None = None) -> None:
        line = self.line(hint, key)
        loc = f"{self.name}:{line}" if line else self.name
        self.problems.append(f"{loc}: {where}: {what}")

    def text(self, obj: dict, key: str, where: str, hint: str | None, required=True) -> str:
        value = obj.get(key)
        if value is None:
            if required:
                self.fail(where, f"'{key}' is missing", hint)
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(where, f"'{key}' must be {'non-empty ' if required else ''}text, not "
                             f"{_kind(value)}", hint, key)
            return ""
        return value.strip()

    def flag(self, obj: dict, key: str, where: str, hint: str | None, default: bool) -> bool:
        value = obj.get(key, default)
        if not isinstance(value, bool):
            self.fail(where, f"'{key}' must be true or false (without quotes), not "
                             f"{_kind(value)}", hint, key)
            return default
        return value

    def strings(self, obj: dict, key: str, where: str, hint: str | None) -> tuple[str, ...]:
        value = obj.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(where, f"'{key}' must be a list of text", hint)
            return ()
        return tuple(v.strip() for v in value if v.strip())


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f'the text "{value[:40]}"'
    return {dict: "a table", list: "a list", int: f"the number {value}",
            float: f"the number {value}"}.get(type(value), type(value).__name__)


def parse_standards(data: dict, name: str = "<standards>", raw: str = "") -> StandardsSet:
    c = _Checker(name, raw)
    set_id = c.text(data, "id", "top level", None)
    set_title = c.text(data, "title", "top level", None)
    if set_id and not _ID_RE.match(set_id):
        c.fail("top level", f"id '{set_id}' may hold only a-z, 0-9, '_', '.', '-'", "id")
    extras = {key: c.text(data, key, "top level", key, required=False)
              for key in ("edition", "publisher", "disclaimer", "source")}
    months = data.get("certification_months", 36)
    if isinstance(months, bool) or not isinstance(months, int) \
            or not 1 <= months <= MAX_MONTHS:
        c.fail("top level", f"'certification_months' must be a whole number from 1 to "
                            f"{MAX_MONTHS}, not {_kind(months)}", None, "certification_months")
        months = 36
    categories: list[Category] = []
    for n, cat in enumerate(_entries(c, data, "categories")):
        where = f"categories[{n}]"
        if not isinstance(cat, dict):
            c.fail(where, "must be a table")
            continue
        hint = f'"{cat.get("id")}"' if isinstance(cat.get("id"), str) else None
        cat_id = c.text(cat, "id", where, hint)
        if cat_id and cat_id in {k.id for k in categories}:
            c.fail(where, f"category id '{cat_id}' is used twice", hint)
        categories.append(Category(
            id=cat_id, title=c.text(cat, "title", where, hint),
            mandatory=c.flag(cat, "mandatory", where, hint, False),
            description=c.text(cat, "description", where, hint, required=False)))
    if not categories:
        c.fail("top level", "at least one [[categories]] entry is needed", None)
    cat_ids = {cat.id for cat in categories}
    mandatory_cats = {cat.id for cat in categories if cat.mandatory}
    items: list[Item] = []
    seen: set[str] = set()
    codes: set[str] = set()
    for n, it in enumerate(_entries(c, data, "items")):
        if not isinstance(it, dict):
            c.fail(f"items[{n}]", "must be a table")
            continue
        item_id = it.get("id") if isinstance(it.get("id"), str) else None
        where = f"items[{n}]" + (f" ('{item_id}')" if item_id else "")
        hint = f'"{item_id}"' if item_id else None
        item_id = c.text(it, "id", where, hint)
        if item_id and not _ID_RE.match(item_id):
            c.fail(where, f"id '{item_id}' may hold only a-z, 0-9, '_', '.', '-'", hint)
        if item_id in seen:
            c.fail(where, f"id '{item_id}' is used twice", hint)
        seen.add(item_id)
        code = c.text(it, "code", where, hint)
        if code in codes:
            c.fail(where, f"code '{code}' is used twice", hint, "code")
        codes.add(code)
        category = c.text(it, "category", where, hint)
        if category and category not in cat_ids:
            c.fail(where, f"category '{category}' is not one of {sorted(cat_ids)}", hint)
        unknown = set(it) - {"id", "code", "title", "category", "requirement", "mandatory",
                             "guidance", "search_terms", "references", "state_notes"}
        if unknown:
            c.fail(where, f"unknown key(s) {sorted(unknown)}", hint)
        items.append(Item(
            id=item_id, code=code, title=c.text(it, "title", where, hint),
            category=category, requirement=c.text(it, "requirement", where, hint),
            mandatory=c.flag(it, "mandatory", where, hint, category in mandatory_cats),
            guidance=c.text(it, "guidance", where, hint, required=False),
            search_terms=c.strings(it, "search_terms", where, hint),
            references=c.strings(it, "references", where, hint)))
    if not items:
        c.fail("top level", "at least one [[items]] entry is needed", None)
    for key, count, bound in (("items", len(items), MAX_ITEMS),
                              ("categories", len(categories), MAX_CATEGORIES)):
        if count > bound:
            c.fail("top level", f"{count} {key}; a standards set may hold at most {bound}",
                   None, key)
    notes, note_problems = parse_state_notes(data, name, raw)
    c.problems += note_problems
    if c.problems:
        raise StandardsError("\n".join(c.problems))
    return StandardsSet(
        id=set_id, title=set_title, edition=extras["edition"], publisher=extras["publisher"],
        certification_months=months, categories=tuple(categories), items=tuple(items),
        disclaimer=extras["disclaimer"], source=extras["source"], state_notes=notes)


def _entries(c: _Checker, data: dict, key: str) -> list:
    value = data.get(key) or []
    if not isinstance(value, list):
        c.fail("top level", f"'{key}' must be a list of [[{key}]] tables, not "
                            f"{_kind(value)}", None, key)
        return []
    return value


def read_toml_file(path: Path, what: str) -> tuple[dict, str]:
    """A TOML file's data and text; every way it cannot be read is one ``StandardsError``
    naming the file (``what``: "standards file", "crosswalk file")."""
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StandardsError(f"{path}: no such {what}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise StandardsError(f"{path}: cannot be read ({exc})") from None
    try:
        return tomllib.loads(raw), raw
    except tomllib.TOMLDecodeError as exc:
        raise StandardsError(f"{path}: not valid TOML: {exc}") from None
    except RecursionError:
        raise StandardsError(f"{path}: not a {what}: it nests lists or tables too deeply to "
                             "read") from None


def load_standards_file(path: str | Path) -> StandardsSet:
    path = Path(path)
    data, raw = read_toml_file(path, "standards file")
    return parse_standards(data, str(path), raw)


def standards_from_json(text: str) -> StandardsSet:
    """A set as stored inside a review file (already validated when it was copied in)."""
    from reviewer_app.core.errors import ReviewFileError

    try:
        d = json.loads(text)
        cats = tuple(Category(**c) for c in d.pop("categories"))
        items = tuple(Item(**{**i, "search_terms": tuple(i["search_terms"]),
                              "references": tuple(i["references"])}) for i in d.pop("items"))
        notes = notes_from_json(d.pop("state_notes", []))
        result = StandardsSet(categories=cats, items=items, state_notes=notes, **d)
    except (ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        what = f"'{exc.args[0]}' is missing" if isinstance(exc, KeyError) else "malformed"
        raise ReviewFileError(f"the embedded standards copy is unreadable ({what}).") from None
    if not result.items or not isinstance(result.id, str):
        raise ReviewFileError("the embedded standards copy is unreadable (it has no items).")
    return result


def bundled_sets() -> dict[str, Path]:
    return {p.stem: p for p in sorted(STANDARDS_DIR.glob("*.toml"))}


def resolve_standards(ref: str) -> StandardsSet:
    """A bundled set by id, or a file by path."""
    sets = bundled_sets()
    if ref in sets:
        return load_standards_file(sets[ref])
    path = Path(ref)
    if path.suffix == ".toml" or path.exists():
        return load_standards_file(path)
    raise StandardsError(f"unknown standards set '{ref}'; bundled sets: {', '.join(sets)} "
                         "(or give the path of a .toml file)")
