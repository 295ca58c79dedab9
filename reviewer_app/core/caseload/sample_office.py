"""Generated offices of review files, written with the core's own commands: the benchmark's
3,000 reviews, the tests' edge cases, the screenshots.

Dates come from a fixed clock (``clock_at``) so that a review can be "certified on
January 30, 2023" exactly as if the assessor had recorded it that day. Nothing here is
used by the app itself.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from reviewer_app.core.checklist.standards import StandardsSet, resolve_standards
from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review import store as store_module
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.vocabulary import Result

CERTIFIED, NOT_CERTIFIED, IN_PROCESS, REREVIEW = (
    "certified", "not_certified", "in_process", "rereview")

CLAUSES = {
    "legal_compliance": "Members of this agency shall comply with all applicable federal, "
                        "state and local laws, including laws on the use of force.",
    "chokehold": "Chokeholds are prohibited except where the use of deadly force is "
                 "authorized by law.",
}
REVISED = {"chokehold": "Neck restraints may be used when an officer judges them useful."}


@contextmanager
def clock_at(moment: datetime) -> Iterator[None]:
    """Everything written inside is stamped ``moment`` (UTC) instead of the time now."""
    store_module.FIXED_NOW.append(moment.astimezone(UTC) if moment.tzinfo
                                  else moment.replace(tzinfo=UTC))
    try:
        yield
    finally:
        store_module.FIXED_NOW.pop()


def policy_pdf(title: str, pages: int = 2, revised: bool = False) -> bytes:
    """A small policy PDF holding the mandatory clauses (a revision words one differently)."""
    import pymupdf

    clauses = {**CLAUSES, **(REVISED if revised else {})}
    filler = ("Officers shall document each incident in a written report before the end of "
              "the shift, and supervisors shall review every report promptly. ") * 6
    doc = pymupdf.open()
    for n in range(pages):
        page = doc.new_page(width=612, height=792)
        head = f"{title}\n300.{n + 1} POLICY\n"
        body = " ".join(clauses.values()) if n == 0 else filler
        page.insert_textbox(pymupdf.Rect(72, 72, 540, 720), head + body, fontsize=10)
    doc.set_metadata({"title": title})
    return doc.tobytes()


@dataclass(frozen=True)
class ReviewPlan:
    """One review of a generated office: who, which agency, and how it stands."""

    name: str  # file name without .review
    agency: str
    ori: str
    state: str
    body: str
    assessor: str
    kind: str  # CERTIFIED, NOT_CERTIFIED, IN_PROCESS or REREVIEW
    decided: datetime  # when the last finding was recorded
    pages: int = 0  # pages of the policy PDF added (0: none; REREVIEW always adds one)


class OfficeWriter:
    """Writes review files from plans, reading each distinct policy PDF only once."""

    def __init__(self, standards: StandardsSet | None = None):
        self.standards = standards or resolve_standards("doj-2020")
        self._pdfs: dict[tuple[int, bool], tuple[bytes, object]] = {}

    def _pdf(self, pages: int, revised: bool = False) -> tuple[bytes, object]:
        from reviewer_app.core.pdf.documents import inspect_pdf

        key = (pages, revised)
        if key not in self._pdfs:
            data = policy_pdf("Use of Force Policy", pages, revised)
            self._pdfs[key] = (data, inspect_pdf(data, "use-of-force.pdf"))
        return self._pdfs[key]

    def write(self, folder: Path, plan: ReviewPlan) -> Path:
        path = folder / f"{plan.name}.review"
        items = self.standards.ordered_items()
        pages = max(plan.pages, 2) if plan.kind == REREVIEW else plan.pages
        with clock_at(plan.decided - timedelta(days=30)):
            store = ReviewStore.create(path, agency_name=plan.agency, agency_ori=plan.ori,
                                       agency_state=plan.state, assessor=plan.assessor,
                                       credentialing_body=plan.body,
                                       standards=self.standards)
        # generated data needs no fsync per command (the office is rebuilt if lost)
        store.conn.execute("PRAGMA synchronous = OFF")
        try:
            doc_id = None
            if pages:
                data, info = self._pdf(pages)
                with clock_at(plan.decided - timedelta(days=29)):
                    doc_id = cmd.run(store, cmd.AddDocument(data, "use-of-force.pdf",
                                                            info)).doc_id  # type: ignore
            if plan.kind == REREVIEW and doc_id is not None:
                self._link_clauses(store, doc_id, plan.decided - timedelta(days=1))
            with clock_at(plan.decided):
                for n, item in enumerate(reversed(items)):
                    result = Result.MET
                    if plan.kind == NOT_CERTIFIED and item.id == "chokehold":
                        result = Result.NOT_MET
                    elif plan.kind == IN_PROCESS and n >= len(items) // 2:
                        break  # discretionary items done, the mandatory ones still open
                    cmd.run(store, cmd.SetFinding(item.id, result, item_code=item.code))
            if plan.kind == REREVIEW and doc_id is not None:
                from reviewer_app.core.revisions.replace import ReplaceDocument

                data, info = self._pdf(pages, revised=True)
                with clock_at(plan.decided + timedelta(days=20)):
                    cmd.run(store, ReplaceDocument(doc_id, data, "use-of-force-rev.pdf",
                                                   info))  # type: ignore[arg-type]
        finally:
            store.close()
        return path

    def _link_clauses(self, store: ReviewStore, doc_id: int, when: datetime) -> None:
        from reviewer_app.core.text.anchoring import locate_quote

        with clock_at(when):
            for item_id, clause in CLAUSES.items():
                a = locate_quote(store.document_text(doc_id), clause)
                cmd.run(store, cmd.AddEvidence(
                    item_id=item_id, doc_id=doc_id, kind="text", page=a.page, quads=a.quads,
                    start=a.start, end=a.end, exact=a.exact, prefix=a.prefix,
                    suffix=a.suffix))


TOWNS = ("Springfield", "Riverton", "Lakeside", "Fairview", "Greenville", "Oak Park",
         "Franklin", "Clinton", "Madison", "Georgetown", "Salem", "Bristol", "Dover",
         "Milton", "Ashland", "Burlington", "Chester", "Kingston", "Marion", "Newport")
KINDS = ("Police Department", "Sheriff's Office", "Public Safety Department")
ASSESSORS = ("Dana Whitfield", "Luis Ortega", "Priya Raman", "Tom Becker", "Grace Kim")


def office_plans(count: int, body: str, states: tuple[str, ...] = ("IL", "WI", "IN"),
                 today: datetime | None = None, seed: int = 11) -> list[ReviewPlan]:
    """A realistic mix: most certified over the last 40 months (some expired, some about
    to), some not certified, a third in process, a few awaiting re-review; ~1 in 8 has a
    policy PDF of 2-40 pages (the rest are the light files of reviews not yet fed)."""
    rng = random.Random(seed)
    now = today or datetime.now(UTC)
    plans = []
    for n in range(count):
        state = states[n % len(states)]
        town = f"{TOWNS[n % len(TOWNS)]} {n // len(TOWNS) + 1}"
        roll = rng.random()
        kind = (CERTIFIED if roll < .55 else NOT_CERTIFIED if roll < .65
                else REREVIEW if roll < .67 else IN_PROCESS)
        days = rng.randint(1, 60) if kind == IN_PROCESS else rng.randint(1, 40 * 30)
        pages = rng.choice((2, 5, 10, 40)) if rng.random() < 1 / 8 else 0
        plans.append(ReviewPlan(
            name=f"{state.lower()}-{n:05d}", agency=f"{town} {rng.choice(KINDS)}",
            ori=f"{state}{n:07d}", state=state, body=body, assessor=rng.choice(ASSESSORS),
            kind=kind, decided=now - timedelta(days=days, minutes=rng.randint(0, 600)),
            pages=pages))
    return plans


def write_office(folder: Path, plans: list[ReviewPlan], duplicates: int = 0,
                 progress: Callable[[int, int], None] | None = None) -> list[Path]:
    """Write every plan into ``folder`` (in sub-folders of 500), then copy ``duplicates``
    of them to ``folder/usb-stick`` as a careless office would."""
    writer = OfficeWriter()
    paths = []
    for n, plan in enumerate(plans):
        sub = folder / f"batch-{n // 500:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        paths.append(writer.write(sub, plan))
        if progress:
            progress(n + 1, len(plans))
    if duplicates:
        stick = folder / "usb-stick"
        stick.mkdir(exist_ok=True)
        for path in paths[:duplicates]:
            shutil.copy2(path, stick / path.name)
    return paths


def edge_case_office(folder: Path, year: int, body: str = "Illinois Accreditation Board"
                     ) -> dict[str, Path]:
    """The COPS list's edge cases for January 31 of ``year``, one review each."""
    base = ReviewPlan("", "", "", "IL", body, "Dana Whitfield", CERTIFIED,
                      datetime(year - 3, 6, 1, 15, tzinfo=UTC))
    cases = {
        "current": replace(base, agency="Current PD", ori="IL0000001"),
        "expired_jan30": replace(base, agency="Expired Jan 30 PD", ori="IL0000002",
                                 decided=datetime(year - 3, 1, 30, 15, tzinfo=UTC)),
        "expires_jan31": replace(base, agency="Expires Jan 31 PD", ori="IL0000003",
                                 decided=datetime(year - 3, 1, 31, 15, tzinfo=UTC)),
        "certified_feb1": replace(base, agency="Certified Feb 1 PD", ori="IL0000004",
                                  decided=datetime(year, 2, 1, 15, tzinfo=UTC)),
        "not_certified": replace(base, agency="Not Certified PD", ori="IL0000005",
                                 kind=NOT_CERTIFIED),
        "rereview": replace(base, agency="Re-review PD", ori="IL0000006", kind=REREVIEW),
        "in_process": replace(base, agency="In Process PD", ori="IL0000007", kind=IN_PROCESS),
        "other_body": replace(base, agency="Other Body PD", ori="IL0000008",
                              body="Another Body"),
    }
    writer = OfficeWriter()
    folder.mkdir(parents=True, exist_ok=True)
    out = {key: writer.write(folder, replace(plan, name=key)) for key, plan in cases.items()}
    stick = folder / "stick"
    stick.mkdir(exist_ok=True)
    out["current_copy"] = stick / "current-copy.review"
    shutil.copy2(out["current"], out["current_copy"])
    return out
