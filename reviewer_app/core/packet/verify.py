"""Checking a packet folder against its manifest: intact, altered, missing or unexpected.

The manifest may be hostile (a packet arrives from outside): only relative paths inside
the packet folder are read, no symbolic link is followed, only regular files of bounded
size are hashed, and every malformed manifest gives one clear problem, never a traceback.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.packet.manifest import FORMAT, MANIFEST, MANIFEST_SIG, seal_of, serialize
from reviewer_app.core.packet.text_safety import clean

INTACT, ALTERED, MISSING, UNEXPECTED = "intact", "altered", "missing", "unexpected"
MAX_MANIFEST = 16 << 20  # bytes; a real manifest is a few kilobytes
MAX_FILE = 8 << 30  # bytes hashed per listed file
MAX_DEPTH = 64  # JSON nesting a manifest may have


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
    signature: dict = field(default_factory=dict)  # the manifest's record of its signer

    @property
    def ok(self) -> bool:
        return not self.problems and all(f.status == INTACT for f in self.files)

    def count(self, status: str) -> int:
        return sum(1 for f in self.files if f.status == status)


def interrupted_copy(folder: Path) -> Path | None:
    """The earlier packet an export killed between its two renames left aside, if any."""
    aside = folder.with_name(f".{folder.name}.replaced")
    return aside if aside.is_dir() and not aside.is_symlink() else None


def verify_packet(folder: Path) -> VerifyReport:
    """Check every file of the packet in ``folder``; never raises for a damaged packet."""
    folder = Path(os.path.abspath(folder))
    if folder.is_file():
        raise ReviewError(f"{folder}: is a file; give the packet folder (the one holding "
                          f"{MANIFEST}).")
    if not folder.is_dir():
        aside = interrupted_copy(folder)
        if aside is not None:
            raise ReviewError(f"{folder}: no such packet folder; an interrupted export left "
                              f"the earlier packet in {aside.name} (export again, or rename "
                              "it back).")
        raise ReviewError(f"{folder}: no such packet folder.")
    report = VerifyReport(folder)
    body, raw = _read_manifest(folder, report)
    if body is None:
        return report
    report.packet_id = clean(body.get("packet_id", ""))[:80]
    review = body.get("review")
    report.review = review if isinstance(review, dict) else {}
    signature = body.get("signature")
    report.signature = signature if isinstance(signature, dict) else {}
    sealed = body.get("seal") == seal_of(body) and serialize(body) == raw
    report.files.append(FileCheck(MANIFEST, INTACT if sealed else ALTERED,
                                  "" if sealed else "the manifest was edited after export"))
    listed: set[str] = set()
    for n, entry in enumerate(body["files"]):
        check = _check_entry(folder, n, entry, listed)
        report.files.append(check)
    for rel, why in _present_files(folder):
        if rel not in (MANIFEST, MANIFEST_SIG) and rel not in listed:
            report.files.append(FileCheck(clean(rel), UNEXPECTED, why))
    return report


def _read_manifest(folder: Path, report: VerifyReport) -> tuple[dict | None, bytes]:
    path = folder / MANIFEST
    problem = ""
    raw = b""
    try:
        st = path.lstat()
    except FileNotFoundError:
        report.problems.append(f"{MANIFEST} is missing: the packet cannot be verified.")
        report.files.append(FileCheck(MANIFEST, MISSING))
        return None, raw
    except OSError as exc:
        st, problem = None, f"cannot be read ({exc.strerror})"
    if st is not None:
        if stat.S_ISLNK(st.st_mode):
            problem = "is a symbolic link, not the packet's own file"
        elif stat.S_ISDIR(st.st_mode):
            problem = "is a folder, not a file"
        elif not stat.S_ISREG(st.st_mode):
            problem = "is not a regular file"
        elif st.st_size > MAX_MANIFEST:
            problem = f"is too large to be a manifest ({st.st_size:,} bytes)"
    body = None
    if not problem:
        try:
            raw = _read_bounded(path, MAX_MANIFEST)
            body, problem = _parse(raw)
        except OSError as exc:
            problem = f"cannot be read ({exc.strerror})"
    if problem:
        report.problems.append(f"{MANIFEST} is damaged or not a manifest (it {problem}): "
                               "the packet cannot be verified.")
        report.files.append(FileCheck(MANIFEST, ALTERED, "unreadable"))
        return None, raw
    return body, raw


def _parse(raw: bytes) -> tuple[dict | None, str]:
    """The manifest's body, or why it is not one."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, "is not UTF-8 text"
    if _depth(text) > MAX_DEPTH:
        return None, f"is nested more than {MAX_DEPTH} levels deep"
    try:
        body = json.loads(text)
    except (ValueError, RecursionError) as exc:
        return None, f"is not valid JSON ({str(exc)[:80]})"
    if not isinstance(body, dict):
        return None, "is not a JSON object"
    if body.get("format") != FORMAT:
        return None, "is not a reviewer_app packet manifest"
    if not isinstance(body.get("files"), list):
        return None, "has no list of files"
    return body, ""


