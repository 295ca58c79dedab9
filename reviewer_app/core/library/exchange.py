"""The library as a plain JSON file, so a state-wide body can hand it to every office.

Format ``reviewer_app.clause_library`` version 1 (documented in README.md, "Clause
library"): ``{"format", "version", "exported_at", "uses": [{"review", "agency", "state",
"standards_id", "item", "result", "rationale", "words", "example", "heading",
"used_at"}]}``; ``words`` is the clause's masked words (see masking.py), ``example`` the
clause as printed in that review's policy. A newer version, a damaged file and items the
receiving office's standards set does not have are each refused or listed in one sentence.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from reviewer_app.core.checklist.standards import StandardsSet
from reviewer_app.core.errors import ReviewError
from reviewer_app.core.library.store import ClauseLibrary, Use
from reviewer_app.core.review.store import now_iso

FORMAT = "reviewer_app.clause_library"
VERSION = 1
_FIELDS = ("review", "agency", "state", "standards_id", "item", "result", "rationale",
           "words", "example", "heading", "used_at")


class LibraryFileError(ReviewError):
    """A library file that cannot be imported; the message says why."""


@dataclass
class ImportReport:
    added: int = 0
    known: int = 0
    unknown_items: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        text = f"{self.added} clause uses added, {self.known} already known"
        if self.unknown_items:
            names = ", ".join(f"{k} ({v})" for k, v in sorted(self.unknown_items.items()))
            text += (f"; {sum(self.unknown_items.values())} skipped because this standards "
                     f"set has no such item: {names}")
        return text


def export_library(library: ClauseLibrary, path: Path) -> int:
    """Write every use in the library to ``path``; how many were written."""
    uses = [{"review": u.review_uuid, "agency": u.agency, "state": u.state,
             "standards_id": u.standards_id, "item": u.item_id, "result": u.result,
             "rationale": u.rationale, "words": " ".join(u.words), "example": u.example,
             "heading": u.heading, "used_at": u.used_at} for u in library.uses()]
    doc = {"format": FORMAT, "version": VERSION, "exported_at": now_iso(), "uses": uses}
    try:
        path.write_text(json.dumps(doc, indent=1, ensure_ascii=False), encoding="utf-8")
    except OSError as exc:
        raise ReviewError(f"{path}: cannot be written ({exc.strerror or exc}).") from exc
    return len(uses)


def read_library_file(path: Path) -> list[dict]:
    """The uses of a library file, checked; a ``LibraryFileError`` says what is wrong."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise LibraryFileError(f"{path}: no such file.") from exc
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise LibraryFileError(f"{path}: not a clause library file (damaged or not JSON: "
                               f"{exc}); nothing was imported.") from exc
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise LibraryFileError(f"{path}: not a clause library file (no \"format\": "
                               f"\"{FORMAT}\"); nothing was imported.")
    version = doc.get("version")
    if not isinstance(version, int):
        raise LibraryFileError(f"{path}: the library file has no version number (damaged?); "
                               "nothing was imported.")
    if version > VERSION:
        raise LibraryFileError(f"{path}: written by a newer version of reviewer_app (library "
                               f"file version {version}, this app reads up to {VERSION}); "
                               "nothing was imported. Update reviewer_app.")
    uses = doc.get("uses")
    if not isinstance(uses, list):
        raise LibraryFileError(f"{path}: the library file has no list of uses (damaged?); "
                               "nothing was imported.")
    for n, u in enumerate(uses, 1):
        if not isinstance(u, dict) or any(not isinstance(u.get(k), str) for k in _FIELDS):
            missing = [k for k in _FIELDS if not isinstance(u, dict)
                       or not isinstance(u.get(k), str)]
            raise LibraryFileError(f"{path}: use {n} of the library file is damaged (missing "
                                   f"or not text: {', '.join(missing)}); nothing was "
                                   "imported.")
    return uses


def import_library(library: ClauseLibrary, path: Path, standards: StandardsSet
                   ) -> ImportReport:
    """Add the uses of a library file whose items ``standards`` has (mapped by item id)."""
    report = ImportReport()
    uses = []
    for u in read_library_file(path):
        if not standards.has_item(u["item"]):
            report.unknown_items[u["item"]] = report.unknown_items.get(u["item"], 0) + 1
            continue
        uses.append(Use(u["review"], f"import:{path.name}", u["agency"], u["state"],
                        u["standards_id"], u["item"], u["result"], u["rationale"],
                        tuple(u["words"].split()), u["example"], u["heading"], u["used_at"]))
    report.added = library.add(uses)
    report.known = len(uses) - report.added
    return report
