"""Time export_packet against the length of the review log (issue 15: 20,000 entries took
81 s, 81,000 more than 8.5 minutes, because every entry was a row of one long table).

Run ``python benchmarks/log_scale.py [--sizes 2000,20000,81000]``; prints one line per
size: entries, seconds, pages of packet.pdf, and seconds per 1,000 entries (flat when the
export is linear). The review is the packet tests' generated review plus bulk log rows.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="2000,20000,81000")
    args = ap.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
    from packet.builders import build_review  # the tests' generated review

    from reviewer_app.core.packet import export_packet

    print(f"{'entries':>8} {'seconds':>8} {'pages':>6} {'s/1000':>7}")
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory() as tmp:
            store = build_review(Path(tmp) / "r.review", complete=True)
            try:
                rows = [("2025-01-01T00:00:00Z", "Tess Tester", "edit_review",
                         f"bulk entry {i}", json.dumps({"changes": {"notes": str(i)}}))
                        for i in range(size - len(store.log_entries()))]
                with store.conn:
                    store.conn.executemany("INSERT INTO log (at, actor, action, summary, "
                                           "payload) VALUES (?, ?, ?, ?, ?)", rows)
                start = time.perf_counter()
                result = export_packet(store, Path(tmp) / "packet")
                took = time.perf_counter() - start
            finally:
                store.close()
        print(f"{size:>8} {took:>8.2f} {result.pages:>6} {took / size * 1000:>7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