def _depth(text: str) -> int:
    """Deepest nesting of brackets outside strings (before parsing, so no recursion)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _check_entry(folder: Path, n: int, entry: object, listed: set[str]) -> FileCheck:
    if not isinstance(entry, dict):
        return FileCheck(f"files[{n}]", ALTERED, "the manifest entry is not an object")
    rel = entry.get("path")
    if not isinstance(rel, str) or not rel:
        return FileCheck(f"files[{n}]", ALTERED, f"the path is not text ({type(rel).__name__})")
    shown = clean(rel)[:200]  # printed to a terminal: no escape sequences
    why = unsafe_path(rel)
    if why:
        return FileCheck(shown, ALTERED, f"{why}; not read")
    if rel in listed:
        return FileCheck(shown, ALTERED, "listed twice in the manifest")
    listed.add(rel)
    target = folder / rel
    why = _not_inside(folder, rel)
    if why == "missing":
        return FileCheck(shown, MISSING)
    if why:
        return FileCheck(shown, ALTERED, f"{why}; not read")
    try:
        actual = _sha256_bounded(target, MAX_FILE)
    except OSError as exc:
        return FileCheck(shown, ALTERED, f"cannot be read ({exc.strerror})")
    expected = entry.get("sha256")
    if actual == expected:
        return FileCheck(shown, INTACT)
    return FileCheck(shown, ALTERED, f"sha256 {actual[:16]}…, expected {str(expected)[:16]}…")


def unsafe_path(rel: str) -> str:
    """Why a manifest path may not be read ("" when it is a plain relative path)."""
    if "\x00" in rel or "\\" in rel:
        return "the path holds a NUL or a backslash"
    p = PurePosixPath(rel)
    if p.is_absolute() or rel.startswith("~") or (len(rel) > 1 and rel[1] == ":"):
        return "the path is not relative to the packet folder"
    if any(part in ("..", ".", "") for part in rel.split("/")):
        return "the path leaves the packet folder or is not in plain form"
    if len(rel.encode("utf-8", "replace")) > 4096:
        return "the path is too long"
    return ""


def _not_inside(folder: Path, rel: str) -> str:
    """"" when every component of ``rel`` under ``folder`` is a real (not linked) folder
    and the last a regular file; "missing" when it does not exist; else why not."""
    current = folder
    parts = rel.split("/")
    for n, part in enumerate(parts):
        current = current / part
        try:
            st = current.lstat()
        except FileNotFoundError:
            return "missing"
        except OSError as exc:
            return f"cannot be read ({exc.strerror})"
        if stat.S_ISLNK(st.st_mode):
            return "a symbolic link (not followed out of the packet)"
        last = n == len(parts) - 1
        if not last and not stat.S_ISDIR(st.st_mode):
            return "missing"
        if last and not stat.S_ISREG(st.st_mode):
            return "not a regular file"
    return ""


def _read_bounded(path: Path, limit: int) -> bytes:
    chunks: list[bytes] = []
    _stream(path, limit, chunks.append)
    return b"".join(chunks)


def _sha256_bounded(path: Path, limit: int) -> str:
    h = hashlib.sha256()
    _stream(path, limit, h.update)
    return h.hexdigest()


def _stream(path: Path, limit: int, sink: Callable[[bytes], object]) -> None:
    """Feed the file's bytes to ``sink``, refusing more than ``limit``; never opens a FIFO
    or a device, never follows a symbolic link."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(0, "not a regular file")
        total = 0
        while chunk := os.read(fd, 1 << 20):
            total += len(chunk)
            if total > limit:
                raise OSError(0, f"larger than {limit:,} bytes")
            sink(chunk)
    finally:
        os.close(fd)


def _present_files(folder: Path) -> list[tuple[str, str]]:
    """Files and links in the packet folder (links reported, never followed)."""
    out: list[tuple[str, str]] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        base = Path(root)
        for name in sorted(files) + sorted(d for d in dirs if (base / d).is_symlink()):
            rel = (base / name).relative_to(folder).as_posix()
            link = (base / name).is_symlink()
            out.append((rel, "a symbolic link, not followed" if link
                        else "not part of the exported packet"))
    return sorted(out)
