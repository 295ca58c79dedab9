"""suggest: the passages most likely to be each checklist item's evidence.

Works on a review file (its documents, its standards set) or on a bare PDF, which is
indexed in memory: no review file is created.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

from reviewer_app.cli.library_cmds import library_matches, match_json, print_library
from reviewer_app.cli.output import print_json, shorten
from reviewer_app.core.checklist.standards import Item, StandardsSet, resolve_standards
from reviewer_app.core.checklist.state_notes import notes_for
from reviewer_app.core.errors import ReviewError
from reviewer_app.core.pdf.documents import inspect_pdf, read_pdf_file
from reviewer_app.core.review.fields import check_state
from reviewer_app.core.review.store import SQLITE_HEADER, ReviewStore
from reviewer_app.core.suggest.absence import store_absence, text_absence
from reviewer_app.core.suggest.engine import Suggestion, suggest, suggest_text
from reviewer_app.core.suggest.matching_sentence import matching_sentence


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("suggest", help="propose evidence passages for each checklist item",
                       description="For each checklist item, the passages of the policy most "
                                   "likely to be its evidence, best first, with a 0-1 "
                                   "confidence score.")
    p.add_argument("file", type=Path, metavar="FILE_OR_PDF",
                   help="a review file, or a policy PDF (indexed in memory, nothing saved)")
    p.add_argument("--item", help="only this checklist item (e.g. chokehold)")
    p.add_argument("--top", type=_positive, default=5, help="suggestions per item (default 5)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--standards", default="doj-2020",
                   help="standards set for a bare PDF (a review uses its own)")
    p.add_argument("--password", help="password of an encrypted PDF (never stored)")
    p.add_argument("--state", default="", help="the agency's state for a bare PDF (e.g. IL): "
                   "its state law notes are shown with --item (a review uses its own)")
    p.add_argument("--db", type=Path, help="also match the office's clause library in this "
                   "caseload index (`library build`); its matches are listed first")
    p.set_defaults(handler=run_suggest)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def _is_review(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False


def run_suggest(args: argparse.Namespace) -> int:
    path: Path = args.file
    if not path.exists():
        raise ReviewError(f"{path}: no such file.")
    if _is_review(path):
        writable = os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)
        with ReviewStore.open(path, read_only=not writable) as store:
            items = _chosen(store.standards().ordered_items(), args.item)
            if not store.documents():
                raise ReviewError(f"{path}: the review has no documents yet; add one with "
                                  "add-doc.")
            results = suggest(store, items[0].id if args.item else None, args.top)
            docs = {d.id: d for d in store.documents()}
            names = {i: d.title for i, d in docs.items()}
            labels: dict[int, Callable[[int], str]] = {i: d.page_label for i, d in docs.items()}
            absence = store_absence(store, items[0].id) if args.item else None
            texts = {i: store.document_text(i) for i in docs}
            agency, state = store.review().agency_name, store.review().agency_state
            standards = store.standards()
    else:
        data = read_pdf_file(path)
        info = inspect_pdf(data, path.name, args.password)
        if not info.text.has_text:
            raise ReviewError(f"{path.name}: the PDF has no text layer (a scan?); suggestions "
                              "need text, so run OCR on it first.")
        standards = resolve_standards(args.standards)
        items = _chosen(standards.ordered_items(), args.item)
        results = suggest_text(info.text, standards, items[0].id if args.item else None,
                               args.top)
        names = {1: info.title}
        page_labels = info.page_labels
        labels = {1: lambda pno: page_labels[pno] if pno < len(page_labels) else str(pno + 1)}
        absence = (text_absence(info.text, standards, items[0].id, info.title, labels[1])
                   if args.item else None)
        texts, agency, state = {1: info.text}, "", check_state(args.state)
    library = library_matches(args.db, texts, items, agency, results) if args.db else {}
    if args.json:
        out: dict = {"items": {item.id: [_as_json(s, names) for s in results.get(item.id, [])]
                               for item in items}}
        if args.db:
            out["library"] = {item.id: [match_json(m, texts[m.doc_id], names)
                                        for m in library.get(item.id, [])] for item in items}
        if absence is not None:
            out["absence"] = {items[0].id: absence.text()}
        notes = notes_for(standards.state_notes, items[0].id, state) if args.item else []
        if notes:  # only then: the output of a set or state without notes is as it was
            out["state_law"] = {items[0].id: [asdict(n) for n in notes]}
        print_json(out)
        return 0

    def from_library(lead: bool) -> Callable[[Item], None]:
        return lambda item: print_library(item, library.get(item.id, []), texts, labels,
                                          results, lead)

    def first(item: Item) -> None:
        if args.item:
            print_state_law(standards, item, state)
        from_library(True)(item)

    _print_text(items, results, names, labels, first, from_library(False))
    if absence is not None:
        print()
        print(absence.text())
    return 0


def print_state_law(standards: StandardsSet, item: Item, state: str) -> None:
    """The state statutes the set names for this item in ``state``, under the item."""
    for n in notes_for(standards.state_notes, item.id, state):
        print(f"      state law ({n.state}): {n.citation} ({n.statute})")
        print(f"        requires: {n.requires}")
        print(f"        source: {n.source}")


def _chosen(items: list[Item], ref: str | None) -> list[Item]:
    """All items, or the one named by its id or display code ("chokehold", "B", "7")."""
    if ref is None:
        return items
    want = ref.strip().casefold()
    hits = [i for i in items if i.id == ref] or \
        [i for i in items if want in (i.id.casefold(), i.code.casefold())]
    if len(hits) != 1:
        known = ", ".join(f"{i.code} ({i.id})" for i in items)
        raise ReviewError(f"no item '{ref}' in this standards set; give a code or id: {known}")
    return hits


def _as_json(s: Suggestion, names: dict[int, str]) -> dict:
    return {"doc": names.get(s.doc_id, str(s.doc_id)), "page": s.page + 1,
            "section": s.section, "heading": s.heading, "start": s.start, "end": s.end,
            "text": s.text, "score": s.score, "likely": s.confident, "marks": list(s.marks)}


def _print_text(items: list[Item], results: dict[str, list[Suggestion]],
                names: dict[int, str], labels: dict,
                before: Callable[[Item], None] = lambda item: None,
                after: Callable[[Item], None] = lambda item: None) -> None:
    several = len(names) > 1
    for n, item in enumerate(items):
        if n:
            print()
        print(f"{item.code:>3} {item.title}")
        before(item)
        found = results.get(item.id, [])
        if not found:
            print("      no passage names this item")
            after(item)
            continue
        for rank, s in enumerate(found, 1):
            mark = "likely" if s.confident else "weak"
            if s.marks:
                mark += f" ({', '.join(s.marks)})"
            where = f"p.{labels[s.doc_id](s.page)}"
            if several:
                where = f"{names[s.doc_id]}, {where}"
            section = f"  {shorten(s.label, 50)}" if s.label else ""
            print(f"  {rank}. {s.score:.2f} {mark:<6} {where}{section}")
            print(f"       \"{shorten(matching_sentence(item, s.text), 180)}\"")
        print(f"      link one: reviewer-app link FILE --item {item.code} --suggestion N")
        after(item)
