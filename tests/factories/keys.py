"""Office keys for the signed-packet tests, made with the app's own ``keys`` module, and the
forgery the issue describes: findings.json edited, the manifest's hashes and unkeyed seal
recomputed exactly as an attacker with the packet (and this source) would."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from reviewer_app.core.packet.keys import OfficeKey, load_office_key, new_office_key

from .ci import in_ci

PASSPHRASE = "correct horse battery staple"


def make_office_key(folder: Path, name: str = "Lake County Certification Office",
                    **kwargs) -> tuple[OfficeKey, Path, Path]:
    """(the loaded key, its .p12, its .crt)."""
    folder.mkdir(parents=True, exist_ok=True)
    p12, crt = new_office_key(folder / "office.p12", name, PASSPHRASE, **kwargs)
    return load_office_key(p12, PASSPHRASE), p12, crt


def forge_findings(packet: Path) -> None:
    """Turn the first satisfied finding into not-satisfied, then recompute every hash in
    manifest.json and its seal (SHA-256 of the canonical body, no key)."""
    findings = packet / "findings.json"
    text = findings.read_text(encoding="utf-8")
    assert '"satisfied"' in text
    findings.write_text(text.replace('"satisfied"', '"not-satisfied"', 1), encoding="utf-8")
    rehash_manifest(packet)


def rehash_manifest(packet: Path) -> None:
    """Recompute every hash in manifest.json and its unkeyed seal, as a forger would."""
    manifest = json.loads((packet / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        data = (packet / entry["path"]).read_bytes()
        entry["sha256"], entry["bytes"] = hashlib.sha256(data).hexdigest(), len(data)
    body = {k: v for k, v in manifest.items() if k != "seal"}
    manifest["seal"] = hashlib.sha256(json.dumps(
        body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()).hexdigest()
    (packet / "manifest.json").write_bytes(
        (json.dumps(manifest, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode())


def pdfsig(pdf: Path) -> str:
    """poppler's pdfsig report of a PDF's signatures (an independent validator); skips
    without it, except in CI (.ci/run installs poppler-utils)."""
    exe = shutil.which("pdfsig")
    if exe is None:
        if in_ci():
            pytest.fail("pdfsig (Debian poppler-utils) is missing in CI; .ci/run installs it")
        pytest.skip("pdfsig (poppler-utils) is not installed")
    run = subprocess.run([exe, str(pdf)], capture_output=True, text=True, timeout=60)
    return run.stdout + run.stderr
