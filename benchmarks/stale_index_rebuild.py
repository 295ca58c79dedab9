"""What a stale search index costs, and what rebuilding it once costs, on corpus policies.

Run ``python benchmarks/stale_index_rebuild.py [NAME.pdf ...]`` (default: the two largest
corpus documents, ../shared/corpus/docs). For each document, a review is built (untimed),
its index made to look like an older segmenter's, then it prints:

- ``suggest (stale, read-only)``: one item's suggestions through a read-only connection,
  as the window's suggestion worker does; it re-segments into memory on every request;
- ``prepare (worker)``: ``RebuildIndex.prepare``, segmenting in the window's worker;
- ``write (one transaction)``: ``RebuildIndex`` run (the window runs it in a worker too);
- ``suggest (rebuilt, read-only)``: the same request once the index is written back.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

DOCS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "docs"
ITEM = "chokehold"


def _stale(store) -> None:
    from reviewer_app.core.index import passages as indexing

    store.conn.execute("DELETE FROM meta WHERE key LIKE ?", (indexing.INDEX_KEY + "%",))
    store.conn.execute("INSERT INTO meta (key, value) VALUES (?, '0')", (indexing.INDEX_KEY,))


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def measure(pdf: Path, folder: Path) -> None:
    from reviewer_app.core.checklist.standards import resolve_standards
    from reviewer_app.core.pdf.documents import inspect_pdf
    from reviewer_app.core.review import commands as cmd
    from reviewer_app.core.review.index_rebuild import RebuildIndex
    from reviewer_app.core.review.store import ReviewStore
    from reviewer_app.core.suggest.engine import suggest

    path = folder / f"{pdf.stem}.review"
    data = pdf.read_bytes()
    with ReviewStore.create(path, agency_name="Bench PD",
                            standards=resolve_standards("doj-2020")) as store:
        cmd.run(store, cmd.AddDocument(data, pdf.name, inspect_pdf(data, pdf.name)))
        pages = store.documents()[0].page_count
        _stale(store)

    def read_only_suggest() -> float:
        with ReviewStore.open(path, read_only=True) as ro:
            return _timed(lambda: suggest(ro, ITEM))[1]

    stale = [read_only_suggest() for _ in range(2)]
    with ReviewStore.open(path, read_only=True) as ro:
        prepared, prepare_s = _timed(lambda: RebuildIndex.prepare(ro))
    with ReviewStore.open(path) as store:
        _, write_s = _timed(lambda: cmd.run(store, prepared))
        passages = store.conn.execute("SELECT count(*) FROM passages").fetchone()[0]
    fresh = [read_only_suggest() for _ in range(2)]
    print(f"{pdf.name}: {pages} pages, {passages} passages")
    print(f"  suggest (stale, read-only)    {min(stale):7.3f} s per request")
    print(f"  prepare (worker)              {prepare_s:7.3f} s once")
    print(f"  write (one transaction)       {write_s:7.3f} s once")
    print(f"  suggest (rebuilt, read-only)  {min(fresh):7.3f} s per request")


def main(argv: list[str]) -> int:
    largest = sorted(DOCS.glob("*.pdf"), key=lambda p: -p.stat().st_size)[:2]
    names = argv or [p.name for p in largest]
    if not names:
        print(f"no corpus documents in {DOCS}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            measure(DOCS / name, Path(tmp))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
