"""new, add-doc, link, unlink, finding, status, log: building a review from the shell."""

from __future__ import annotations

import argparse
from collections.abc import Iterable
from pathlib import Path

from reviewer_app.cli.output import print_json, shorten
from reviewer_app.core.checklist.standards import resolve_standards
from reviewer_app.core.checklist.state_notes import StateNote, notes_for
from reviewer_app.core.errors import ReviewError
from reviewer_app.core.pdf.documents import inspect_pdf, read_pdf_file
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.evidence_overlap import INSIDE, SAME, describe, overlapping_evidence
from reviewer_app.core.review.fields import check_ori, check_state, clean_text, readable_name
from reviewer_app.core.review.status import review_status
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.text.anchoring import locate_quote
from reviewer_app.core.vocabulary import EvidenceStatus, Result

RESULT_ALIASES = {"partially_met": Result.PARTIAL, "na": Result.NOT_APPLICABLE,
                  "n/a": Result.NOT_APPLICABLE, "unmet": Result.NOT_MET,
                  "pending": Result.NOT_ASSESSED}


def parse_result(text: str) -> Result:
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    key = RESULT_ALIASES.get(key, key)
    if key not in tuple(Result):
        raise argparse.ArgumentTypeError(f"'{text}' is not a result; use one of "
                                         + ", ".join(Result))
    return Result(key)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="create a review file")
    p.add_argument("file", type=Path)
    p.add_argument("--agency", required=True, help="agency name")
    p.add_argument("--ori", default="",
                   help="FBI ORI: a state code then 7 letters or digits (IL0490000)")
    p.add_argument("--state", default="", help="two-letter state code")
    p.add_argument("--assessor", default="", help="assessor's name")
    p.add_argument("--body", default="", help="credentialing body")
    p.add_argument("--standards", default="doj-2020", help="bundled set id or .toml path")
    p.add_argument("--also", action="append", default=[], metavar="SET",
                   help="a further set to assess in the same review (repeatable)")
    p.add_argument("--crosswalk", action="append", default=[], metavar="FILE",
                   help="a crosswalk between the sets (default: the bundled ones joining them)")
    p.add_argument("--force", action="store_true", help="overwrite an existing file")
    p.set_defaults(handler=new_review)

    p = sub.add_parser("add-doc", help="add a policy PDF to a review")
    p.add_argument("file", type=Path)
    p.add_argument("pdf", type=Path)
    p.add_argument("--title", help="document title (default: PDF title or file name)")
    p.add_argument("--password", help="password of an encrypted PDF (never stored)")
    p.add_argument("--ocr", action="store_true",
                   help="read pages without a text layer with Tesseract OCR, if installed")
    p.set_defaults(handler=add_doc)

    p = sub.add_parser("link", help="record a quote in a document as evidence for an item")
    p.add_argument("file", type=Path)
    p.add_argument("--item", required=True, help="checklist item code or id (B, 7, chokehold)")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--quote", help="the clause, as printed in the PDF (it may cross a "
                                      "page break; leave out the running header and footer)")
    what.add_argument("--suggestion", type=int, metavar="N",
                      help="link the Nth passage `suggest --item` lists for the item")
    p.add_argument("--doc", help="document SHA-256 prefix or title (needed with several)")
    p.add_argument("--page", type=int, help="1-based page, to choose among repeats")
    p.add_argument("--occurrence", type=int, metavar="N",
                   help="the Nth occurrence (reading order) on --page, or in the document")
    p.add_argument("--note", default="", help="a note on this evidence")
    p.set_defaults(handler=link)

    p = sub.add_parser("unlink", help="remove one evidence record")
    p.add_argument("file", type=Path)
    p.add_argument("--evidence", type=int, required=True, help="evidence id (see status)")
    p.set_defaults(handler=unlink)

    p = sub.add_parser("finding", help="record the result of an item")
    p.add_argument("file", type=Path)
    p.add_argument("--item", required=True, help="checklist item code or id (B, 7, chokehold)")
    p.add_argument("--result", required=True, type=parse_result,
                   help="met, partial, not_met, not_applicable or not_assessed")
    p.add_argument("--note", help="rationale")
    p.set_defaults(handler=finding)

    p = sub.add_parser("status", help="results, evidence and the certification outcome")
    p.add_argument("file", type=Path)
    p.add_argument("--set", dest="set_id", help="one of the review's further standards sets")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=status)

    p = sub.add_parser("log", help="the review's change log")
    p.add_argument("file", type=Path)
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=show_log)


def new_review(args: argparse.Namespace) -> int:
    state = check_state(args.state)
    ori = check_ori(args.ori, state)
    agency = clean_text("agency name", args.agency, required=True)
    assessor = clean_text("assessor's name", args.assessor)
    body = clean_text("credentialing body", args.body)
    standards = resolve_standards(args.standards)
    from reviewer_app.cli.sets_cmds import describe_added, prepare

    extra, walks = prepare(standards, args.also, args.crosswalk)  # all checked first
    made = False
    try:
        with ReviewStore.create(args.file, agency_name=agency, agency_ori=ori,
                                agency_state=state, assessor=assessor,
                                credentialing_body=body, standards=standards,
                                overwrite=args.force) as store:
            made = True
            if extra or walks:
                from reviewer_app.core.review.commands.sets import AddSets
                cmd.run(store, AddSets(extra, walks))
    except ReviewError:
        if made:  # the sets could not be added: no review of only some of them is left
            Path(args.file).unlink(missing_ok=True)
        raise
    print(f"created {args.file} ({standards.id}, {len(standards.items)} items)")
    if extra or walks:
        print(describe_added(extra, walks))
    return 0


