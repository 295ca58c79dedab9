"""Peak memory: the window with La Grange open after going through every page.

Measured in a child process (``_child_memory``) so the figure is the window's own.
``peak_rss_mb`` is the window process's peak resident set (``VmHWM``);
``peak_rss_mb.with_renderers`` adds its render processes (sampled sum of resident sets, which
counts shared library pages once per process, so it is an upper bound). The baseline is an
empty QMainWindow plus MuPDF rendering the same pages in one process.
"""

from __future__ import annotations

from benchmarks import fixtures as fx
from benchmarks.harness import Budget, Context, Metric, Result, run_child
from benchmarks.qt_support import isolate_environment

FIT_WIDTH_SCALE = 1.3  # about the scale of a Letter page fitted to the window's view


def _measure(ctx: Context) -> list[Result]:
    review = fx.review_of(ctx, "lagrange")
    pdf = fx.doc_path(ctx, "lagrange")
    isolate_environment()
    step = 25 if ctx.quick else 1
    _, app = run_child("benchmarks._child_memory", "app", str(review.path), str(step),
                       timeout=900)
    _, bare = run_child("benchmarks._child_memory", "bare", str(pdf), str(FIT_WIDTH_SCALE),
                        str(step), timeout=900)
    late = f", {app['not_rendered']} not rendered in time" if app["not_rendered"] else ""
    note = (f"{app['visited']} of {app['pages']} pages visited in {app['scroll_s']:.0f} s{late}"
            f"; tile cache peak {app['cache_peak_mb']:.0f} of {app['cache_budget_mb']:.0f} MB")
    label = "empty QMainWindow + MuPDF rendering the same pages"
    extra = {k: round(v, 1) if isinstance(v, float) else v for k, v in app.items()}
    return [Result("peak_rss_mb", "MB", [app["peak_self_mb"]], [bare["peak_self_mb"]], label,
                   note=note, extra=extra),
            Result("peak_rss_mb.with_renderers", "MB", [app["peak_tree_mb"]],
                   [bare["peak_tree_mb"]], label,
                   note=f"window + {app['render_processes']} render processes (sampled sum)")]


def _metric(index: int):
    def run(ctx: Context) -> Result:
        return ctx.fixture("memory", lambda: _measure(ctx))[index]
    return run


METRICS = [
    Metric("peak_rss_mb", "MB", _metric(0), Budget(limit=400),
           "window with La Grange open after visiting every page (its own process)"),
    Metric("peak_rss_mb.with_renderers", "MB", _metric(1), Budget(limit=400),
           "the same including the render processes"),
]
