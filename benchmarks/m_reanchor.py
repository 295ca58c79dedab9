"""Re-anchoring 30 evidence clauses onto a revised 758-page manual.

The review holds La Grange with its 15 labelled clauses and 15 more sentences spread through
the manual. The revision (``gen_policy.revised_manual``) inserts two pages, drops one and
rewords two clauses. The ``ReplaceDocument`` command adds the revision (reading and indexing
it, which ``index_s`` measures) and carries every evidence over; ``reanchor_s`` is the carrying
over: the command's time minus the time spent adding the new document.
"""

from __future__ import annotations

import random
import shutil
import statistics
import time
from collections import Counter

from benchmarks import fixtures as fx
from benchmarks import gen_policy
from benchmarks.harness import Budget, Context, Metric, Result

EVIDENCE = 30


def reanchor_review(ctx: Context) -> fx.BuiltReview:
    def build() -> fx.BuiltReview:
        from reviewer_app.core.review import commands as cmd
        from reviewer_app.core.text.anchoring import anchor_span, find_quote_spans

        path = ctx.work / "reviews" / "reanchor-base.review"
        path.parent.mkdir(parents=True, exist_ok=True)
        store = fx.new_store(path)
        try:
            doc_id = fx.add_document(store, fx.doc_path(ctx, "lagrange"))
            for item_id, quote, page in fx.label_quotes(ctx, "lagrange"):
                fx.link_evidence(store, doc_id, item_id, quote, page)
            text = store.document_text(doc_id)
            items = [i.id for i in store.standards().items]
            rng, full = random.Random(7), text.text
            while len(store.evidence()) < EVIDENCE:
                s = full.find(". ", rng.randrange(len(full) - 400)) + 2
                e = full.find(". ", s + 60)
                if not 0 < e - s < 300 or len(find_quote_spans(text, full[s:e + 1])) != 1:
                    continue
                a = anchor_span(text, s, e + 1)
                item = items[len(store.evidence()) % len(items)]
                cmd.run(store, cmd.AddEvidence(
                    item_id=item, doc_id=doc_id, kind="text", page=a.page, quads=a.quads,
                    start=a.start, end=a.end, exact=a.exact, prefix=a.prefix,
                    suffix=a.suffix))
        finally:
            store.close()
        return fx.BuiltReview(path, {"lagrange": doc_id})

    return ctx.fixture("review:reanchor", build)


def _reanchor(ctx: Context) -> Result:
    from reviewer_app.core.pdf.documents import inspect_pdf
    from reviewer_app.core.review import commands as cmd
    from reviewer_app.core.review.store import ReviewStore
    from reviewer_app.core.revisions.replace import ReplaceDocument

    base = reanchor_review(ctx)
    new_pdf = gen_policy.revised_manual(fx.doc_path(ctx, "lagrange"))
    data = new_pdf.read_bytes()
    info = inspect_pdf(data, new_pdf.name)
    work = ctx.work / "reviews" / "reanchor-run.review"
    add_times: list[float] = []
    add_cpu: list[float] = []
    totals: list[float] = []
    cpu: list[float] = []
    statuses: Counter = Counter()

    class TimedAdd(cmd.AddDocument):
        def apply(self, store) -> None:
            t0, c0 = time.perf_counter(), time.process_time()
            super().apply(store)
            add_times.append(time.perf_counter() - t0)
            add_cpu.append(time.process_time() - c0)

    def once() -> float:
        for stale in work.parent.glob(work.name + "*"):
            stale.unlink()
        shutil.copy2(base.path, work)
        with ReviewStore.open(work) as store:
            add = TimedAdd(info.data, new_pdf.name, info, None)
            command = ReplaceDocument(base.doc_ids["lagrange"], info.data, new_pdf.name, info,
                                add=add)
            t0, c0 = time.perf_counter(), time.process_time()
            cmd.run(store, command)
            total = time.perf_counter() - t0
            cpu.append(time.process_time() - c0 - add_cpu[-1])
        totals.append(total)
        statuses.clear()
        statuses.update(o.status for o in command.outcomes)
        return total - add_times[-1]

    samples = [once() for _ in range(ctx.reps(3, 1))]
    counts = ", ".join(f"{n} {s}" for s, n in sorted(statuses.items()))
    return Result("reanchor_s", "s", samples, cpu_samples=cpu,
                  note=f"{sum(statuses.values())} evidence: {counts}; whole ReplaceDocument "
                       f"{statistics.median(totals):.2f} s incl. adding the revision "
                       f"{statistics.median(add_times):.2f} s",
                  extra={"statuses": dict(statuses),
                         "replace_total_s": round(statistics.median(totals), 3),
                         "add_revision_s": round(statistics.median(add_times), 3)})


METRICS = [
    Metric("reanchor_s", "s", _reanchor, Budget(limit=2.0),
           "carry 30 evidence over to a revised La Grange (ReplaceDocument minus adding it)"),
]
