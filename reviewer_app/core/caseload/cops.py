"""The list a credentialing body sends the DOJ COPS Office by January 31: every agency it
certified whose certification is current on January 31 of that year.

Current means determined on or before January 31 and expiring on or after it (the expiry
date is the last day the certification holds). A review whose outcome is not Certified
today (not certified, in process, a mandatory finding awaiting re-review) is left out. An
agency appears once: among copies of one review the newest, among several reviews of one
ORI the latest determination. A certified review without a valid ORI stops the list: the
COPS Office knows agencies by ORI.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reviewer_app.core.caseload.index import CaseloadError
from reviewer_app.core.caseload.ori import ori_problem
from reviewer_app.core.caseload.queries import CaseloadRow
from reviewer_app.core.checklist.outcome import CERTIFIED

COLUMNS = ("agency", "ori", "state", "credentialing_body", "determination_date",
           "expiry_date", "standards", "standards_edition")


@dataclass(frozen=True)
class CopsList:
    year: int
    rows: tuple[dict, ...]
    left_out: tuple[str, ...]  # certified reviews not listed, each with why

    def csv_text(self) -> str:
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(self.rows)
        return buf.getvalue()

    def write(self, path: Path) -> None:
        try:
            tmp = path.with_name(f".{path.name}.tmp")
            tmp.write_text(self.csv_text(), encoding="utf-8")
            tmp.replace(path)
        except OSError as exc:
            raise CaseloadError(f"{path}: cannot write the list ({exc.strerror or exc}).") \
                from exc


def cops_list(rows: list[CaseloadRow], year: int, body: str = "") -> CopsList:
    """The agencies certified (by ``body``, if given) and current on January 31, ``year``."""
    day = date(year, 1, 31).isoformat()
    org = body.strip().lower()
    chosen: dict[str, CaseloadRow] = {}
    left_out = []
    for r in rows:
        e = r.entry
        if e.outcome != CERTIFIED or not r.newest_copy:
            continue
        if org and e.body.strip().lower() != org:
            continue
        if not (e.determined_on <= day <= e.expires_on):
            if e.determined_on > day:
                left_out.append(f"{e.agency}: certified on {e.determined_on}, after "
                                f"January 31, {year}")
            else:
                left_out.append(f"{e.agency}: certification expired on {e.expires_on}")
            continue
        problem = ori_problem(e.ori) if e.ori.strip() else "it has no ORI"
        if problem:
            raise CaseloadError(f"{e.agency} ({e.path}) is certified but {problem}; the COPS "
                                "list needs a valid ORI for every agency. Set it in the "
                                "review's details and scan again.")
        key = e.ori.strip().upper()
        if key not in chosen or chosen[key].entry.determined_on < e.determined_on:
            if key in chosen:
                left_out.append(f"{chosen[key].entry.agency}: an earlier determination for "
                                f"ORI {key}")
            chosen[key] = r
        else:
            left_out.append(f"{e.agency}: an earlier determination for ORI {key}")
    out = [{"agency": r.entry.agency, "ori": key, "state": r.entry.state,
            "credentialing_body": r.entry.body, "determination_date": r.entry.determined_on,
            "expiry_date": r.entry.expires_on, "standards": r.entry.standards_id,
            "standards_edition": r.entry.edition}
           for key, r in sorted(chosen.items(), key=lambda kv: (kv[1].entry.state, kv[0]))]
    return CopsList(year, tuple(out), tuple(left_out))
