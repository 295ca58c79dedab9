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
from dataclasses import asdict, dataclass, field
from pathlib import Path

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
        return d

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False, indent=1)

    @property
    def sha256(self) -> str:
        canonical = json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=False,
                               separators=(",", ":"))
        return hashlib.sha256(canonical.encode()).hexdigest()


def _line_of(raw: str, needle: str) -> int | None:
    for n, line in enumerate(raw.splitlines(), 1):
        if needle in line:
            return n
    return None


class _Checker:
    """Collects every schema problem of one file so the user can fix them in one pass."""

    def __init__(self, name: str, raw: str):
        self.name, self.raw = name, raw
        self.problems: list[str] = []

    def fail(self, where: str, what: str, hint: str | None = None) -> None:
        line = _line_of(self.raw, hint) if hint else None
        loc = f"{self.name}:{line}" if line else self.name
        self.problems.append(f"{loc}: {where}: {what}")

    def text(self, obj: dict, key: str, where: str, hint: str | None, required=True) -> str:
        value = obj.get(key)
        if value is None:
            if required:
                self.fail(where, f"'{key}' is missing", hint)
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(where, f"'{key}' must be non-empty text", hint)
            return ""
        return value.strip()

    def strings(self, obj: dict, key: str, where: str, hint: str | None) -> tuple[str, ...]:
        value = obj.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.fail(where, f"'{key}' must be a list of text", hint)
            return ()
        return tuple(v.strip() for v in value if v.strip())


def parse_standards(data: dict, name: str = "<standards>", raw: str = "") -> StandardsSet:
    c = _Checker(name, raw)
    set_id = c.text(data, "id", "top level", None)
    set_title = c.text(data, "title", "top level", None)
    if set_id and not _ID_RE.match(set_id):
        c.fail("top level", f"id '{set_id}' may hold only a-z, 0-9, '_', '.', '-'", "id")
    months = data.get("certification_months", 36)
    if not isinstance(months, int) or months <= 0:
        c.fail("top level", "'certification_months' must be a positive whole number",
               "certification_months")
        months = 36
    categories: list[Category] = []
    for n, cat in enumerate(data.get("categories") or []):
        where = f"categories[{n}]"
        if not isinstance(cat, dict):
            c.fail(where, "must be a table")
            continue
        hint = f'"{cat.get("id")}"' if cat.get("id") else None
        categories.append(Category(
            id=c.text(cat, "id", where, hint), title=c.text(cat, "title", where, hint),
            mandatory=bool(cat.get("mandatory", False)),
            description=c.text(cat, "description", where, hint, required=False)))
    if not categories:
        c.fail("top level", "at least one [[categories]] entry is needed", None)
    cat_ids = {cat.id for cat in categories}
    mandatory_cats = {cat.id for cat in categories if cat.mandatory}
    items: list[Item] = []
    seen: set[str] = set()
    for n, it in enumerate(data.get("items") or []):
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
        category = c.text(it, "category", where, hint)
        if category and category not in cat_ids:
            c.fail(where, f"category '{category}' is not one of {sorted(cat_ids)}", hint)
        unknown = set(it) - {"id", "code", "title", "category", "requirement", "mandatory",
                             "guidance", "search_terms", "references"}
        if unknown:
            c.fail(where, f"unknown key(s) {sorted(unknown)}", hint)
        items.append(Item(
            id=item_id, code=c.text(it, "code", where, hint),
            title=c.text(it, "title", where, hint),
            category=category, requirement=c.text(it, "requirement", where, hint),
            mandatory=bool(it.get("mandatory", category in mandatory_cats)),
            guidance=c.text(it, "guidance", where, hint, required=False),
            search_terms=c.strings(it, "search_terms", where, hint),
            references=c.strings(it, "references", where, hint)))
    if not items:
        c.fail("top level", "at least one [[items]] entry is needed", None)
    if c.problems:
        raise StandardsError("\n".join(c.problems))
    return StandardsSet(
        id=set_id, title=set_title,
        edition=str(data.get("edition", "")), publisher=str(data.get("publisher", "")),
        certification_months=months, categories=tuple(categories), items=tuple(items),
        disclaimer=str(data.get("disclaimer", "")).strip(), source=str(data.get("source", "")))


def load_standards_file(path: str | Path) -> StandardsSet:
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise StandardsError(f"{path}: no such standards file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise StandardsError(f"{path}: cannot be read ({exc})") from None
    try:
        data = tomllib.loads(raw)
    except tomllib.TOMLDecodeError as exc:
        raise StandardsError(f"{path}: not valid TOML: {exc}") from None
    return parse_standards(data, str(path), raw)


def standards_from_json(text: str) -> StandardsSet:
    """A set as stored inside a review file (already validated when it was copied in)."""
    d = json.loads(text)
    cats = tuple(Category(**c) for c in d.pop("categories"))
    items = tuple(Item(**{**i, "search_terms": tuple(i["search_terms"]),
                          "references": tuple(i["references"])}) for i in d.pop("items"))
    return StandardsSet(categories=cats, items=items, **d)


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
