"""Where a packet is written: the target folder, file names inside it, and the swap that
puts a finished packet in place.

A packet is assembled in ``.NAME.export-PID-*`` beside the target and swapped in at the
end. The target may be ``.``, a symbolic link (the packet goes where it points), or an
earlier packet; an earlier packet that was changed after export (a signed packet.pdf) is
replaced only with ``force``. Exports killed midway leave their temporary folder, and a
kill between the two renames of the swap leaves the earlier packet aside as
``.NAME.replaced``: the next export cleans up the first and puts the second back.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import re
import shutil
from pathlib import Path

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.packet.manifest import FORMAT, MANIFEST


class EarlierPacketChanged(ReviewError):
    """The target holds a packet changed after its export: replacing it needs ``force``."""


NAME_BYTES = 120  # bytes of an annotated file's stem, far under the 255 of most systems
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$",
                       re.IGNORECASE)
_RENAME_EXCHANGE = 2


def resolve_target(out_dir: Path) -> Path:
    """The real folder to write: absolute (``.`` names the current folder), and a
    symbolic link replaced by the folder it points to."""
    path = Path(os.path.abspath(out_dir))
    if path.is_symlink() or any(p.is_symlink() for p in path.parents):
        real = Path(os.path.realpath(path))
        if real.exists() and not real.is_dir():
            raise ReviewError(f"{out_dir}: points to {real}, which is not a folder; choose a "
                              "folder for the packet.")
        return real
    return path


def stale_name(out_dir: Path, suffix: str) -> Path:
    return out_dir.with_name(f".{out_dir.name}.{suffix}")


def temp_prefix(out_dir: Path) -> str:
    return f".{out_dir.name}.export-{os.getpid()}-"


def clean_leftovers(out_dir: Path) -> list[str]:
    """Remove temporary folders of exports whose process is gone, and put back an earlier
    packet a killed swap left aside. Returns what was done, in words."""
    done: list[str] = []
    parent = out_dir.parent
    if not parent.is_dir():
        return done
    pattern = re.compile(rf"^\.{re.escape(out_dir.name)}\.export-(\d+)-")
    for entry in parent.iterdir():
        m = pattern.match(entry.name)
        if m and not entry.is_symlink() and entry.is_dir() and not _alive(int(m.group(1))):
            shutil.rmtree(entry, ignore_errors=True)
            done.append(f"removed {entry.name}, left by an interrupted export")
    aside = stale_name(out_dir, "replaced")
    if aside.is_dir() and not aside.is_symlink():
        if not out_dir.exists() and not out_dir.is_symlink():
            aside.rename(out_dir)
            done.append(f"put back the earlier packet an interrupted export left in "
                        f"{aside.name}")
        else:
            shutil.rmtree(aside, ignore_errors=True)
    return done


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # exists, owned by someone else
    return True


def read_earlier_manifest(out_dir: Path) -> dict | None:
    """The manifest of an earlier packet in ``out_dir``, or None when there is none."""
    path = out_dir / MANIFEST
    try:
        if not path.is_file() or path.is_symlink() or path.stat().st_size > 16 << 20:
            return None
        body = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(body, dict) or body.get("format") != FORMAT \
            or not isinstance(body.get("files"), list):
        return None
    return body


def check_target(out_dir: Path, force: bool = False) -> None:
    """Refuse, before any work, a target that would lose someone's files."""
    from reviewer_app.core.packet.verify import INTACT, verify_packet

    if out_dir.exists() and not out_dir.is_dir():
        raise ReviewError(f"{out_dir}: exists and is not a folder; choose a folder for the "
                          "packet.")
    if not out_dir.exists() or not any(out_dir.iterdir()):
        return
    body = read_earlier_manifest(out_dir)
    if body is None:
        raise ReviewError(f"{out_dir}: the folder is not empty and holds no earlier packet; "
                          "choose an empty or new folder (nothing was written).")
    report = verify_packet(out_dir)
    foreign = [f.path for f in report.files if f.status == "unexpected"]
    if foreign:
        raise ReviewError(f"{out_dir}: holds files that are not part of the earlier packet "
                          f"({', '.join(foreign[:3])}); move them or choose another folder "
                          "(nothing was written).")
    changed = [f.path for f in report.files if f.status != INTACT]
    if (changed or report.problems) and not force:
        raise EarlierPacketChanged(f"{out_dir}: the earlier packet was changed after export "
                                   f"({', '.join(changed[:3]) or 'its manifest'}), perhaps "
                                   "signed; replacing it needs --force (nothing was "
                                   "written).")


def move_into_place(tmp: Path, out_dir: Path) -> None:
    """Put the finished packet ``tmp`` at ``out_dir``; an earlier packet there is swapped
    out in one step where the system can (Linux renameat2), so no kill hides both."""
    if not out_dir.exists():
        tmp.rename(out_dir)
        return
    if _exchange(tmp, out_dir):
        shutil.rmtree(tmp, ignore_errors=True)  # now holds the earlier packet
        return
    old = stale_name(out_dir, "replaced")
    if old.exists():
        shutil.rmtree(old)
    out_dir.rename(old)
    try:
        tmp.rename(out_dir)
    except OSError:
        old.rename(out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    at_fdcwd = -100
    result = renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def safe_file_name(stem: str, ext: str, taken: set[str]) -> str:
    """A portable, unique file name: ASCII letters, digits, ``._-``; the stem cut to
    ``NAME_BYTES`` so de-duplication never passes 255 bytes; Windows device names (CON,
    NUL, COM1...) never used bare."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._-") or "document"
    stem = stem[:NAME_BYTES].rstrip("._-") or "document"
    first, dot, rest = stem.partition(".")
    if _RESERVED.match(first):  # "CON.pdf", "aux.x.pdf" are devices on Windows
        stem = f"{first}_{dot}{rest}"
    name, n = f"{stem}{ext}", 2
    while name.lower() in taken:
        name, n = f"{stem}-{n}{ext}", n + 1
    taken.add(name.lower())
    return name