def add_doc(args: argparse.Namespace) -> int:
    data = read_pdf_file(args.pdf)
    name = readable_name(args.pdf.name)
    title = clean_text("title", args.title, required=True) if args.title is not None else None
    info = inspect_pdf(data, name, args.password, ocr=args.ocr)
    with ReviewStore.open(args.file) as store:
        # info.data is what to keep: decrypted when a password was needed (never stored)
        c = cmd.run(store, cmd.AddDocument(info.data or data, name, info, title))
        assert c.doc_id is not None  # set by apply
        doc = store.document(c.doc_id)
    print(f"added {doc.title}: {doc.page_count} pages, sha256 {doc.sha256[:12]}")
    for note in info.notes:
        print(f"note: {note}")
    return 0


def link(args: argparse.Namespace) -> int:
    with ReviewStore.open(args.file) as whole:
        store, item, stored = _item_view(whole, args.item)
        if args.suggestion is not None:
            doc, anchor = _suggested(store, item.id, item.code, args.suggestion)
        else:
            doc = store.find_document(args.doc)
            if args.page is not None and not 1 <= args.page <= doc.page_count:
                raise ReviewError(f"page {args.page} is outside {doc.title} "
                                  f"(1-{doc.page_count}).")
            page = args.page - 1 if args.page is not None else None
            anchor = locate_quote(store.document_text(doc.id), args.quote, page, doc.title,
                                  args.occurrence)
        notes = []
        for ev, relation in overlapping_evidence(store, item.id, doc.id, anchor.start,
                                                 anchor.end):
            if relation in (SAME, INSIDE):
                raise ReviewError(describe(ev, relation, item.code) + "; nothing was linked.")
            notes.append(describe(ev, relation, item.code) +
                         f"; remove the old one with `unlink --evidence {ev.id}` if this "
                         "replaces it")
        c = cmd.run(whole, cmd.AddEvidence(
            item_id=stored, item_code=_code(store, item.code), doc_id=doc.id, kind="text",
            page=anchor.page, quads=anchor.quads, start=anchor.start, end=anchor.end,
            exact=anchor.exact, prefix=anchor.prefix, suffix=anchor.suffix, note=args.note))
        from reviewer_app.core.review.proposals import proposals

        assert c.evidence is not None  # set by apply
        also = [p.target for p in proposals(whole) if p.evidence.id == c.evidence.id]
    assert c.evidence is not None  # set by apply
    print(f"linked evidence {c.evidence.id} to {item.code} {item.title}: {doc.title}, "
          f"page {doc.page_label(anchor.page)}: \"{shorten(anchor.exact, 60)}\"")
    for note in notes:
        print(f"note: {note}")
    for target in also:
        print(f"proposed for {target.label} {target.title} ({target.relation}, "
              f"{target.crosswalk}): accept with `accept {args.file} --set {target.set_id} "
              f"--item {target.code}`")
    return 0


def _item_view(whole: ReviewStore, ref: str):
    """The review as seen by the set ``ref``'s item belongs to, the item, its stored id."""
    from reviewer_app.core.review.extra_sets import resolve_item
    from reviewer_app.core.review.set_view import set_store

    review_set, item = resolve_item(whole.sets(), ref)
    return set_store(whole, review_set.id), item, review_set.stored_id(item.id)


def _code(store: ReviewStore, code: str) -> str:
    """An item's code as the user reads it: "B", or "calea 4.1.1" in a further set."""
    return code if store.whole() is store else f"{store.standards().id} {code}"


def _suggested(store: ReviewStore, item_id: str, code: str, n: int):
    """The document and anchor of the Nth suggestion for an item (as `suggest` numbers them)."""
    from reviewer_app.core.suggest.engine import anchor_suggestion, suggest

    if n < 1:
        raise ReviewError("--suggestion counts from 1, as `suggest` numbers them.")
    found = suggest(store, item_id, n).get(item_id, [])
    if len(found) < n:
        raise ReviewError(f"{code} has {len(found)} suggestion(s); see `suggest --item {code}`.")
    s = found[n - 1]
    return store.document(s.doc_id), anchor_suggestion(store.document_text(s.doc_id), s)


def unlink(args: argparse.Namespace) -> int:
    with ReviewStore.open(args.file) as store:
        from reviewer_app.core.review.extra_sets import display_code

        ev = store.evidence_by_id(args.evidence)
        code = display_code(store.sets(), ev.item_id)
        cmd.run(store, cmd.RemoveEvidence(args.evidence, item_code=code))
    print(f"removed evidence {args.evidence} from {code}")
    return 0


