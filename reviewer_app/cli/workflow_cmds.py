"""submit, second, agreement, reconcile, signoff, reopen: the second review and sign-off.

``second`` never prints the assessor's results: the second reviewer works blind until the
second review is submitted (``submit`` again). The person at the keyboard is the global
``--as NAME`` (else the name this computer remembers; see ``core/review/workflow/user``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from reviewer_app.cli.output import print_json, shorten
from reviewer_app.cli.review_cmds import parse_result
from reviewer_app.core.errors import ReviewError
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.review.workflow import stage as stg
from reviewer_app.core.review.workflow.agreement import Agreement, review_agreement


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("submit", help="hand the review on: to the second reviewer (from "
                                      "assessment), or back for reconciliation (from the "
                                      "second review)")
    p.add_argument("file", type=Path)
    p.add_argument("--second-reviewer", default="", metavar="NAME",
                   help="name the second reviewer (when submitting for second review)")
    p.set_defaults(handler=submit)

    p = sub.add_parser("second", help="record the second reviewer's own result (blind)")
    p.add_argument("file", type=Path)
    p.add_argument("--item", required=True, help="checklist item code or id (B, 7, chokehold)")
    p.add_argument("--result", required=True, type=parse_result,
                   help="met, partial, not_met, not_applicable or not_assessed")
    p.add_argument("--note", default="", help="the second reviewer's rationale")
    p.set_defaults(handler=second)

    p = sub.add_parser("agreement", help="agreement between assessor and second reviewer")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=agreement)

    p = sub.add_parser("reconcile", help="settle an item with a final result and a note")
    p.add_argument("file", type=Path)
    p.add_argument("--item", required=True, help="checklist item code or id")
    p.add_argument("--result", required=True, type=parse_result, help="the final result")
    p.add_argument("--note", required=True, help="why this result (required)")
    p.set_defaults(handler=reconcile)

    p = sub.add_parser("signoff", help="the approving official signs the review off")
    p.add_argument("file", type=Path)
    p.add_argument("--name", required=True, help="the approving official's name")
    p.add_argument("--role", default="Approving official",
                   help="their title (default: Approving official)")
    p.set_defaults(handler=signoff)

    p = sub.add_parser("reopen", help="reopen a signed-off review (the reason is logged)")
    p.add_argument("file", type=Path)
    p.add_argument("--reason", required=True, help="why it is reopened")
    p.set_defaults(handler=reopen)


def submit(args: argparse.Namespace) -> int:
    with ReviewStore.open(args.file) as store:
        stage = stg.read_stage(store.conn)
        if stage.stage == stg.SECOND_REVIEW:
            c2 = cmd.run(store, cmd.SubmitSecondReview())
            print(f"second review submitted; the review is in reconciliation: {c2.agreement}")
            print(f"see the disagreements with `reviewer-app agreement {args.file}`")
            return 0
        c = cmd.run(store, cmd.SubmitForSecondReview(second_reviewer=args.second_reviewer))
    who = f" ({args.second_reviewer})" if args.second_reviewer else ""
    print(f"submitted for second review{who}: {len(c.snapshot)} assessed item(s) frozen in "
          "the log; the second reviewer records results with `reviewer-app --as NAME second "
          f"{args.file} --item ID --result R` and submits with `submit` when done")
    return 0


def second(args: argparse.Namespace) -> int:
    with ReviewStore.open(args.file) as store:
        item = store.standards().item(args.item)
        c = cmd.run(store, cmd.RecordSecondResult(item.id, args.result, args.note,
                                                  item_code=item.code))
        done = len(store.conn.execute("SELECT item_id FROM second_results").fetchall())
        who = store.actor
    # blind: says what the second reviewer recorded, nothing of the assessor's results
    print(f"second review by {who}: {item.code} {item.title}: {c.result.label} "
          f"({done} of {len(store.standards().items)} items recorded)")
    return 0


def agreement(args: argparse.Namespace) -> int:
    with ReviewStore.open(args.file, read_only=True) as store:
        stage = stg.read_stage(store.conn)
        if stage.blind:
            raise ReviewError("the second review is still under way and blind; the agreement "
                              "is shown once it is submitted (`reviewer-app submit FILE`).")
        found = review_agreement(store.conn, store.standards())
    if found is None:
        raise ReviewError("the review was not submitted for second review; there is nothing "
                          "to compare yet.")
    if args.json:
        print_json({"stage": stage.stage, **found.to_json()})
        return 0
    _print_agreement(found, stage)
    return 0


def _print_agreement(found: Agreement, stage: stg.Stage) -> None:
    print(f"Stage: {stage.describe()}")
    print(f"Agreement: {found.summary()}")
    print("(items that neither reviewer assessed are not counted)")
    for c in found.disagreements:
        print(f"\n{c.code:>3} {c.title}")
        print(f"      assessor:        {c.first.label}"
              + (f" - {shorten(c.first_rationale, 70)}" if c.first_rationale else ""))
        print(f"      second reviewer: {c.second.label}"
              + (f" - {shorten(c.second_rationale, 70)}" if c.second_rationale else ""))
        rec = c.reconciliation
        if rec is None:
            print(f"      not reconciled: reconcile --item {c.code} --result R --note TEXT")
        else:
            print(f"      reconciled:      {rec.result.label} by {rec.person} - "
                  f"{shorten(rec.note, 70)}")


def reconcile(args: argparse.Namespace) -> int:
    with ReviewStore.open(args.file) as store:
        item = store.standards().item(args.item)
        cmd.run(store, cmd.Reconcile(item.id, args.result, args.note, item_code=item.code))
        found = review_agreement(store.conn, store.standards())
    left = len(found.unsettled) if found else 0
    print(f"{item.code} {item.title}: reconciled as {args.result.label}"
          + (f"; {left} disagreement(s) left" if left else "; every disagreement is settled"))
    return 0


def signoff(args: argparse.Namespace) -> int:
    with ReviewStore.open(args.file) as store:
        cmd.run(store, cmd.SignOff(args.name, args.role))
        stage = stg.read_stage(store.conn)
    print(f"{stage.describe()}; the review is closed to edits (reopen with a reason: "
          f"`reviewer-app reopen {args.file} --reason TEXT`)")
    return 0


def reopen(args: argparse.Namespace) -> int:
    with ReviewStore.open(args.file) as store:
        cmd.run(store, cmd.Reopen(args.reason))
        stage = stg.read_stage(store.conn)
    print(f"reopened; the review is in {stage.label.lower()} (the reason is in the log)")
    return 0
