"""export and verify: the certification packet from the shell.

``verify`` exits 0 for a signed packet whose signatures and files hold (and, with
``--cert``, signed by that certificate), 3 for a packet unchanged since export but not
signed, 1 for a packet that fails any check, 2 when it cannot be checked at all.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reviewer_app.core.checklist.determination import outcome_label
from reviewer_app.core.errors import ReviewError
from reviewer_app.core.packet.model import content_sha256
from reviewer_app.core.packet.signature_check import FAILED, SIGNED, check_packet
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
    p.add_argument("--sign", type=Path, metavar="KEY.p12",
                   help="sign packet.pdf and the manifest with the office's key (PKCS#12; "
                        "passphrase asked, or REVIEWER_APP_KEY_PASSPHRASE)")
    p.set_defaults(handler=export)

    p = sub.add_parser("verify", help="check that a packet folder is unaltered")
    p.add_argument("folder", type=Path, help="the packet folder")
    p.add_argument("--review", type=Path,
                   help="also check that this review file still has the exported content")
    p.add_argument("--cert", type=Path, metavar="CERT.crt",
                   help="require a signature by this certificate (or one issued under it)")
    p.set_defaults(handler=verify)


def export(args: argparse.Namespace) -> int:
    def progress(done: int, total: int, message: str) -> None:
        if not args.quiet:
            print(f"[{done}/{total}] {message}", file=sys.stderr)

    here = Path.cwd()
    replaced_here = (Path(args.out).resolve() == here.resolve()
                     and (here / "manifest.json").exists())
    key = None
    if args.sign is not None:
        from reviewer_app.cli.keys_cmds import open_key

        key = open_key(args.sign)  # a wrong passphrase stops here, before any work
    _rebuild_stale_index(args.file)
    from reviewer_app.core.packet.per_set import export_packets

    with ReviewStore.open(args.file, read_only=True) as store:
        # several sets: one packet per set, DIR/<set-id>/, each verifiable on its own
        for set_id, result in export_packets(store, args.out, progress, force=args.force,
                                             key=key):
            _report(result, set_id)
    if replaced_here:
        print("note: the current folder was replaced by the new packet; run cd \"$PWD\" to "
              "see its files.")
    return 0


def _report(result, set_id: str | None) -> None:
    head = f"{set_id}: " if set_id else ""
    print(f"{head}exported packet {result.packet_id} to {result.folder}: packet.pdf "
          f"({result.pages} pages), {len(result.annotated)} annotated PDF(s), findings.json, "
          "review-log.jsonl, manifest.json" + (", manifest.sig" if result.signed_by else ""))
    if result.signed_by:
        print(f"{head}signed by {result.signed_by}: packet.pdf (PDF signature) and "
              "manifest.json (manifest.sig)")
    label = outcome_label(result.outcome, result.assessed, result.total, result.is_draft,
                          result.signed_off)
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
    cert = None
    if args.cert is not None:
        from reviewer_app.core.packet.keys import load_certificate

        cert = load_certificate(args.cert)
    verdict = check_packet(args.folder, cert)
    report = verdict.report
    width = max((len(f.path) for f in report.files), default=10)
    for f in report.files:
        detail = f"  ({f.detail})" if f.detail else ""
        print(f"{f.status:<10} {f.path:<{width}}{detail}".rstrip())
    for check in verdict.checks:
        print(f"{'checked':<10} {check}")
    for problem in report.problems:
        print(f"problem: {problem}")
    for failure in verdict.failures:
        print(f"FAILED:    {failure}")
    status = verdict.status
    review_ok = True
    if args.review is not None:
        review_ok = _check_review(args.review, report.review)
    packet = report.packet_id or "unknown packet"
    if status == SIGNED:
        when = f" on {verdict.signed_at}" if verdict.signed_at else ""
        print(f"certificate SHA-256 {verdict.fingerprint}")
        if cert is None:
            print("note: the signer's certificate was not compared with the office's; give "
                  "--cert OFFICE.crt to check who signed.")
        print(f"packet {packet}: signed by {verdict.signer}{when}, signature valid, "
              "unchanged since signing")
    elif status == FAILED:
        first = (verdict.failures or report.problems or ["a file was changed"])[0]
        print(f"PACKET NOT INTACT: {packet}: {first}")
    else:
        print(f"packet {packet}: unchanged since export, not signed "
              f"({report.count(INTACT)} files intact)")
    if status == FAILED or not review_ok:
        return 1
    return 0 if status == SIGNED else 3


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
