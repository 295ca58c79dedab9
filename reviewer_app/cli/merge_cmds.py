"""merge, conflicts and settle: bringing together copies of one review edited apart.

``merge`` exits 0 when everything came together, 3 when conflicts remain for the user to
settle (``conflicts`` lists them, ``settle`` chooses), 2 on a refusal (nothing changed).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reviewer_app.cli.output import print_json
from reviewer_app.core.errors import ReviewError
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.commands.merging import (
    MergeCopy,
    SettleConflict,
    conflicts,
    find_conflict,
)
from reviewer_app.core.review.copying import save_copy
from reviewer_app.core.review.merge.copies import check_mine, read_theirs
from reviewer_app.core.review.merge.report import came_in_lines, conflict_lines, describe
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.revisions.merge_reanchor import reanchor_onto

CONFLICTS_REMAIN = 3


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("merge", help="merge a copy of this review edited elsewhere (offline)")
    p.add_argument("mine", type=Path, help="your copy (updated in place without --out)")
    p.add_argument("theirs", type=Path, help="the other copy (never changed)")
    p.add_argument("--out", type=Path, help="write the merged review to a new file instead")
    p.add_argument("--json", action="store_true", help="print the outcome as JSON")
    p.set_defaults(handler=merge)

    p = sub.add_parser("conflicts", help="list what a merge left for you to settle")
    p.add_argument("file", type=Path)
    p.add_argument("--all", action="store_true", help="settled ones too")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=list_conflicts)

    p = sub.add_parser("settle", help="settle a merge conflict by choosing a candidate")
    p.add_argument("file", type=Path)
    p.add_argument("--conflict", required=True, help="its number in `conflicts`, or its id")
    p.add_argument("--take", type=int, required=True, help="the candidate to keep: 1 or 2")
    p.set_defaults(handler=settle)


def _target(args: argparse.Namespace) -> Path:
    if args.out is None:
        return args.mine
    out: Path = args.out
    if out.exists():
        raise ReviewError(f"{out}: exists already; choose a new file for the merged review.")
    with ReviewStore.open(args.mine, read_only=True) as mine:
        save_copy(mine, out)
    return out


def merge(args: argparse.Namespace) -> int:
    target = _target(args)
    try:
        with ReviewStore.open(target) as store:
            check_mine(store)
            theirs = read_theirs(args.theirs, store)
            c = MergeCopy(theirs, reanchor=reanchor_onto, mine_name=args.mine.name)
            try:
                cmd.run(store, c)
            except ReviewError as exc:
                if "nothing to merge" not in str(exc):
                    raise
                print(f"{target.name} already holds everything in {args.theirs.name}; "
                      "nothing changed.")
                return 0
    except BaseException:
        if target != args.mine:
            target.unlink(missing_ok=True)
        raise
    plan = c.plan
    assert plan is not None and c.writer is not None
    if args.json:
        print_json({"merged_into": str(target), "copy": str(args.theirs),
                    "shared_log_entries": plan.split_point(),
                    "actions_in": len(plan.new_actions), "came_in": came_in_lines(plan),
                    "reanchored": len(c.writer.reanchored),
                    "conflicts": [{"number": n, "id": x.uid, "label": x.label,
                                   "candidates": [{"copy": k.copy, "row": k.row}
                                                  for k in x.candidates]}
                                  for n, x in enumerate(plan.conflicts, 1)]})
        return CONFLICTS_REMAIN if plan.conflicts else 0
    print(f"merged {args.theirs.name} into {target}: {len(plan.new_actions)} actions came in "
          f"(the copies share their first {plan.split_point()} log entries)")
    for line in came_in_lines(plan):
        print(f"  {line}")
    if c.writer.reanchored:
        print(f"  {len(c.writer.reanchored)} evidence re-anchored onto the current revision")
    if not plan.conflicts:
        print("no conflicts.")
        return 0
    print(f"{len(plan.conflicts)} conflicts (changed differently in both copies; each item "
          "is flagged for re-review until settled):")
    for line in conflict_lines(plan):
        print(f"  {line}")
    print(f"settle each with: reviewer-app settle {target} --conflict N --take 1|2")
    return CONFLICTS_REMAIN


def list_conflicts(args: argparse.Namespace) -> int:
    with ReviewStore.open(args.file, read_only=True) as store:
        found = conflicts(store, open_only=not args.all)
    if args.json:
        print_json([{"number": n, "id": c.uid, "label": c.label, "settled": c.settled,
                     "choice": c.choice, "candidates": list(c.candidates)}
                    for n, c in enumerate(found, 1)])
        return 0
    if not found:
        print("no open conflicts.")
        return 0
    for n, c in enumerate(found, 1):
        state = f" (settled: {c.choice})" if c.settled else ""
        print(f"{n}. {c.label}{state}")
        for k, cand in enumerate(c.candidates, 1):
            print(f"   [{k}] {cand.get('copy')}: {describe(c.table, cand.get('row'))}")
    return 0


def settle(args: argparse.Namespace) -> int:
    with ReviewStore.open(args.file) as store:
        c = find_conflict(store, args.conflict)
        cmd.run(store, SettleConflict(c.uid, args.take))
        left = len(conflicts(store))
    print(f"settled {c.label} with [{args.take}] {c.candidates[args.take - 1].get('copy')}; "
          f"{left} open conflicts left.")
    return 0
