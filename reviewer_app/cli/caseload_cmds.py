"""caseload scan|list|summary|cops-list|publish: the office's reviews at a glance."""

from __future__ import annotations

import argparse
import csv
import sys
from dataclasses import asdict
from pathlib import Path

from reviewer_app.cli.output import print_json, shorten
from reviewer_app.core.caseload.queries import CaseloadRow, parse_outcome


def _outcome(text: str) -> str:
    try:
        return parse_outcome(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _days(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of days")
    return int(text)


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"'{text}' is not a year (YYYY)")
    return int(text)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("caseload", help="the office's reviews: scan, list, COPS list, publish")
    cs = p.add_subparsers(dest="caseload_command", metavar="ACTION", required=True)
    db_help = "the caseload index (default: caseload.sqlite in the user data folder)"

    s = cs.add_parser("scan", help="index every .review under the folders (read-only)")
    s.add_argument("folders", nargs="+", type=Path, metavar="DIR")
    s.add_argument("--db", type=Path, help=db_help)
    s.add_argument("--quiet", action="store_true", help="print only the summary line")
    s.set_defaults(handler=scan)

    s = cs.add_parser("list", help="the indexed reviews, with filters")
    s.add_argument("--db", type=Path, help=db_help)
    s.add_argument("--postgres", metavar="URL", help="read a state-wide database instead")
    s.add_argument("--outcome", type=_outcome, action="append",
                   help="certified, not-certified or in-process (repeatable)")
    s.add_argument("--assessor", default="", help="assessor's name (or part of it)")
    s.add_argument("--expiring-within", type=_days, metavar="DAYS",
                   help="certifications ending within DAYS days from today")
    s.add_argument("--rereview", action="store_true", help="only reviews awaiting re-review")
    s.add_argument("--search", default="", help="agency name or ORI (or part of it)")
    s.add_argument("--body", default="", help="credentialing body")
    fmt = s.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true")
    fmt.add_argument("--csv", action="store_true")
    s.set_defaults(handler=list_reviews)

    s = cs.add_parser("summary", help="counts by outcome and assessor, overdue, expiring")
    s.add_argument("--db", type=Path, help=db_help)
    s.add_argument("--postgres", metavar="URL", help="summarise a state-wide database")
    s.add_argument("--json", action="store_true")
    s.set_defaults(handler=summary)

    s = cs.add_parser("cops-list", help="agencies certified and current on January 31")
    s.add_argument("--year", type=_year, required=True)
    s.add_argument("--out", type=Path, required=True, metavar="FILE.csv")
    s.add_argument("--body", default="", help="only this credentialing body's agencies")
    s.add_argument("--db", type=Path, help=db_help)
    s.set_defaults(handler=cops)

    s = cs.add_parser("publish", help="write the index to a state-wide PostgreSQL database")
    s.add_argument("--postgres", metavar="URL", required=True,
                   help="e.g. postgresql://user:password@host/dbname")
    s.add_argument("--office", default="", help="this office's name (default: host name)")
    s.add_argument("--db", type=Path, help=db_help)
    s.set_defaults(handler=publish)


def _rows(args: argparse.Namespace) -> list[CaseloadRow]:
    from reviewer_app.core.caseload.index import CaseloadIndex
    from reviewer_app.core.caseload.queries import with_flags

    if getattr(args, "postgres", None):
        from reviewer_app.core.caseload.publish import read_published

        return with_flags(read_published(args.postgres))
    with CaseloadIndex.open(args.db, create=False) as index:
        return with_flags(index.entries())


def scan(args: argparse.Namespace) -> int:
    from reviewer_app.core.caseload.index import CaseloadIndex
    from reviewer_app.core.caseload.scan import scan as run_scan
    from reviewer_app.core.library.harvest import harvest
    from reviewer_app.core.library.store import ClauseLibrary

    with CaseloadIndex.open(args.db) as index:
        report = run_scan(index, args.folders)
        db = index.path
        clauses = harvest(ClauseLibrary(index), args.folders)  # the clause library too
    if not args.quiet:
        for path, reason in report.problems:
            print(f"problem: {path}: {reason}")
    print(f"{report.summary()}; index {db}")
    if not args.quiet:
        print(f"clause library: {clauses.summary()}")
    return 0


def _record(r: CaseloadRow) -> dict:
    d = asdict(r.entry)
    d["reasons"] = list(r.entry.reasons)
    d["flags"] = list(r.flags)
    return d


def list_reviews(args: argparse.Namespace) -> int:
    from reviewer_app.core.caseload.queries import select

    rows = select(_rows(args), outcomes=args.outcome, assessor=args.assessor,
                  expiring_within=args.expiring_within, rereview=args.rereview,
                  search=args.search, body=args.body)
    if args.json:
        print_json([_record(r) for r in rows])
        return 0
    if args.csv:
        records = [_record(r) for r in rows]
        fields = [k for k in records[0] if k != "reasons"] if records else []
        w = csv.DictWriter(sys.stdout, fieldnames=fields, extrasaction="ignore",
                           lineterminator="\n")
        w.writeheader()
        for rec in records:
            w.writerow({**rec, "flags": "; ".join(rec["flags"])})
        return 0
    print(f"{'AGENCY':<34} {'ORI':<9} {'OUTCOME':<13} {'ITEMS':>5}  {'DETERMINED':<10} "
          f"{'EXPIRES':<10} ASSESSOR")
    for r in rows:
        e = r.entry
        print(f"{shorten(e.agency, 34):<34} {e.ori or '-':<9} {e.outcome:<13} "
              f"{e.assessed:>2}/{e.total:<2}  {e.determined_on or '-':<10} "
              f"{e.expires_on or '-':<10} {e.assessor}")
        for flag in r.flags:
            print(f"    ! {flag}")
        if e.rereview:
            print(f"    ! {e.rereview} finding(s) awaiting re-review")
    print(f"{len(rows)} review file(s)")
    return 0


def summary(args: argparse.Namespace) -> int:
    from reviewer_app.core.caseload.queries import summary as make_summary

    s = make_summary(_rows(args))
    if args.json:
        print_json(s)
        return 0
    print(f"{s['reviews']} reviews in {s['files']} files")
    print("  " + ", ".join(f"{o}: {n}" for o, n in s["by_outcome"].items()))
    print(f"  expired (overdue for re-certification): {s['overdue']}; expiring within 90 "
          f"days: {s['expiring_90_days']}; awaiting re-review: {s['rereview']}; "
          f"files flagged: {s['flagged']}")
    print("by assessor:")
    for name, counts in s["by_assessor"].items():
        print(f"  {name:<24} {counts['total']:>5}  " + ", ".join(
            f"{o}: {counts[o]}" for o in s["by_outcome"]))
    return 0


def cops(args: argparse.Namespace) -> int:
    from reviewer_app.core.caseload.cops import cops_list

    result = cops_list(_rows(args), args.year, args.body)
    result.write(args.out)
    for note in result.left_out:
        print(f"left out: {note}", file=sys.stderr)
    print(f"wrote {len(result.rows)} agencies certified and current on January 31, "
          f"{args.year} to {args.out}")
    return 0


def publish(args: argparse.Namespace) -> int:
    from reviewer_app.core.caseload.index import CaseloadIndex
    from reviewer_app.core.caseload.publish import publish as run_publish
    from reviewer_app.core.caseload.queries import with_flags

    with CaseloadIndex.open(args.db, create=False) as index:
        rows = with_flags(index.entries())
    report = run_publish(rows, args.postgres, args.office)
    print(report.summary())
    return 0
