"""manifest.json: every file of a packet with its SHA-256, and the review it came from.

The manifest is written in one canonical form (sorted keys, two-space indent) and carries
a ``seal``, the SHA-256 of its own content without the seal, so that a change to the
manifest itself is detected as well as a change to any file it lists. (The seal proves
the packet is unchanged since export, not who exported it: a signed packet adds
``manifest.sig``, made after the manifest, and the manifest's ``signature`` entry names the
signer, so removing the signature shows.)
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

FORMAT = "reviewer_app.packet"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
MANIFEST_SIG = "manifest.sig"  # the detached signature of a signed packet's manifest


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def seal_of(body: dict) -> str:
    canonical = json.dumps({k: v for k, v in body.items() if k != "seal"}, sort_keys=True,
                           ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def serialize(body: dict) -> bytes:
    return (json.dumps(body, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode()


def build_manifest(folder: Path, packet_id: str, generator: str, review: dict,
                   signature: dict | None = None) -> dict:
    """The manifest of every file under ``folder`` (except the manifest and its
    signature); ``signature`` names the signer of a packet about to be signed."""
    files = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if rel in (MANIFEST, MANIFEST_SIG):
            continue
        files.append({"path": rel, "sha256": sha256_file(path), "bytes": path.stat().st_size})
    body = {"format": FORMAT, "format_version": FORMAT_VERSION, "packet_id": packet_id,
            "generator": generator, "review": review, "files": files}
    if signature:
        body["signature"] = signature
    body["seal"] = seal_of(body)
    return body


def write_manifest(folder: Path, body: dict) -> Path:
    path = folder / MANIFEST
    path.write_bytes(serialize(body))
    return path
