"""Crash safety: kill the app with SIGKILL at random moments while it writes, many times,
and check after every kill that the review file is whole and holds exactly what was
acknowledged (plus at most the one action in flight).

Two kinds of victims:
  stream  a child process applying a long, deterministic stream of commands (link,
          finding, remove), printing "ACK n" after each commit;
  link    ``reviewer-app link`` subprocesses, killed part-way through.

After each kill the file must open with ``ReviewStore.open`` (taking over the dead
process's lock), pass ``PRAGMA integrity_check``, and equal the model of the stream.

    python benchmarks/kill_test.py [--kills 300] [--link-kills 60] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

ITEMS = ("chokehold", "duty_to_intervene", "medical_aid", "deescalation", "uof_training",
         "early_intervention")
RESULTS = ("met", "partial", "not_met", "not_applicable")
QUOTES = [f"Clause {n}: every officer shall follow rule number {n} of this order."
          for n in range(12)]
OP_ACTIONS = ("add_evidence", "set_finding", "remove_evidence")


def make_review(path: Path) -> None:
    """A review with one generated policy whose sentences the stream links."""
    import pymupdf

    from reviewer_app.core.checklist.standards import resolve_standards
    from reviewer_app.core.pdf.documents import inspect_pdf
    from reviewer_app.core.review import commands as cmd
    from reviewer_app.core.review.store import ReviewStore

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_textbox(pymupdf.Rect(50, 50, 560, 780), "\n".join(QUOTES), fontsize=10)
    data = doc.tobytes()
    with ReviewStore.create(path, agency_name="Crash Test PD", assessor="Kim Killer",
                            standards=resolve_standards("doj-2020")) as store:
        cmd.run(store, cmd.AddDocument(data, "policy.pdf", inspect_pdf(data, "policy.pdf")))


# -- the stream and its model -------------------------------------------------------------
def op_kind(i: int) -> str:
    return ("link", "link", "link", "finding", "remove")[i % 5]


def model(n: int) -> tuple[list[str], dict[str, str]]:
    """Evidence notes (oldest first) and finding rationales after the first n ops."""
    notes: list[str] = []
    findings: dict[str, str] = {}
    for i in range(n):
        kind = op_kind(i)
        if kind == "link":
            notes.append(f"op{i}")
        elif kind == "finding" or not notes:
            findings[ITEMS[i % len(ITEMS)]] = f"op{i}"
        else:
            notes.pop(0)
    return notes, findings


def apply_op(store, i: int) -> None:
    from reviewer_app.core.review import commands as cmd
    from reviewer_app.core.text.anchoring import locate_quote

    kind = op_kind(i)
    item = ITEMS[i % len(ITEMS)]
    if kind == "link":
        doc_id = store.documents()[0].id
        a = locate_quote(store.document_text(doc_id), QUOTES[i % len(QUOTES)])
        cmd.run(store, cmd.AddEvidence(item_id=item, doc_id=doc_id, kind="text", page=a.page,
                                       quads=a.quads, start=a.start, end=a.end, exact=a.exact,
                                       prefix=a.prefix, suffix=a.suffix, note=f"op{i}"))
        return
    evidence = store.evidence()
    if kind == "finding" or not evidence:
        cmd.run(store, cmd.SetFinding(item, RESULTS[i % len(RESULTS)], f"op{i}"))
    else:
        cmd.run(store, cmd.RemoveEvidence(min(e.id for e in evidence)))


def ops_applied(conn) -> int:
    marks = ",".join("?" * len(OP_ACTIONS))
    return conn.execute(f"SELECT count(*) FROM log WHERE action IN ({marks})",
                        OP_ACTIONS).fetchone()[0]


def child_main(path: Path, limit: int) -> int:
    from reviewer_app.core.review.store import ReviewStore

    store = ReviewStore.open(path)
    i = ops_applied(store.conn)
    print("READY", i, flush=True)
    while i < limit:
        apply_op(store, i)
        print(f"ACK {i}", flush=True)
        i += 1
    store.close()
    return 0


# -- checking -----------------------------------------------------------------------------
class Broken(AssertionError):
    """The review file lost or mangled something."""


def check_file(path: Path, low: int, high: int) -> int:
    """Open the review after a kill; it must be whole and hold ops [0, n) with
    low <= n <= high. Returns n."""
    from reviewer_app.core.review.store import ReviewStore

    with ReviewStore.open(path) as store:
        verdict = store.conn.execute("PRAGMA integrity_check").fetchone()[0]
        if verdict != "ok":
            raise Broken(f"integrity_check: {verdict}")
        n = ops_applied(store.conn)
        if not low <= n <= high:
            raise Broken(f"{n} ops in the file, but {low} were acknowledged "
                         f"(at most {high} possible)")
        notes, findings = model(n)
        evidence = store.evidence()
        got_notes = [e.note for e in sorted(evidence, key=lambda e: e.id)]
        if got_notes != notes:
            raise Broken(f"evidence after {n} ops: {got_notes[-5:]}, expected {notes[-5:]}")
        for e in evidence:
            if e.exact != QUOTES[int(e.note[2:]) % len(QUOTES)]:
                raise Broken(f"evidence {e.id} has a mangled quote {e.exact!r}")
        got = {k: f.rationale for k, f in store.findings().items()}
        if got != findings:
            raise Broken(f"findings after {n} ops: {got}, expected {findings}")
    return n


@dataclass
class Report:
    kills: int = 0
    link_kills: int = 0
    ops_acknowledged: int = 0
    in_flight_kept: int = 0
    mid_stream: int = 0  # kills that landed while the child was writing (after READY)
    links_acknowledged: int = 0
    delays: list[float] = field(default_factory=list)


def run_stream_kills(path: Path, kills: int, rng: random.Random, max_delay: float = 0.3,
                     report: Report | None = None) -> Report:
    """Start the stream child, kill it after a random delay, check; ``kills`` times."""
    report = report or Report()
    with ReviewStoreReader(path) as n0:
        acked = n0
    for _ in range(kills):
        child = subprocess.Popen([sys.executable, __file__, "--child", str(path)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        writing = rng.random() >= 0.2  # one kill in five while starting or opening
        if writing:
            child.stdout.readline()  # READY: the review is open, the stream starts
        delay = rng.uniform(0.0, max_delay if writing else 0.4)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        out, err = child.communicate()
        report.mid_stream += writing
        if child.returncode not in (-signal.SIGKILL, 0):
            raise Broken(f"the child failed by itself (exit {child.returncode}): {err[-800:]}")
        acks = [int(line.split()[1]) for line in out.splitlines() if line.startswith("ACK ")]
        if acks:
            acked = acks[-1] + 1
        n = check_file(path, acked, acked + 1)
        report.in_flight_kept += n - acked
        acked = n
        report.kills += 1
        report.ops_acknowledged = acked
        report.delays.append(delay)
    return report


class ReviewStoreReader:
    """How many stream ops a review holds (context manager, for symmetry with checks)."""

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self) -> int:
        from reviewer_app.core.review.store import ReviewStore

        self.store = ReviewStore.open(self.path)
        return ops_applied(self.store.conn)

    def __exit__(self, *exc) -> None:
        self.store.close()


def run_link_kills(path: Path, kills: int, rng: random.Random,
                   report: Report | None = None) -> Report:
    """Kill ``reviewer-app link`` part-way through; earlier links must all survive."""
    from reviewer_app.core.review.store import ReviewStore

    report = report or Report()
    acked: list[str] = []
    duration = 1.0  # a link's run time, measured on unkilled runs
    for k in range(kills):
        note = f"link{k}"
        args = [sys.executable, "-m", "reviewer_app", "link", str(path), "--item", "chokehold",
                "--quote", QUOTES[k % len(QUOTES)], "--note", note]
        started = time.perf_counter()
        child = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 text=True, cwd=ROOT)
        try:
            child.wait(timeout=rng.uniform(0.02, duration * 1.05) if k else 30)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
        out, err = child.communicate()
        if child.returncode == 0:
            duration = 0.8 * duration + 0.2 * (time.perf_counter() - started) if k else \
                time.perf_counter() - started
        finished = child.returncode == 0 and "linked evidence" in out
        if child.returncode not in (0, -signal.SIGKILL):
            raise Broken(f"link failed by itself (exit {child.returncode}): {err[-800:]}")
        with ReviewStore.open(path) as store:
            verdict = store.conn.execute("PRAGMA integrity_check").fetchone()[0]
            if verdict != "ok":
                raise Broken(f"integrity_check after killing link: {verdict}")
            notes = {e.note for e in store.evidence()}
        missing = [a for a in acked if a not in notes]
        if missing:
            raise Broken(f"acknowledged links lost: {missing}")
        extra = notes - set(acked) - {note}
        if extra:
            raise Broken(f"links nobody made: {sorted(extra)}")
        if finished:
            if note not in notes:
                raise Broken(f"{note} was acknowledged but is not in the file")
            acked.append(note)
        elif note in notes:
            acked.append(note)  # committed just before the kill: the one in flight
            report.in_flight_kept += 1
        if child.returncode == -signal.SIGKILL:
            report.link_kills += 1
        report.links_acknowledged = len(acked)
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kills", type=int, default=300, help="kills of the command stream")
    ap.add_argument("--link-kills", type=int, default=60, help="reviewer-app link runs")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--limit", type=int, default=10**9, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        return child_main(args.child, args.limit)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        stream_file, link_file = Path(tmp) / "stream.review", Path(tmp) / "link.review"
        make_review(stream_file)
        make_review(link_file)
        t0 = time.perf_counter()
        report = run_stream_kills(stream_file, args.kills, rng)
        t1 = time.perf_counter()
        run_link_kills(link_file, args.link_kills, rng, report)
        t2 = time.perf_counter()
    print(f"stream: survived {report.kills} SIGKILLs ({report.mid_stream} while writing, the "
          f"rest while starting or opening the review); {report.ops_acknowledged} actions "
          "acknowledged, "
          f"all present, none extra except {report.in_flight_kept} in flight ({t1 - t0:.0f} s)")
    print(f"link:   {args.link_kills} runs, {report.link_kills} killed part-way; "
          f"{report.links_acknowledged} links kept, every acknowledged one present "
          f"({t2 - t1:.0f} s)")
    print(f"total:  {report.kills + report.link_kills} kills survived, integrity_check ok "
          "after each")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