def finding(args: argparse.Namespace) -> int:
    with ReviewStore.open(args.file) as whole:
        store, item, stored = _item_view(whole, args.item)
        code = _code(store, item.code)
        cmd.run(whole, cmd.SetFinding(stored, args.result, args.note, item_code=code))
    print(f"{code} {item.title}: {args.result.label}")
    return 0


def status(args: argparse.Namespace) -> int:
    from reviewer_app.core.review.proposals import proposals
    from reviewer_app.core.review.set_view import set_store

    with ReviewStore.open(args.file, read_only=True) as whole:  # works while the window has it
        report = review_status(set_store(whole, args.set_id))
        proposed: dict[str, list[str]] = {}
        for p in proposals(whole, report.standards.id):
            proposed.setdefault(p.target.item_id, []).append(p.source.label)
        others = [review_status(set_store(whole, s.id)) for s in whole.sets()
                  if s.id != report.standards.id]
    if args.json:
        data = report.to_json()
        if others:  # only reviews of several sets: the pinned keys stay as they were
            data["other_sets"] = [{"id": o.standards.id, "title": o.standards.title,
                                   "outcome": o.outcome_label, "assessed": o.outcome.assessed,
                                   "total": o.outcome.total} for o in others]
        print_json(data)
        return 0
    r, s = report.info, report.standards
    print(f"{r.agency_name} ({r.agency_ori or 'no ORI'}, {r.agency_state or '--'}) "
          f"- {s.title} ({s.id})")
    blind = report.stage.blind
    print(f"Stage: {report.stage.describe()}" + (
        " (the assessor's results are hidden until the second review is submitted)"
        if blind else ""))
    for state in report.items:
        item = state.item
        flag = " [mandatory]" if item.mandatory else ""
        if blind:  # the second reviewer sees the evidence and the law, never the first results
            print(f"\n{item.code:>3} {item.title}{flag}")
            _print_state_law(s.state_notes, item.id, r.agency_state)
            for e in state.evidence:
                print(f"      #{e.evidence.id} {e.document.title} p.{e.page_label}: "
                      f"\"{shorten(e.evidence.exact, 70) if e.evidence.exact else '(area)'}\"")
            continue
        print(f"\n{item.code:>3} {item.title}{flag}: {state.result.label}")
        if state.met_without_evidence:
            print("      ! met, but no evidence clause is linked: link the clause "
                  f"(link --item {item.code} --quote ...) or change the result")
        if state.needs_rereview:
            print("      ! evidence changed in a policy revision: review this finding again")
        if state.rationale:
            print(f"      rationale: {shorten(state.rationale)}")
        if item.id in proposed:
            sources = ", ".join(dict.fromkeys(proposed[item.id]))
            print(f"      proposed: {len(proposed[item.id])} clause(s) linked to {sources}; "
                  f"accept {args.file} --set {report.standards.id} --item {item.code}")
        _print_state_law(s.state_notes, item.id, r.agency_state)
        for e in state.evidence:
            ev = e.evidence
            mark = "" if e.intact else f" [{ev.status}: check this evidence]"
            if ev.status == EvidenceStatus.MOVED and e.intact:
                mark = " [moved by a revision]"
            quote = shorten(ev.exact, 70) if ev.exact else "(area)"
            print(f"      #{ev.id} {e.document.title} p.{e.page_label}: \"{quote}\"{mark}")
    if blind:
        return 0
    o = report.outcome
    print(f"\nOutcome: {report.outcome_label} ({o.assessed} of {o.total} items assessed)")
    for reason in o.reasons:
        print(f"  - {reason}")
    if report.problems.blockers:
        print("\nA packet exported now is a draft, because:")
        for text in report.problems.blockers:
            print(f"  - {text}")
    for text in report.problems.warnings:
        print(f"warning: {text}")
    for other in others:
        s = other.standards
        print(f"\nAlso assessed: {s.title} ({s.id}): {other.outcome_label} "
              f"({other.outcome.assessed} of {other.outcome.total} items assessed; "
              f"status --set {s.id})")
    return 0


def _print_state_law(notes: Iterable[StateNote], item_id: str, state: str) -> None:
    for note in notes_for(notes, item_id, state):
        print(f"      state law ({note.state}): {note.citation} ({note.statute}); {note.source}")


def show_log(args: argparse.Namespace) -> int:
    with ReviewStore.open(args.file, read_only=True) as store:
        entries = store.log_entries()
    if args.json:
        print_json([e.__dict__ for e in entries])
        return 0
    for e in entries:
        print(f"{e.at}  {e.actor:<12} {e.summary}{_evidence_detail(e.payload)}")
    return 0


def _evidence_detail(payload: dict) -> str:
    """': evidence 3, page 5, "It is the duty of ..."' for an entry about evidence."""
    if "evidence_id" not in payload:
        return ""
    parts = [f"evidence {payload['evidence_id']}"]
    if payload.get("page"):
        parts.append(f"page {payload['page']}")
    if payload.get("exact"):
        parts.append(f"\"{shorten(payload['exact'], 60)}\"")
    elif payload.get("kind") == "area":
        parts.append("marked area")
    return ": " + ", ".join(parts)
