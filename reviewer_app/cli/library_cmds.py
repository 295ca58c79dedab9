"""library build|export|import, and the library's part of ``suggest --db``."""

from __future__ import annotations

import argparse
from pathlib import Path

from reviewer_app.cli.output import shorten
from reviewer_app.core.checklist.standards import Item, resolve_standards
from reviewer_app.core.errors import ReviewError
from reviewer_app.core.library.exchange import export_library, import_library
from reviewer_app.core.library.harvest import harvest
from reviewer_app.core.library.masking import agency_words
from reviewer_app.core.library.matching import (
    LibraryIndex,
    LibraryMatch,
    Spans,
    best_per_item,
    leads,
)
from reviewer_app.core.library.store import ClauseLibrary
from reviewer_app.core.suggest.engine import Suggestion
from reviewer_app.core.text.textmap import DocumentText

DB_HELP = "the caseload index holding the library (default: caseload.sqlite in the user " \
          "data folder)"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("library", help="the office's clause library: build, export, import")
    ls = p.add_subparsers(dest="library_command", metavar="ACTION", required=True)
    s = ls.add_parser("build", help="harvest the linked clauses of every .review under DIR")
    s.add_argument("folders", nargs="+", type=Path, metavar="DIR")
    s.add_argument("--db", type=Path, help=DB_HELP)
    s.set_defaults(handler=build)
    s = ls.add_parser("export", help="write the library to a JSON file")
    s.add_argument("file", type=Path, metavar="FILE")
    s.add_argument("--db", type=Path, help=DB_HELP)
    s.set_defaults(handler=export)
    s = ls.add_parser("import", help="add the clauses of a library file")
    s.add_argument("file", type=Path, metavar="FILE")
    s.add_argument("--db", type=Path, help=DB_HELP)
    s.add_argument("--standards", default="doj-2020",
                   help="standards set whose items the library's are mapped to (by id)")
    s.set_defaults(handler=import_)


def build(args: argparse.Namespace) -> int:
    with ClauseLibrary.open(args.db) as library:
        report = harvest(library, args.folders)
        clauses, uses, reviews = library.counts()
    for path, reason in report.problems:
        print(f"problem: {path}: {reason}")
    print(report.summary())
    print(f"library: {clauses} clauses, {uses} uses, from {reviews} reviews")
    return 1 if report.problems and not report.reviews else 0


def export(args: argparse.Namespace) -> int:
    with ClauseLibrary.open(args.db) as library:
        n = export_library(library, args.file)
    print(f"{n} clause uses written to {args.file}")
    return 0


def import_(args: argparse.Namespace) -> int:
    standards = resolve_standards(args.standards)
    with ClauseLibrary.open(args.db) as library:
        report = import_library(library, args.file, standards)
    print(report.summary())
    return 0


def library_matches(db: Path, texts: dict[int, DocumentText], items: list[Item],
                    agency: str = "", lexical: dict[str, list[Suggestion]] | None = None
                    ) -> dict[str, list[LibraryMatch]]:
    """The library's clauses found in ``texts``, per item, best first (``lexical``: the
    ordinary suggestions, which decide among library clauses and which ones lead)."""
    if not db.exists():
        raise ReviewError(f"{db}: no clause library there; build one with `library build "
                          "DIR --db PATH`.")
    with ClauseLibrary.open(db) as library:
        clauses = library.clauses({i.id for i in items})
    index = LibraryIndex(clauses)
    names = agency_words([agency]) if agency else frozenset()
    found = [m for doc_id, text in texts.items()
             for m in index.match(text.text, doc_id, names)]
    return best_per_item(found, agreeing(lexical or {}))


def agreeing(lexical: dict[str, list[Suggestion]]) -> Spans:
    return {i: [(s.doc_id, s.start, s.end, s.confident) for s in found]
            for i, found in lexical.items()}


def print_library(item: Item, matches: list[LibraryMatch], texts: dict[int, DocumentText],
                  labels: dict, lexical: dict[str, list[Suggestion]], leading: bool) -> None:
    """The library's suggestions for ``item``: those that lead (word for word, or where
    the first lexical suggestion agrees) above the lexical ones, looser ones after them."""
    spans = agreeing(lexical)
    chosen = [m for m in matches if leads(m, spans) == leading]
    if chosen and not leading:
        print("      also in the library (looser matches):")
    for rank, m in enumerate(chosen, 1 if leading else len(matches) - len(chosen) + 1):
        text = texts[m.doc_id]
        page = labels[m.doc_id](text.page_of(m.start))
        where = f"p.{page}" + (f", {m.places} places (best shown)" if m.places > 1 else "")
        print(f"  L{rank}. library: {m.headline().format(code=item.code)}  {where}  "
              f"match {m.ratio:.0f}%")
        print(f"       \"{shorten(' '.join(text.text[m.start:m.end].split()), 180)}\"")
        if m.differences:
            print("       differs from the library clause: "
                  + "; ".join(d.text() for d in m.differences[:6])
                  + (f"; and {len(m.differences) - 6} more" if len(m.differences) > 6 else ""))
        else:
            print("       word for word (names, numbers and citations aside)")
        if m.clause.rationale:
            print(f"       earlier rationale: \"{shorten(m.clause.rationale, 160)}\"")


def match_json(m: LibraryMatch, text: DocumentText, names: dict[int, str]) -> dict:
    c = m.clause
    return {"doc": names.get(m.doc_id, str(m.doc_id)), "page": text.page_of(m.start) + 1,
            "start": m.start, "end": m.end, "text": text.text[m.start:m.end],
            "ratio": round(m.ratio, 1), "places": m.places, "reviews": c.reviews,
            "result": c.usual_result, "results": dict(c.results), "rationale": c.rationale,
            "heading": c.heading, "library_clause": c.example,
            "differences": [{"kind": d.kind, "library": d.library, "document": d.document,
                             "after": d.after}
                            for d in m.differences]}
