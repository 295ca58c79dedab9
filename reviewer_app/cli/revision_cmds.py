"""replace-doc, confirm and unlock: revised policies and the review file's lock."""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path

from reviewer_app.cli.output import print_json, shorten
from reviewer_app.core.errors import ReviewError
from reviewer_app.core.pdf.documents import inspect_pdf, read_pdf_file
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.fields import readable_name
from reviewer_app.core.review.lock import ReviewLock
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.revisions.replace import ConfirmEvidence, ReplaceDocument, marked_wording
from reviewer_app.core.vocabulary import EvidenceStatus


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("replace-doc", help="bring in a revised PDF of a policy and carry its "
                                           "evidence over")
    p.add_argument("file", type=Path)
    p.add_argument("old", help="the document being replaced: SHA-256 prefix or title")
    p.add_argument("new", type=Path, help="the revised PDF")
    p.add_argument("--title", help="title of the revision (default: the old title)")
    p.add_argument("--password", help="password of an encrypted PDF (never stored)")
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.set_defaults(handler=replace_doc)

    p = sub.add_parser("confirm", help="accept the new wording of evidence changed by a "
                                       "revision")
    p.add_argument("file", type=Path)
    p.add_argument("--evidence", type=int, required=True, help="evidence id (see status)")
    p.set_defaults(handler=confirm)

    p = sub.add_parser("unlock", help="release a review left locked by a computer that "
                                      "crashed or was unplugged")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=unlock)


def replace_doc(args: argparse.Namespace) -> int:
    data = read_pdf_file(args.new)
    name = readable_name(args.new.name)
    info = inspect_pdf(data, name, args.password)
    with ReviewStore.open(args.file) as store:
        old = store.find_document(args.old)
        c = cmd.run(store, ReplaceDocument(old.id, info.data, name, info, args.title))
        assert c.new_doc_id is not None  # set by apply
        new = store.document(c.new_doc_id)
        from reviewer_app.core.review.extra_sets import display_code

        sets = store.sets()  # items of further sets too ("calea 4.1.6")
        codes = {o.item_id: display_code(sets, o.item_id) for o in c.outcomes}
        codes.update({i: display_code(sets, i) for i in c.flagged_items()})
    if args.json:
        print_json({"old": {"id": old.id, "title": old.title, "sha256": old.sha256},
                    "new": {"id": new.id, "title": new.title, "sha256": new.sha256,
                            "pages": new.page_count},
                    "counts": c.counts(), "flagged_items": c.flagged_items(),
                    "evidence": [o.__dict__ for o in c.outcomes]})
        return 0
    counts = ", ".join(f"{n} {s}" for s, n in c.counts().items() if n)
    print(f"replaced {old.title} ({old.sha256[:8]}) with {args.new.name} ({new.sha256[:8]}, "
          f"{new.page_count} pages): {len(c.outcomes)} evidence"
          + (f": {counts}" if counts else ""))
    for o in c.outcomes:
        where = f"p.{old.page_label(o.old_page)}"
        if o.new_page is not None and o.status != EvidenceStatus.ORPHANED:
            where += f" -> p.{new.page_label(o.new_page)}"
        code = codes.get(o.item_id, o.item_id)
        quote = f'"{shorten(o.old_exact, 60)}"' if o.kind == "text" else "(area)"
        if o.status == EvidenceStatus.CHANGED:
            quote = "wording changed, [differences] marked:"
        print(f"  #{o.evidence_id:<4} {code:>3} {o.status:<9} {where:<16} {quote}")
        if o.status == EvidenceStatus.CHANGED:
            old_marked, new_marked = bracketed_wording(o.old_exact, o.new_exact)
            print(_wrap("old: ", old_marked))
            print(_wrap("new: ", new_marked))
            print(f"        {o.reason}; to accept it: reviewer-app confirm {args.file} "
                  f"--evidence {o.evidence_id}")
        elif o.status == EvidenceStatus.ORPHANED:
            print(f"        {o.reason}; kept on the old revision, link the clause again")
    for note in info.notes:
        print(f"note: {note}")
    if c.flagged_items():
        flagged = ", ".join(codes.get(i, i) for i in c.flagged_items())
        print(f"findings flagged for re-review: {flagged}")
    return 0


def bracketed_wording(old: str, new: str) -> tuple[str, str]:
    """Both wordings with the words that differ in [brackets]."""
    return marked_wording(old, new, lambda a: f"[{a}]", lambda b: f"[{b}]")


def _wrap(label: str, text: str) -> str:
    return textwrap.fill(text, width=100, initial_indent=" " * 8 + label,
                         subsequent_indent=" " * (8 + len(label)))


def confirm(args: argparse.Namespace) -> int:
    with ReviewStore.open(args.file) as store:
        ev = store.evidence_by_id(args.evidence)
        from reviewer_app.core.review.extra_sets import display_code

        code = display_code(store.sets(), ev.item_id)
        if ev.status == EvidenceStatus.INTACT:
            raise ReviewError(f"evidence {args.evidence} is intact; nothing to confirm.")
        cmd.run(store, ConfirmEvidence(args.evidence, item_code=code))
    print(f"confirmed evidence {args.evidence} for {code}: \"{shorten(ev.exact, 70)}\"")
    return 0


def unlock(args: argparse.Namespace) -> int:
    lock = ReviewLock(args.file)
    if lock.is_symlink():
        lock.break_lock()
        print(f"removed {lock.path.name}: it was a symbolic link, not a lock (the file it "
              "pointed to was not touched)")
        return 0
    owner = lock.owner()
    if owner is None:
        print(f"{args.file} is not locked.")
        return 0
    removed = lock.break_lock()
    print(f"released the lock held by {owner.describe()}")
    if not removed:
        print(f"note: the emptied lock file {lock.path.name} could not be deleted (another "
              "program has it open); it names no one and does no harm.")
    return 0
