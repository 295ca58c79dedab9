"""Exporting the assessment packet of a realistic review.

The review holds the La Grange and Lisle manuals and the Harrisonburg order, 30 labelled
evidence clauses (15 + 13 + 2) and a result with a rationale for all 14 items of the DOJ 2020
set; the packet (report PDF with evidence images, annotated copies of the policies, OSCAL
findings, manifest) is written into a fresh folder each time.
"""

from __future__ import annotations

import shutil

from benchmarks import fixtures as fx
from benchmarks.harness import Budget, Context, Metric, Result, Timer

RESULTS = ("met", "partial", "met", "not_met", "met", "not_applicable", "met")
EVIDENCE_PER_DOC = {"lagrange": 15, "lisle": 13, "harrisonburg": 2}


def export_review(ctx: Context) -> fx.BuiltReview:
    """The review described above, built once per run."""

    def build() -> fx.BuiltReview:
        from reviewer_app.core.review import commands as cmd

        keys = tuple(EVIDENCE_PER_DOC)
        paths = {k: ctx.corpus_doc(fx.CORPUS_FILES[k]) for k in keys}
        quotes = {k: fx.label_quotes(ctx, k)[:n] for k, n in EVIDENCE_PER_DOC.items()}
        path = ctx.work / "reviews" / "export.review"
        path.parent.mkdir(parents=True, exist_ok=True)
        store = fx.new_store(path)
        try:
            ids = {k: fx.add_document(store, p) for k, p in paths.items()}
            for k, qs in quotes.items():
                for item_id, quote, page in qs:
                    fx.link_evidence(store, ids[k], item_id, quote, page)
            for n, item in enumerate(store.standards().items):
                cmd.run(store, cmd.SetFinding(
                    item.id, RESULTS[n % len(RESULTS)],
                    f"Benchmark rationale for {item.code}: the cited clauses were read in "
                    "full; see the evidence listed under this item.", item_code=item.code))
            linked = len(store.evidence())
        finally:
            store.close()
        if linked != sum(EVIDENCE_PER_DOC.values()):
            raise RuntimeError(f"expected 30 evidence in the export review, linked {linked}")
        return fx.BuiltReview(path, ids)

    return ctx.fixture("review:export", build)


def _export(ctx: Context) -> Result:
    from reviewer_app.core.packet import export_packet
    from reviewer_app.core.review.store import ReviewStore

    review = export_review(ctx)
    out_root = ctx.work / "packets"
    sizes: list[int] = []
    timer = Timer()

    def once(n: int) -> None:
        out = out_root / f"packet-{n}"
        shutil.rmtree(out, ignore_errors=True)
        with ReviewStore.open(review.path, read_only=True) as store, timer:
            export_packet(store, out)
        sizes.append(sum(f.stat().st_size for f in out.rglob("*") if f.is_file()))
        shutil.rmtree(out, ignore_errors=True)

    for n in range(ctx.reps(3, 1)):
        once(n)
    return Result("export_s", "s", timer.wall, cpu_samples=timer.cpu,
                  note=f"14 items, 30 evidence, 3 documents (1,400 pages); packet "
                       f"{sizes[-1] / 1e6:.1f} MB", extra={"packet_bytes": sizes[-1]})


METRICS = [
    Metric("export_s", "s", _export, Budget(limit=3.0),
           "packet with 14 items and 30 evidence clauses, images included"),
]
