"""Adding and indexing a manual, suggestions for every item, and linking one quote.

``index_s`` is what adding a PDF to a review costs before it can be searched: canonical text
(``inspect_pdf``), clause segmentation and the FTS index (the ``AddDocument`` command), against
MuPDF extracting the same words. ``link_ms`` is one ``reviewer-app link`` in-process: open the
review, load the text, locate the quote, run the command, close.
"""

from __future__ import annotations

import statistics
import time

from benchmarks import fixtures as fx
from benchmarks.harness import Budget, Context, Metric, Result, Timer, scale, side_by_side


def _index(key: str, full_reps: int) -> Metric:
    def run(ctx: Context) -> Result:
        import pymupdf

        from reviewer_app.core.pdf.documents import inspect_pdf
        from reviewer_app.core.review import commands as cmd

        path = fx.doc_path(ctx, key)
        data = path.read_bytes()
        out = ctx.work / "reviews" / f"index-{key}.review"
        out.parent.mkdir(parents=True, exist_ok=True)
        parts: dict[str, list[float]] = {"inspect_s": [], "add_command_s": []}
        timer = Timer()

        def app() -> float:
            store = fx.new_store(out)
            with timer:
                t0 = time.perf_counter()
                info = inspect_pdf(data, path.name)
                t1 = time.perf_counter()
                doc_id = cmd.run(store, cmd.AddDocument(info.data, path.name, info)).doc_id
                t2 = time.perf_counter()
            store.close()
            parts["inspect_s"].append(t1 - t0)
            parts["add_command_s"].append(t2 - t1)
            ctx.cache[f"review:{key}"] = fx.BuiltReview(out, {key: doc_id})
            return t2 - t0

        def raw() -> float:
            t0 = time.perf_counter()
            doc = pymupdf.open(stream=data, filetype="pdf")
            for page in doc:
                page.get_text("words", sort=False)
            doc.close()
            return time.perf_counter() - t0

        reps = ctx.reps(full_reps, 1)
        app_s, raw_s = side_by_side(app, raw, reps, warmup=0)
        extra = {k: round(statistics.median(v), 3) for k, v in parts.items()}
        extra["pages"] = len(pymupdf.open(stream=data, filetype="pdf"))
        return Result(f"index_s{fx.SUFFIX[key]}", "s", app_s, raw_s,
                      "pymupdf words of every page", extra=extra, cpu_samples=timer.cpu,
                      note=f"{fx.TITLES[key]}: inspect {extra['inspect_s']:.2f} s + "
                           f"AddDocument {extra['add_command_s']:.2f} s")

    budget = Budget(limit=3.0) if key == "lagrange" else None
    return Metric(f"index_s{fx.SUFFIX[key]}", "s", run, budget,
                  f"canonical text + segmentation + FTS index of {fx.TITLES[key]}")


def _suggest(ctx: Context) -> Result:
    from reviewer_app.core.review.store import ReviewStore
    from reviewer_app.core.suggest.engine import suggest

    review = fx.review_of(ctx, "lagrange")
    counts: list[int] = []
    timer = Timer()

    def once() -> None:
        store = ReviewStore.open(review.path)
        try:
            with timer:
                found = suggest(store)
            counts.append(sum(len(v) for v in found.values()))
        finally:
            store.close()

    once()  # warm the OS file cache and SQLite's page cache paths
    timer = Timer()
    for _ in range(ctx.reps(7, 1)):
        once()
    return Result("suggest_ms", "ms", scale(timer.wall, "ms"),
                  cpu_samples=scale(timer.cpu, "ms"),
                  note=f"all items, La Grange; {counts[-1]} suggestions; fresh store each",
                  extra={"suggestions": counts[-1]})


def _link(key: str) -> Metric:
    def run(ctx: Context) -> Result:
        from reviewer_app.core.review import commands as cmd
        from reviewer_app.core.review.store import ReviewStore
        from reviewer_app.core.text.anchoring import locate_quote

        review = fx.review_of(ctx, key)
        doc_id = review.doc_ids[key]
        item_id, quote, page = fx.link_quote(ctx, key)
        parts: dict[str, list[float]] = {k: [] for k in ("open", "text", "locate", "command",
                                                          "close")}
        cpu: list[float] = []

        def once() -> float:
            c0 = time.process_time()
            marks = [time.perf_counter()]
            store = ReviewStore.open(review.path)
            marks.append(time.perf_counter())
            text = store.document_text(doc_id)
            doc = store.document(doc_id)
            item = store.standards().item(item_id)
            marks.append(time.perf_counter())
            anchor = locate_quote(text, quote, page, doc.title)
            marks.append(time.perf_counter())
            c = cmd.run(store, cmd.AddEvidence(
                item_id=item.id, item_code=item.code, doc_id=doc_id, kind="text",
                page=anchor.page, quads=anchor.quads, start=anchor.start, end=anchor.end,
                exact=anchor.exact, prefix=anchor.prefix, suffix=anchor.suffix))
            marks.append(time.perf_counter())
            store.close()
            marks.append(time.perf_counter())
            cpu.append(time.process_time() - c0)
            for name, a, b in zip(parts, marks, marks[1:], strict=False):
                parts[name].append(b - a)
            with ReviewStore.open(review.path) as again:  # leave the review as it was
                cmd.revert(again, c)
            return marks[-1] - marks[0]

        once()
        cpu.clear()
        samples = [once() for _ in range(ctx.reps(11, 2))]
        breakdown = {k: round(statistics.median(v) * 1000, 1) for k, v in parts.items()}
        note = f"{fx.TITLES[key]}; " + ", ".join(f"{k} {v}" for k, v in breakdown.items())
        return Result(f"link_ms{fx.SUFFIX[key]}", "ms", scale(samples, "ms"), note=note,
                      cpu_samples=scale(cpu, "ms"),
                      extra={"breakdown_ms": breakdown})

    budget = Budget(limit=50) if key == "lagrange" else None
    return Metric(f"link_ms{fx.SUFFIX[key]}", "ms", run, budget,
                  f"one link of a quote in {fx.TITLES[key]}: open, load text, locate, "
                  "command, close")


METRICS = [
    _index("lagrange", 3),
    Metric("suggest_ms", "ms", _suggest, Budget(limit=300),
           "suggestions for all items on the indexed La Grange manual"),
    _link("lagrange"),
    _index("lisle", 2),
    _link("lisle"),
    _index("policy2000", 2),
    _link("policy2000"),
]
