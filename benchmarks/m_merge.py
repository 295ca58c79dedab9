"""Merging two copies of a review of the 758-page La Grange manual, edited apart.

Both copies start from one review holding La Grange (its passages indexed); each then
links 30 clauses of its own (different sentences, spread through the manual, on the
items in turn) and records findings, three of them on the same items differently (three
conflicts). ``merge_s`` is what ``reviewer-app merge``
does: read the other copy (a consistent temporary copy, checked: its log chain, its
documents' SHA-256) and run the ``MergeCopy`` command (plan, write, log) on the first.
"""

from __future__ import annotations

import random
import shutil
import time

from benchmarks import fixtures as fx
from benchmarks.harness import Budget, Context, Metric, Result

EVIDENCE = 30


def _edit(path, seed: int) -> None:
    from reviewer_app.core.review import commands as cmd
    from reviewer_app.core.review.store import ReviewStore
    from reviewer_app.core.text.anchoring import anchor_span, find_quote_spans

    with ReviewStore.open(path) as store:
        doc_id = store.documents()[0].id
        text = store.document_text(doc_id)
        items = [i.id for i in store.standards().items]
        rng, full, added = random.Random(seed), text.text, 0
        while added < EVIDENCE:
            s = full.find(". ", rng.randrange(len(full) - 400)) + 2
            e = full.find(". ", s + 60)
            if not 0 < e - s < 300 or len(find_quote_spans(text, full[s:e + 1])) != 1:
                continue
            a = anchor_span(text, s, e + 1)
            cmd.run(store, cmd.AddEvidence(
                item_id=items[added % len(items)], doc_id=doc_id, kind="text", page=a.page,
                quads=a.quads, start=a.start, end=a.end, exact=a.exact, prefix=a.prefix,
                suffix=a.suffix))
            added += 1
        for item in items[:3] + items[3 + seed::3]:  # the first three: set in both
            cmd.run(store, cmd.SetFinding(item, "met" if seed == 1 else "partial",
                                          f"copy {seed}"))


def _copies(ctx: Context):
    def build():
        base = fx.review_of(ctx, "lagrange")
        a = ctx.work / "reviews" / "merge-a.review"
        b = ctx.work / "reviews" / "merge-b.review"
        for path, seed in ((a, 1), (b, 2)):
            for stale in path.parent.glob(path.name + "*"):
                stale.unlink()
            shutil.copy2(base.path, path)
            _edit(path, seed)
        return a, b

    return ctx.fixture("review:merge-copies", build)


def _merge(ctx: Context) -> Result:
    from reviewer_app.core.review import commands as cmd
    from reviewer_app.core.review.commands.merging import MergeCopy
    from reviewer_app.core.review.merge.copies import check_mine, read_theirs
    from reviewer_app.core.review.store import ReviewStore
    from reviewer_app.core.revisions.merge_reanchor import reanchor_onto

    a, b = _copies(ctx)
    work = ctx.work / "reviews" / "merge-run.review"
    cpu: list[float] = []
    notes: dict[str, int] = {}

    def once() -> float:
        for stale in work.parent.glob(work.name + "*"):
            stale.unlink()
        shutil.copy2(a, work)
        with ReviewStore.open(work) as store:
            t0, c0 = time.perf_counter(), time.process_time()
            check_mine(store)
            c = cmd.run(store, MergeCopy(read_theirs(b, store), reanchor=reanchor_onto))
            took = time.perf_counter() - t0
            cpu.append(time.process_time() - c0)
            assert c.plan is not None
            notes.update(evidence=len(store.evidence()), conflicts=len(c.plan.conflicts),
                         actions=len(c.plan.new_actions), writes=len(c.plan.writes))
        return took

    samples = [once() for _ in range(ctx.reps(5, 1))]
    return Result("merge_s", "s", samples, cpu_samples=cpu,
                  note=f"{notes['actions']} actions came in, {notes['writes']} rows written, "
                       f"{notes['evidence']} evidence after, {notes['conflicts']} conflicts",
                  extra=dict(notes))


METRICS = [
    Metric("merge_s", "s", _merge, Budget(limit=2.0),
           "merge two copies of a La Grange review with 30 evidence added in each"),
]
