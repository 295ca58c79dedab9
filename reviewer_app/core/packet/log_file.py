"""The review log in the packet: every entry in a machine-readable file, and a bounded
selection for the appendix of packet.pdf.

A table of tens of thousands of rows makes reportlab's page splitting quadratic (20,000
entries took 81 s), so the appendix shows the first and last entries and says how many it
leaves out; ``review-log.jsonl`` holds them all, one JSON object a line, and is sealed in
the manifest like every other file.
"""

from __future__ import annotations

import json
from dataclasses import asdict

from reviewer_app.core.records import LogEntry

LOG_FILE = "review-log.jsonl"
SHOWN_FIRST = 100
SHOWN_LAST = 400


def log_jsonl(entries: tuple[LogEntry, ...] | list[LogEntry]) -> bytes:
    """Every log entry, in order, one JSON object a line (UTF-8)."""
    lines = [json.dumps(asdict(e), sort_keys=True, ensure_ascii=False, default=str)
             for e in entries]
    return ("\n".join(lines) + "\n").encode("utf-8", "replace") if lines else b""


def shown_entries(entries: tuple[LogEntry, ...] | list[LogEntry],
                  first: int = SHOWN_FIRST, last: int = SHOWN_LAST
                  ) -> tuple[list[LogEntry], int, list[LogEntry]]:
    """(first entries, how many are left out, last entries): all of them when few."""
    entries = list(entries)
    if len(entries) <= first + last:
        return entries, 0, []
    return entries[:first], len(entries) - first - last, entries[-last:]
