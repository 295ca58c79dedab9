"""export and verify: the certification packet from the shell."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reviewer_app.core.checklist.determination import outcome_label
from reviewer_app.core.errors import ReviewError
from reviewer_app.core.packet import verify_packet
from reviewer_app.core.packet.model import content_sha256
from reviewer_app.core.packet.verify import INTACT
from reviewer_app.core.review.integrity import seal_problems
from reviewer_app.core.review.store import ReviewStore


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="write the certification packet of a review")
    p.add_argument("file", type=Path, help="the review file")
    p.add_argument("--out", type=Path, required=True,
                   help="packet folder (new, empty, or holding an earlier packet)")
    p.add_argument("--quiet", action="store_true", help="print only the result")
    p.add_argument("--force", action="store_true",
                   help="replace an earlier packet even if it was changed after export")
    p.set_defaults(handler=export)

    p = sub.add_parser("verify", help="check that a packet folder is unaltered")
    p.add_argument("folder", type=Path, help="the packet folder")
    p.add_argument("--review", type=Path,
                   help="also check that this review file still has the exported content")
    p.set_defaults(handler=verify)


def export(args: argparse.Namespace) -> int:
    def progress(done: int, total: int, message: str) -> None:
        if not args.quiet:
            print(f"[{done}/{total}] {message}", file=sys.stderr)

    here = Path.cwd()
    replaced_here = (Path(args.out).resolve() == here.resolve()
                     and (here / "manifest.json").exists())
    _rebuild_stale_index(args.file)
    from reviewer_app.core.packet.per_set import export_packets

    with ReviewStore.open(args.file, read_only=True) as store:
        # several sets: one packet per set, DIR/<set-id>/, each verifiable on its own
        for set_id, result in export_packets(store, args.out, progress, force=args.force):
            _report(result, set_id)
    if replaced_here:
        print("note: the current folder was replaced by the new packet; run cd \"$PWD\" to "
              "see its files.")
    return 0


def _report(result, set_id: str | None) -> None:
    head = f"{set_id}: " if set_id else ""
    print(f"{head}exported packet {result.packet_id} to {result.folder}: packet.pdf "
          f"({result.pages} pages), {len(result.annotated)} annotated PDF(s), findings.json, "
          "review-log.jsonl, manifest.json")
    label = outcome_label(result.outcome, result.assessed, result.total, result.is_draft)
    print(f"{head}outcome: {label} ({result.assessed} of {result.total} items assessed)")
    if result.is_draft:
        print("note: draft packet, not a final determination, because:")
        for reason in result.blockers or (f"{result.total - result.assessed} of "
                                          f"{result.total} items are not assessed.",):
            print(f"  - {reason}")
    for warning in result.warnings:
        print(f"warning: {warning}")


def _rebuild_stale_index(path: Path) -> None:
    """The packet's section headings read the passages: rebuild those an older segmenter
    made first (``core.review.index_rebuild``). A review open elsewhere (the window rebuilds it when
    it opens it) or on write-protected media is exported as it is."""
    from reviewer_app.core.index import passages as indexing
    from reviewer_app.core.review.index_rebuild import rebuild_stale_index

    with ReviewStore.open(path, read_only=True) as store:
        if indexing.index_is_current(store.db):
            return
    try:
        with ReviewStore.open(path) as store:
            rebuild_stale_index(store)
    except ReviewError:
        pass


def verify(args: argparse.Namespace) -> int:
    report = verify_packet(args.folder)
    width = max((len(f.path) for f in report.files), default=10)
    for f in report.files:
        detail = f"  ({f.detail})" if f.detail else ""
        print(f"{f.status:<10} {f.path:<{width}}{detail}".rstrip())
    for problem in report.problems:
        print(f"problem: {problem}")
    ok = report.ok
    if args.review is not None:
        ok = _check_review(args.review, report.review) and ok
    counts = ", ".join(f"{report.count(s)} {s}" for s in ("intact", "altered", "missing",
                                                           "unexpected") if report.count(s))
    verdict = "packet intact" if ok else "PACKET NOT INTACT"
    print(f"{verdict}: {report.packet_id or 'unknown packet'} ({counts or 'no files'})")
    return 0 if ok else 1


def _check_review(path: Path, entry: dict) -> bool:
    expected = entry.get("content_sha256", "")
    with ReviewStore.open(path, read_only=True) as store:
        actual = content_sha256(store)
        tampered = seal_problems(store.conn)
    for problem in tampered:
        print(f"{'tampered':<10} review {path.name}: {problem}")
    if not expected:
        raise ReviewError("the manifest records no review hash to compare with.")
    same = actual == expected and not tampered
    status = INTACT if same else "changed"
    note = "" if same else "  (the review was changed after this packet was exported)"
    print(f"{status:<10} review {path.name}{note}")
    return same
