"""Checking a packet folder against its manifest: intact, altered, missing or unexpected."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.packet.manifest import FORMAT, MANIFEST, seal_of, serialize, sha256_file

INTACT, ALTERED, MISSING, UNEXPECTED = "intact", "altered", "missing", "unexpected"


@dataclass(frozen=True)
class FileCheck:
    path: str
    status: str
    detail: str = ""


@dataclass
class VerifyReport:
    folder: Path
    packet_id: str = ""
    files: list[FileCheck] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    review: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems and all(f.status == INTACT for f in self.files)

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)


def verify_packet(folder: Path) -> VerifyReport:
    """Check every file of the packet in ``folder``; never raises for a damaged packet."""
    folder = Path(folder)
    if not folder.is_dir():
        raise ReviewError(f"{folder}: no such packet folder.")
    report = VerifyReport(folder)
    path = folder / MANIFEST
    if not path.exists():
        report.problems.append(f"{MANIFEST} is missing: the packet cannot be verified.")
        report.files.append(FileCheck(MANIFEST, MISSING))
        return report
    raw = path.read_bytes()
    try:
        body = json.loads(raw.decode("utf-8"))
        listed = {f["path"]: f for f in body["files"]}
        if body.get("format") != FORMAT:
            raise ValueError("not a reviewer_app packet manifest")
    except (UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
        report.problems.append(f"{MANIFEST} is damaged and cannot be read ({exc}).")
        report.files.append(FileCheck(MANIFEST, ALTERED, "unreadable"))
        return report
    report.packet_id = str(body.get("packet_id", ""))
    report.review = body.get("review") or {}
    sealed = body.get("seal") == seal_of(body) and serialize(body) == raw
    report.files.append(FileCheck(MANIFEST, INTACT if sealed else ALTERED,
                                  "" if sealed else "the manifest was edited after export"))
    for rel, entry in sorted(listed.items()):
        target = folder / rel
        if not target.is_file():
            report.files.append(FileCheck(rel, MISSING))
            continue
        actual = sha256_file(target)
        if actual == entry.get("sha256"):
            report.files.append(FileCheck(rel, INTACT))
        else:
            report.files.append(FileCheck(rel, ALTERED, f"sha256 {actual[:16]}…, expected "
                                                        f"{str(entry.get('sha256'))[:16]}…"))
    for extra in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = extra.relative_to(folder).as_posix()
        if rel != MANIFEST and rel not in listed:
            report.files.append(FileCheck(rel, UNEXPECTED, "not part of the exported packet"))
    return report
