"""Harvesting the clause library from folders of review files, read-only.

Uses the caseload scanner's walk and reader: a review is read the way the caseload reads
it (``immutable`` or ``mode=ro``, never locked, never written). Every text evidence of an
item with a result becomes a ``Use``; a file that cannot be read is reported with its
reason and the rest go on.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import astuple, dataclass, field
from pathlib import Path

from reviewer_app.core.caseload.reader import (
    CaseloadEntry,
    Signature,
    StandardsCache,
    Unreadable,
    _connect,
    read_entry,
    signature,
)
from reviewer_app.core.caseload.scan import walk
from reviewer_app.core.library.masking import agency_words, masked_words
from reviewer_app.core.library.store import ClauseLibrary, Use
from reviewer_app.core.vocabulary import Result

MIN_WORDS = 6  # a shorter clause ("See policy 300") says too little to be recognised


@dataclass
class HarvestReport:
    reviews: int = 0
    unchanged: int = 0
    uses: int = 0
    forgotten: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        n = len(self.problems)
        return (f"{self.reviews} reviews read ({self.unchanged} unchanged), {self.uses} "
                f"evidence clauses recorded, "
                f"{self.forgotten} files gone from the library; "
                f"{n} problem{'s' if n != 1 else ''}")


def review_uses(path: Path, entry: CaseloadEntry, has_wal: bool) -> list[Use]:
    """The library uses of one review file (already checked by ``read_entry``)."""
    agency = agency_words([entry.agency])
    conn = _connect(path, has_wal)
    try:
        rows = conn.execute(
            "SELECT e.item_id, e.doc_id, e.start, e.exact, f.result, f.rationale, "
            "f.updated_at FROM evidence e JOIN findings f ON f.item_id = e.item_id "
            "WHERE e.kind = 'text' AND e.exact != '' AND f.result != ? "
            "AND instr(e.item_id, '/') = 0 "  # items of the review's own set, not further ones
            "ORDER BY e.id",
            (Result.NOT_ASSESSED.value,)).fetchall()
        uses = []
        for item_id, doc_id, start, exact, result, rationale, at in rows:
            words = masked_words(exact, agency)
            if len(words) < MIN_WORDS:
                continue
            head = conn.execute("SELECT heading FROM passages WHERE doc_id = ? AND start <= ? "
                                "AND end > ? LIMIT 1", (doc_id, start or 0, start or 0)
                                ).fetchone()
            uses.append(Use(entry.review_uuid, entry.path, entry.agency, entry.state,
                            entry.standards_id, item_id, result, rationale, words, exact,
                            head[0] if head else "", at))
        return uses
    finally:
        conn.close()


def _sig_text(sig: Signature) -> str:
    return json.dumps(astuple(sig))


def harvest(library: ClauseLibrary, folders: list[str | Path]) -> HarvestReport:
    """Bring the library up to date with the reviews under ``folders``; a file unchanged
    since it was last harvested (size, mtime, SQLite change counter, ``-wal``) is not
    opened, so the caseload scan can refresh the library too."""
    report = HarvestReport()
    roots = [os.path.abspath(os.path.expanduser(str(f))) for f in folders]
    cache = StandardsCache()
    seen: set[str] = set()
    known = library.sources()
    for root in roots:
        for found in walk(root, report.problems):
            if found.path in seen:
                continue
            seen.add(found.path)
            path = Path(found.path)
            try:
                if known.get(found.path) == _sig_text(signature(path, found.stat,
                                                                found.has_wal)):
                    report.unchanged += 1
                    continue
                entry, sig = read_entry(path, cache, found.has_wal)
                uses = review_uses(path, entry, found.has_wal)
            except Unreadable as exc:
                report.problems.append((found.path, str(exc)))
                continue
            except sqlite3.Error as exc:
                report.problems.append((found.path, f"the review file is damaged ({exc})"))
                continue
            library.replace_review(entry.review_uuid, uses)
            library.remember_source(found.path, _sig_text(sig))
            report.reviews += 1
            report.uses += len(uses)
    report.forgotten = library.forget_missing(seen, roots)
    return report
