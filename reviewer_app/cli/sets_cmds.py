"""Several standards sets in one review: add-set, proposals, accept, standards upgrade,
and the helpers `new --also`, `status --set` and `export` use."""

from __future__ import annotations

import argparse
from pathlib import Path

from reviewer_app.cli.output import shorten
from reviewer_app.core.checklist.crosswalk import Crosswalk, bundled_crosswalks, load_crosswalk
from reviewer_app.core.checklist.standards import StandardsSet, resolve_standards
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.commands.sets import AcceptProposals, AddSets, check_new_sets
from reviewer_app.core.review.extra_sets import crosswalks, display_code
from reviewer_app.core.review.proposals import proposals
from reviewer_app.core.review.store import ReviewStore


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("add-set", help="assess a further standards set in a review")
    p.add_argument("file", type=Path)
    p.add_argument("standards", help="bundled set id or .toml path")
    p.add_argument("--crosswalk", action="append", default=[], metavar="FILE",
                   help="a crosswalk joining it to the review's sets (default: the bundled "
                        "ones that do)")
    p.set_defaults(handler=add_set)

    p = sub.add_parser("proposals", help="evidence a crosswalk proposes for another set")
    p.add_argument("file", type=Path)
    p.add_argument("--set", dest="set_id", help="only proposals for this set")
    p.set_defaults(handler=list_proposals)

    p = sub.add_parser("accept", help="accept proposed evidence (one undoable step)")
    p.add_argument("file", type=Path)
    p.add_argument("--set", dest="set_id", required=True, help="the set the evidence counts for")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--item", help="one item of that set (id or code)")
    which.add_argument("--all", action="store_true", help="every proposal for that set")
    p.set_defaults(handler=accept)


def load_walks(refs: list[str]) -> list[Crosswalk]:
    bundled = bundled_crosswalks()
    return [load_crosswalk(bundled[r] if r in bundled else Path(r)) for r in refs]


def prepare(primary: StandardsSet, also: list[str], walk_refs: list[str]
            ) -> tuple[list[StandardsSet], list[Crosswalk]]:
    """Everything `new --also` will add, checked before the file is made (nothing half)."""
    extra = [resolve_standards(ref) for ref in also]
    notes: list[str] = []
    walks = check_new_sets([primary], extra, load_walks(walk_refs), notes=notes)
    for note in notes:
        print(f"note: {note}")
    return extra, walks


def add_set(args: argparse.Namespace) -> int:
    with ReviewStore.open(args.file) as store:
        current = [s.standards for s in store.sets()]
        new = [resolve_standards(args.standards)]
        notes: list[str] = []
        walks = check_new_sets(current, new, load_walks(args.crosswalk),
                               crosswalks(store.conn), notes=notes)
        cmd.run(store, AddSets(new, walks))
    print(describe_added(new, walks))
    for note in notes:
        print(f"note: {note}")
    return 0


def describe_added(sets: list[StandardsSet], walks: list[Crosswalk]) -> str:
    lines = [f"also assessing {s.id} ({s.title}, {len(s.items)} items)" for s in sets]
    lines += [f"crosswalk: {cw.summary()}" for cw in walks]
    return "\n".join(lines)


def list_proposals(args: argparse.Namespace) -> int:
    with ReviewStore.open(args.file, read_only=True) as store:
        found = proposals(store, args.set_id)
        sets = store.sets()
        if args.set_id:
            from reviewer_app.core.review.extra_sets import find_set
            find_set(sets, args.set_id)
        docs = {d.id: d for d in store.documents(include_inactive=True)}
        for p in found:
            ev = p.evidence
            doc = docs[ev.doc_id]
            quote = shorten(ev.exact, 70) if ev.exact else "(area)"
            print(f"{p.target.label} {p.target.title}: proposed from "
                  f"{display_code(sets, ev.item_id)} ({p.target.relation}, "
                  f"{p.target.crosswalk})\n      #{ev.id} {doc.title} "
                  f"p.{doc.page_label(ev.page)}: \"{quote}\"")
    if not found:
        print("no evidence is proposed" + (f" for {args.set_id}" if args.set_id else ""))
        return 0
    print(f"{len(found)} proposal(s); accept with: reviewer-app accept {args.file} "
          f"--set SET --item CODE | --all")
    return 0


def accept(args: argparse.Namespace) -> int:
    with ReviewStore.open(args.file) as store:
        c = cmd.run(store, AcceptProposals(args.set_id, args.item))
        sets = store.sets()
    for ev in c.created or []:
        print(f"accepted evidence {ev.id} for {display_code(sets, ev.item_id)}: "
              f"\"{shorten(ev.exact, 60) if ev.exact else '(area)'}\"")
    return 0


def register_upgrade(ss: argparse._SubParsersAction) -> None:
    q = ss.add_parser("upgrade", help="apply a new edition of a set to a review (undoable)")
    q.add_argument("file", type=Path, help="the review file")
    q.add_argument("--to", dest="to", required=True, metavar="PATH",
                   help="the new edition: a .toml (or a bundled set's id)")
    q.add_argument("--dry-run", action="store_true", help="show what changes; change nothing")
    q.set_defaults(handler=upgrade)


def upgrade(args: argparse.Namespace) -> int:
    from reviewer_app.core.checklist.editions import summary
    from reviewer_app.core.review.commands.upgrade import UpgradeSet, plan_upgrade

    new = resolve_standards(args.to)
    with ReviewStore.open(args.file, read_only=args.dry_run) as store:
        review_set, changes = plan_upgrade(store, new)
        findings = store.findings()
        print(f"{review_set.id}: edition {review_set.standards.edition or '?'} -> "
              f"{new.edition or '?'}: {summary(changes)}")
        for c in changes:
            if c.kind == "unchanged":
                continue
            old_stored = review_set.stored_id(c.old_id) if c.old else ""
            had = old_stored in findings
            consequence = {"reworded": " -> finding flagged for re-review" if had else "",
                           "renamed": " -> finding follows, flagged for re-review" if had
                           else "",
                           "dropped": " -> its finding and evidence leave the review (kept "
                                      "in the log; undo restores them)" if had or
                                      store.evidence(old_stored) else ""}.get(c.kind, "")
            print(f"  {c.describe()}{consequence}")
        if args.dry_run:
            print("dry run: nothing was changed.")
            return 0
        if all(c.kind == "unchanged" for c in changes) and \
                review_set.standards.sha256 == new.sha256:
            print("the review already has this edition; nothing was changed.")
            return 0
        cmd.run(store, UpgradeSet(new))
    print(f"upgraded {new.id} to edition {new.edition or new.sha256[:8]}")
    return 0
