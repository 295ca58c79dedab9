"""standards list / check / import: inspecting and making standards sets."""

from __future__ import annotations

import argparse
from pathlib import Path

from reviewer_app.core.checklist.importing import ImportResult, import_sheet, write_atomically
from reviewer_app.core.checklist.standards import (
    StandardsSet,
    bundled_sets,
    load_standards_file,
    resolve_standards,
)
from reviewer_app.core.errors import StandardsError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("standards", help="list, check or import standards sets")
    ss = p.add_subparsers(dest="standards_command", metavar="ACTION", required=True)
    q = ss.add_parser("list", help="the bundled standards sets")
    q.set_defaults(handler=list_sets)
    q = ss.add_parser("check", help="validate a standards file")
    q.add_argument("path", type=Path)
    q.set_defaults(handler=check_set)
    q = ss.add_parser("import", help="make a standards set from a spreadsheet (.csv, .xlsx) "
                                     "or an OSCAL catalog (.json)")
    q.add_argument("source", type=Path, help="the .csv, .xlsx or OSCAL catalog .json file")
    q.add_argument("--id", required=True, help="the set's id (a-z, 0-9, '_', '.', '-')")
    q.add_argument("--title", default="", help="the set's title (a catalog's by default)")
    q.add_argument("--edition", default="", help="edition or date of the set")
    q.add_argument("--publisher", default="", help="who publishes the set")
    q.add_argument("--months", type=int, default=36, help="certification period in months")
    q.add_argument("--sheet", help="the workbook's sheet to read (default: the first)")
    q.add_argument("--out", type=Path, help="the .toml to write (default: ID.toml here)")
    q.add_argument("--force", action="store_true", help="replace an existing --out file")
    q.set_defaults(handler=import_set)
    q = ss.add_parser("crosswalk", help="check a crosswalk file against its two sets")
    q.add_argument("path", type=Path, help="the crosswalk .toml (or a bundled crosswalk's id)")
    q.add_argument("--from", dest="from_set", metavar="SET",
                   help="the set mapped from: bundled id or .toml (default: the bundled set "
                        "the crosswalk names, if any)")
    q.add_argument("--to", dest="to_set", metavar="SET", help="the set mapped onto, likewise")
    q.set_defaults(handler=check_crosswalk)
    from reviewer_app.cli.sets_cmds import register_upgrade

    register_upgrade(ss)


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
    from reviewer_app.core.checklist.crosswalk import bundled_crosswalks, load_crosswalk

    for cw_id, path in bundled_crosswalks().items():
        try:
            print(f"crosswalk {load_crosswalk(path).summary()}")
        except StandardsError as exc:
            print(f"crosswalk {cw_id}: INVALID: {exc}")
    return 0


def check_set(args: argparse.Namespace) -> int:
    s = load_standards_file(args.path)
    print(f"{args.path}: valid: {s.id} '{s.title}', {len(s.categories)} categories, "
          f"{len(s.items)} items ({len(s.mandatory_items)} mandatory), sha256 {s.sha256[:12]}")
    if s.state_notes:
        states = sorted({n.state for n in s.state_notes})
        print(f"  {len(s.state_notes)} state law note(s) for {', '.join(states)}")
    return 0


def import_set(args: argparse.Namespace) -> int:
    out: Path = args.out or Path(f"{args.id}.toml")
    if out.exists() and not args.force:  # before reading: a 1000-row sheet takes a while
        raise StandardsError(f"{out} exists; give another --out or --force to replace it")
    result: ImportResult
    if args.source.suffix.lower() == ".json":
        from reviewer_app.core.checklist.oscal_catalog import import_catalog

        result = import_catalog(args.source, args.id, args.title, args.edition,
                                args.publisher, args.months)
    else:
        from reviewer_app.core.checklist.spreadsheet import read_sheet

        if not args.title:
            raise StandardsError("a spreadsheet import needs --title (the set's title)")
        sheet = read_sheet(args.source, args.sheet)
        result = import_sheet(sheet, args.id, args.title, args.edition, args.publisher,
                              args.months)
    write_atomically(out, result.toml, overwrite=args.force)
    # read back what was written, as `standards check` and `new --standards` will
    written = load_standards_file(out)
    print(result.report())
    print(f"wrote {out}: {written.id} '{written.title}', {len(written.items)} items, "
          f"sha256 {written.sha256[:12]}")
    return 0


def check_crosswalk(args: argparse.Namespace) -> int:
    from reviewer_app.core.checklist.crosswalk import (
        bundled_crosswalks,
        check_against,
        load_crosswalk,
    )

    path = bundled_crosswalks().get(str(args.path), args.path)
    cw = load_crosswalk(path)
    sets: list[StandardsSet | None] = []
    for given, named in ((args.from_set, cw.source_set), (args.to_set, cw.target_set)):
        ref = given or (named if named in bundled_sets() else None)
        sets.append(resolve_standards(ref) if ref else None)
    check_against(cw, sets[0], sets[1])
    print(f"{path}: valid: {cw.summary()}")
    for s, named in zip(sets, (cw.source_set, cw.target_set), strict=True):
        if s is None:
            print(f"note: the set '{named}' was not given: its items were not checked "
                  f"(give --{'from' if named == cw.source_set else 'to'} PATH.toml)")
        else:
            print(f"checked against {s.id} ({len(s.items)} items)")
    return 0
