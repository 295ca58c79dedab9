"""standards list / check: inspecting bundled and user-supplied standards sets."""

from __future__ import annotations

import argparse
from pathlib import Path

from reviewer_app.core.checklist.standards import bundled_sets, load_standards_file
from reviewer_app.core.errors import StandardsError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("standards", help="list or check standards sets")
    ss = p.add_subparsers(dest="standards_command", metavar="ACTION", required=True)
    q = ss.add_parser("list", help="the bundled standards sets")
    q.set_defaults(handler=list_sets)
    q = ss.add_parser("check", help="validate a standards file")
    q.add_argument("path", type=Path)
    q.set_defaults(handler=check_set)


def list_sets(args: argparse.Namespace) -> int:
    for set_id, path in bundled_sets().items():
        try:
            s = load_standards_file(path)
        except StandardsError as exc:
            print(f"{set_id}: INVALID: {exc}")
            continue
        mandatory = len(s.mandatory_items)
        print(f"{s.id:<12} {s.title} ({s.edition}): {len(s.items)} items, "
              f"{mandatory} mandatory")
    return 0


def check_set(args: argparse.Namespace) -> int:
    s = load_standards_file(args.path)
    print(f"{args.path}: valid: {s.id} '{s.title}', {len(s.categories)} categories, "
          f"{len(s.items)} items ({len(s.mandatory_items)} mandatory), sha256 {s.sha256[:12]}")
    return 0
