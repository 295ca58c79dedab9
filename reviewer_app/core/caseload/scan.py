"""``caseload scan``: find every ``.review`` under some folders and bring the index up to date.

Incremental: a file whose size, mtime and SQLite change counter (and ``-wal``, if any) are
as indexed is not opened. A file found at a new path whose review id belongs to a row whose
file is gone is a move or a rename: that row follows it. Unreadable folders, symlink loops
and bad files are recorded as problems with their reason and never end the scan.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from reviewer_app.core.caseload.index import CaseloadIndex
from reviewer_app.core.caseload.reader import (
    CaseloadEntry,
    Signature,
    StandardsCache,
    Unreadable,
    read_entry,
    signature,
)
from reviewer_app.core.review.store import now_iso

REVIEW_SUFFIX = ".review"

# progress(done, total, path): called as files are checked; return False to stop early
Progress = Callable[[int, int, str], bool | None]


@dataclass
class ScanReport:
    found: int = 0
    read: int = 0  # opened and (re)indexed
    unchanged: int = 0
    moved: int = 0
    removed: int = 0
    problems: list[tuple[str, str]] = field(default_factory=list)
    stopped: bool = False

    def summary(self) -> str:
        text = (f"{self.found} review files: {self.read} read, {self.unchanged} unchanged, "
                f"{self.moved} moved, {self.removed} gone from the index; "
                f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''}")
        return text + (" (stopped early)" if self.stopped else "")


@dataclass(frozen=True)
class Found:
    path: str
    stat: os.stat_result
    has_wal: bool


def walk(root: str, problems: list[tuple[str, str]]) -> list[Found]:
    """Review files under ``root`` (following links once: a loop is reported, not followed)."""
    found: list[Found] = []
    seen_dirs: set[tuple[int, int]] = set()
    try:
        st = os.stat(root)
    except OSError as exc:
        problems.append((root, f"folder cannot be read ({exc.strerror or exc})"))
        return found
    if not os.path.isdir(root):
        problems.append((root, "not a folder"))
        return found
    stack = [(root, (st.st_dev, st.st_ino))]
    while stack:
        folder, key = stack.pop()
        if key in seen_dirs:
            problems.append((folder, "a link back into a folder already scanned "
                                     "(symlink loop); skipped"))
            continue
        seen_dirs.add(key)
        try:
            with os.scandir(folder) as it:
                items = list(it)
        except OSError as exc:
            problems.append((folder, f"folder cannot be read ({exc.strerror or exc})"))
            continue
        names = {e.name for e in items}
        for e in items:
            try:
                if e.is_dir():
                    dst = e.stat()
                    stack.append((e.path, (dst.st_dev, dst.st_ino)))
                elif e.name.endswith(REVIEW_SUFFIX) and not e.name.startswith("."):
                    found.append(Found(e.path, e.stat(), e.name + "-wal" in names))
            except FileNotFoundError:
                if e.is_symlink():
                    problems.append((e.path, "a link to something that does not exist"))
            except OSError as exc:
                problems.append((e.path, f"cannot be read ({exc.strerror or exc})"))
    return found


def under(path: str, roots: list[str]) -> bool:
    """Whether ``path`` is one of ``roots`` or inside one."""
    return any(path == r or path.startswith(r.rstrip(os.sep) + os.sep) for r in roots)


def scan(index: CaseloadIndex, folders: list[str | Path], progress: Progress | None = None
         ) -> ScanReport:
    """Bring ``index`` up to date with the review files under ``folders``."""
    roots = [os.path.abspath(os.path.expanduser(str(f))) for f in folders]
    report = ScanReport()
    files: list[Found] = []
    for root in roots:
        files.extend(walk(root, report.problems))
    files = list({f.path: f for f in files}.values())  # nested roots list a file once
    report.found = len(files)
    known = index.signatures()
    cache = StandardsCache()
    changed: list[tuple[CaseloadEntry, Signature]] = []
    for n, f in enumerate(files, 1):
        if progress and progress(n, len(files), f.path) is False:
            report.stopped = True
            break
        old = known.get(f.path)
        try:
            if old is not None and old[1] == signature(Path(f.path), f.stat, f.has_wal):
                report.unchanged += 1
                continue
            changed.append(read_entry(Path(f.path), cache, f.has_wal))
            report.read += 1
        except Unreadable as exc:
            report.problems.append((f.path, str(exc)))
    found_paths = {f.path for f in files}
    problem_paths = {p for p, _ in report.problems}
    now = now_iso()
    with index.transaction():
        # rows whose file is gone; a new path with the same review id takes the row over
        gone = {p: v for p, v in known.items()
                if (p not in found_paths or p in problem_paths) and not os.path.exists(p)}
        gone_by_uuid: dict[str, list[str]] = {}
        for p, (_rid, _sig, uuid) in gone.items():
            gone_by_uuid.setdefault(uuid, []).append(p)
        for entry, sig in changed:
            row_id = known[entry.path][0] if entry.path in known else None
            if row_id is None and gone_by_uuid.get(entry.review_uuid):
                old_path = gone_by_uuid[entry.review_uuid].pop()
                row_id = gone.pop(old_path)[0]
                report.moved += 1
            index.put(entry, sig, now, row_id)
        if not report.stopped:
            # a file that is now unreadable (locked, damaged) keeps its last row beside
            # its problem; only files that are gone leave the index
            stale = [p for p in gone if under(p, roots)]
            index.drop_paths(stale)
            report.removed = len(stale)
            index.set_problems(roots, report.problems, now)
            for root in roots:
                index.mark_root(root, now)
    return report
