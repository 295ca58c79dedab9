"""Scale of the log (issue 15): the log appendix of packet.pdf is bounded (first and last
entries, with a count of the rest), and every entry is in review-log.jsonl."""

from __future__ import annotations

import json

import pymupdf

from reviewer_app.core.packet import export_packet, verify_packet
from reviewer_app.core.packet.log_file import LOG_FILE, SHOWN_FIRST, SHOWN_LAST


def add_log_entries(store, n: int) -> None:
    """``n`` log rows as a long-lived review collects them (the log is append-only)."""
    rows = [("2025-01-01T00:00:00Z", "Tess Tester", "edit_review", f"bulk entry {i:06d}",
             json.dumps({"changes": {"notes": f"note {i}"}})) for i in range(n)]
    with store.conn:
        store.conn.executemany("INSERT INTO log (at, actor, action, summary, payload) "
                               "VALUES (?, ?, ?, ?, ?)", rows)


def test_a_long_log_is_summarised_in_the_pdf_and_whole_in_the_file(full_review, tmp_path):
    before = len(full_review.log_entries())
    n = SHOWN_FIRST + SHOWN_LAST + 700
    add_log_entries(full_review, n)
    result = export_packet(full_review, tmp_path / "packet")
    with pymupdf.open(result.packet_pdf) as doc:
        text = " ".join(p.get_text() for p in doc)
    printed = text.count("bulk entry ")
    assert printed <= SHOWN_FIRST + SHOWN_LAST
    total = before + n
    assert f"further entries are not printed here; all {total:,} are in {LOG_FILE}" in \
        " ".join(text.split())
    assert f"bulk entry {n - 1:06d}" in text  # the latest entries are printed
    lines = (result.folder / LOG_FILE).read_text(encoding="utf-8").splitlines()
    assert len(lines) == total
    assert json.loads(lines[-1])["summary"] == f"bulk entry {n - 1:06d}"
    assert LOG_FILE in result.files and verify_packet(result.folder).ok


def test_a_short_log_is_printed_whole(shared_review, full_packet):
    with pymupdf.open(full_packet.packet_pdf) as doc:
        text = " ".join(" ".join(p.get_text() for p in doc).split())
    assert "further entries are not printed" not in text
    lines = (full_packet.folder / LOG_FILE).read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(shared_review.log_entries())
