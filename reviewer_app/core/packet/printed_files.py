"""What packet.pdf itself says about the packet's other files: Appendix B prints each
file (annotated policies, findings.json, the log) with its SHA-256.

The manifest can be rewritten by anyone (its seal has no key); packet.pdf, once signed,
cannot. Comparing the files with the hashes the report prints therefore ties
findings.json to the signed report: a findings.json edited after export no longer has
the SHA-256 packet.pdf gives for it, however the manifest was recomputed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

HEADING = "Appendix B"
END = "Review content SHA-256"
HEX64 = re.compile(r"^[0-9a-f]{64}$")
MAX_PDF = 512 << 20  # bytes of packet.pdf read for its text


@dataclass
class PrintedCheck:
    """Each file packet.pdf lists, compared with the file in the folder."""

    printed: dict[str, str] = field(default_factory=dict)  # path -> sha256 printed
    problems: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)  # paths that agree


def printed_hashes(pdf_path: Path, known: set[str]) -> tuple[dict[str, str], list[str]]:
    """(path -> SHA-256 as Appendix B prints it, hashes printed beside no ``known`` path:
    a long file name wrapped over two lines, or a file the folder does not have)."""
    from reviewer_app.core.pdf.mupdf import mupdf

    pymupdf = mupdf()
    with pymupdf.open(pdf_path) as doc:
        start = next((page - 1 for _, title, page, *_ in doc.get_toc(simple=False)
                      if str(title).startswith(HEADING)), None)
        if start is None or not 0 <= start < doc.page_count:
            return {}, []
        lines: list[str] = []
        for index in range(start, doc.page_count):
            lines += [line.strip() for line in doc[index].get_text().splitlines()]
            if any(line.startswith(END) for line in lines):
                break
    begin = next((i for i, line in enumerate(lines) if line.startswith(HEADING)), 0)
    printed: dict[str, str] = {}
    loose: list[str] = []
    since: list[str] = []  # the lines since the last hash: the row's path and description
    for line in lines[begin + 1:]:
        if line.startswith(END):
            break
        if HEX64.match(line):
            path = next((x for x in since if x in known), None)
            if path is not None and path not in printed:
                printed[path] = line
            else:
                loose.append(line)
            since = []
        else:
            since.append(line)
    return printed, loose


def check_printed(folder: Path, listed: list[str], known: set[str] | None = None
                  ) -> PrintedCheck:
    """Compare every file ``listed`` (the manifest's files that verify found intact, but
    packet.pdf) with the SHA-256 packet.pdf prints for it; ``known`` are all the paths the
    manifest lists (those not intact already fail, so their printed rows are passed over)."""
    known = set(listed) | (known or set())
    result = PrintedCheck()
    pdf = folder / "packet.pdf"
    try:
        if not pdf.is_file() or pdf.is_symlink() or pdf.stat().st_size > MAX_PDF:
            result.problems.append("packet.pdf cannot be read to compare the files it lists.")
            return result
        printed, loose = printed_hashes(pdf, known)
    except Exception as exc:  # MuPDF raises its own errors on a damaged file
        result.problems.append(f"packet.pdf cannot be read to compare the files it lists "
                               f"({' '.join(str(exc).split())[:100]}).")
        return result
    result.printed = printed
    if not printed and not loose:
        result.problems.append("packet.pdf lists no files with their SHA-256 (Appendix B); "
                               "it is not the report of this packet.")
        return result
    for rel in listed:
        if rel == "packet.pdf":
            continue
        actual = _sha256(folder / rel)
        expected = printed.get(rel)
        if expected is None and actual in loose:
            expected = actual
            loose.remove(actual)
        if expected is None:
            result.problems.append(f"{rel} is not among the files packet.pdf lists.")
        elif actual != expected:
            what = "findings.json (the findings)" if rel == "findings.json" else rel
            result.problems.append(
                f"{what} is not the file packet.pdf lists: packet.pdf prints SHA-256 "
                f"{expected[:16]}…, the file has {(actual or 'none')[:16]}…")
        else:
            result.checked.append(rel)
    for sha in loose:
        result.problems.append(f"packet.pdf lists a file with SHA-256 {sha[:16]}… that is "
                               "not in the packet.")
    return result


def _sha256(path: Path) -> str:
    """The file's SHA-256 (no link followed, bounded), "" when it cannot be read."""
    from reviewer_app.core.packet.verify import MAX_FILE, _sha256_bounded

    try:
        return _sha256_bounded(path, MAX_FILE)
    except OSError:
        return ""
