"""The self-test's signing step: a throwaway office key, a signed packet, its check, and a
forged copy that must fail. Proves pyHanko and the key code work in this installation
(a frozen build included), offline. Kept apart from ``selftest`` for its size."""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path


def sign_and_verify(review_path: Path, workdir: Path) -> str:
    """A line for the self-test's report; raises ``RuntimeError`` naming what failed."""
    from reviewer_app.core.packet import export_packet
    from reviewer_app.core.packet.keys import load_office_key, new_office_key
    from reviewer_app.core.packet.signature_check import FAILED, SIGNED, check_packet
    from reviewer_app.core.review.store import ReviewStore

    passphrase = secrets.token_urlsafe(16)
    p12, _ = new_office_key(workdir / "selftest-office.p12", "Self-test office", passphrase,
                            days=1)
    key = load_office_key(p12, passphrase)
    with ReviewStore.open(review_path, read_only=True) as store:
        folder = export_packet(store, workdir / "packet-signed", key=key).folder
    verdict = check_packet(folder, key.cert)
    if verdict.status != SIGNED:
        raise RuntimeError("the signed packet does not verify: "
                           + "; ".join(verdict.failures[:2] or verdict.report.problems[:2]))
    forged = workdir / "packet-signed-forged"
    shutil.copytree(folder, forged)
    findings = forged / "findings.json"
    findings.write_bytes(findings.read_bytes().replace(b'"', b"'", 1))
    if check_packet(forged, key.cert).status != FAILED:
        raise RuntimeError("a signed packet with a changed findings.json was accepted")
    return (f"packet.pdf and manifest signed by {verdict.signer}, verified; a changed "
            "findings.json is refused")
