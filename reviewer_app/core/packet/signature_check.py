"""Is the packet what the office signed? The manifest's hashes (``verify``), the manifest's
detached signature (``manifest.sig``), the PDF signature of packet.pdf (pyHanko), and the
packet's files against the hashes packet.pdf itself prints (``printed_files``).

Without a certificate the signatures are checked for integrity and the signer is named,
but anyone can make a key with any name: ``cert`` (the office's ``.crt``) makes the check
that the signer is that certificate, or is issued under it.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509

from reviewer_app.core.packet.keys import common_name, fingerprint
from reviewer_app.core.packet.manifest import MANIFEST, MANIFEST_SIG
from reviewer_app.core.packet.printed_files import check_printed
from reviewer_app.core.packet.verify import (
    INTACT,
    VerifyReport,
    _not_inside,
    _read_bounded,
    verify_packet,
)

SIGNED, UNSIGNED, FAILED = "signed", "unsigned", "failed"
# pyHanko logs a traceback for every certificate it cannot trust; the verdict says it once
for _name in ("pyhanko", "pyhanko_certvalidator"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
MAX_SIG = 1 << 20  # bytes; a detached signature is a few kilobytes


@dataclass
class PacketVerdict:
    report: VerifyReport
    signer: str = ""  # common name of the certificate that signed (both signatures)
    fingerprint: str = ""  # its SHA-256
    signed_at: str = ""  # the time the PDF signature claims (not a trusted timestamp)
    trusted: bool | None = None  # None: no certificate was given to check the signer
    has_signature: bool = False
    checks: list[str] = field(default_factory=list)  # what was checked and held
    failures: list[str] = field(default_factory=list)  # named reasons it is not good

    @property
    def status(self) -> str:
        if self.failures or not self.report.ok:
            return FAILED
        return SIGNED if self.has_signature else UNSIGNED


def check_packet(folder: Path, cert: x509.Certificate | None = None) -> PacketVerdict:
    """Every check of a packet folder; never raises for a damaged or forged packet."""
    from reviewer_app.core.packet.signing import require_pyhanko

    require_pyhanko()
    report = verify_packet(folder)
    verdict = PacketVerdict(report)
    folder = report.folder
    manifest_file = next((f for f in report.files if f.path == MANIFEST), None)
    if manifest_file is None or report.problems and not report.packet_id:
        return verdict  # no manifest to go by: verify's problems say why
    for f in report.files:
        if f.status != INTACT:
            verdict.failures.append(_file_failure(f.path, f.status, f.detail))
    # only files verify read safely (inside the folder, no links) are read again here
    intact = [f.path for f in report.files if f.path != MANIFEST and f.status == INTACT]
    known = {f.path for f in report.files if f.path != MANIFEST and f.status != "unexpected"}
    printed = check_printed(folder, intact, known)
    verdict.failures += printed.problems
    if printed.checked and not printed.problems:
        named = [p for p in printed.checked if "/" not in p]
        others = len(printed.checked) - len(named)
        what = ", ".join(named + ([f"{others} annotated PDF(s)"] if others else []))
        verdict.checks.append(f"{what}: the SHA-256 packet.pdf prints")
    _check_signatures(folder, verdict, cert)
    return verdict


def _file_failure(path: str, status: str, detail: str) -> str:
    if path == MANIFEST and status != INTACT:
        return "manifest.json was edited after export (its seal does not match)."
    return f"{path} is {status}" + (f" ({detail})." if detail else ".")


def _check_signatures(folder: Path, verdict: PacketVerdict,
                      cert: x509.Certificate | None) -> None:
    sig_bytes, problem = _read_signature(folder)
    manifest_claim = _manifest_claims_signature(verdict.report)
    pdf_sigs, pdf_problem = _pdf_signatures(folder)
    if problem:
        verdict.failures.append(problem)
    if pdf_problem:
        verdict.failures.append(pdf_problem)
    verdict.has_signature = bool(sig_bytes or pdf_sigs or manifest_claim)
    if not verdict.has_signature:
        if cert is not None:
            verdict.failures.append(f"the packet is not signed, but --cert asks for a "
                                    f"signature by {common_name(cert)}.")
        return
    if not sig_bytes and not problem:
        said = "the manifest says" if manifest_claim else "packet.pdf shows"
        verdict.failures.append(f"{MANIFEST_SIG} is missing: {said} the packet was signed "
                                "(the signature was removed).")
    if not pdf_sigs and not pdf_problem:
        verdict.failures.append("packet.pdf carries no signature, but the packet was signed "
                                "(the signature was removed).")
    context = _context(cert)
    verdict.trusted = None if cert is None else True
    signers: list[x509.Certificate] = []
    if sig_bytes:
        signers += _check_manifest_signature(folder, sig_bytes, context, verdict)
    for sig in pdf_sigs:
        signers += _check_pdf_signature(sig, context, verdict, last=sig is pdf_sigs[-1])
    if signers:
        first = signers[0]
        verdict.signer, verdict.fingerprint = common_name(first), fingerprint(first)
        if any(s != first for s in signers[1:]):
            verdict.failures.append("packet.pdf and manifest.json were signed with different "
                                    "certificates.")


def _read_signature(folder: Path) -> tuple[bytes, str]:
    """manifest.sig's bytes ("" when absent), or why it cannot be read."""
    why = _not_inside(folder, MANIFEST_SIG)
    if why == "missing":
        return b"", ""
    if why:
        return b"", f"{MANIFEST_SIG} is {why}; the signature cannot be read."
    try:
        return _read_bounded(folder / MANIFEST_SIG, MAX_SIG), ""
    except OSError as exc:
        return b"", f"{MANIFEST_SIG} cannot be read ({exc.strerror})."


def _manifest_claims_signature(report: VerifyReport) -> bool:
    """Whether the manifest (sealed, so its claim is only as good as the seal) records
    that the packet was signed."""
    return bool(report.signature)


def _context(cert: x509.Certificate | None):
    from asn1crypto import x509 as asn1_x509
    from cryptography.hazmat.primitives.serialization import Encoding
    from pyhanko_certvalidator import ValidationContext

    roots = [] if cert is None else [asn1_x509.Certificate.load(cert.public_bytes(Encoding.DER))]
    return ValidationContext(trust_roots=roots, allow_fetching=False)


def _usage():
    from pyhanko.sign.validation.settings import KeyUsageConstraints

    return KeyUsageConstraints(key_usage={"digital_signature", "non_repudiation"},
                               match_all_key_usages=False)


def _to_crypto(asn1_cert) -> x509.Certificate:
    return x509.load_der_x509_certificate(asn1_cert.dump())


def _trust_failure(what: str, status, signer: x509.Certificate, verdict: PacketVerdict
                   ) -> None:
    """With --cert: the signer must be that certificate or be issued under it."""
    if verdict.trusted is not None and not status.trusted:
        verdict.trusted = False
        verdict.failures.append(
            f"{what} was signed by {common_name(signer)} (certificate SHA-256 "
            f"{fingerprint(signer)[:23]}…), not by the certificate given with --cert.")


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _validity(what: str, status, signer: x509.Certificate, verdict: PacketVerdict) -> None:
    """The certificate is judged at the time the signature says it was made (as PDF
    readers do by default; offline there is no timestamp authority): a signature made
    outside the certificate's validity fails, one whose certificate expired later holds
    and says so."""
    when = status.signer_reported_dt
    start, end = signer.not_valid_before_utc, signer.not_valid_after_utc
    if when is None:
        return
    if not start <= when <= end:
        verdict.failures.append(
            f"{what} was signed on {when:%Y-%m-%d %H:%M} UTC, when the certificate of "
            f"{common_name(signer)} was not valid ({start:%Y-%m-%d} to {end:%Y-%m-%d}).")
    elif _now() > end and what == "packet.pdf":
        verdict.checks.append(f"the certificate expired on {end:%Y-%m-%d}, after the "
                              "signing: it was valid when the packet was signed")


def _check_manifest_signature(folder: Path, data: bytes, context, verdict: PacketVerdict
                              ) -> list[x509.Certificate]:
    from asn1crypto import cms
    from pyhanko.sign.validation.generic_cms import async_validate_detached_cms

    try:
        info = cms.ContentInfo.load(data, strict=True)
        if info["content_type"].native != "signed_data":
            raise ValueError("not CMS signed data")
        signed = info["content"]
        manifest = _read_bounded(folder / MANIFEST, 16 << 20)
        status = asyncio.run(async_validate_detached_cms(
            manifest, signed, signer_validation_context=context,
            key_usage_settings=_usage()))
    except Exception as exc:  # a damaged signature: asn1crypto and pyHanko raise many kinds
        verdict.failures.append(f"{MANIFEST_SIG} is damaged or not a signature "
                                f"({' '.join(str(exc).split())[:100]}).")
        return []
    signer = _to_crypto(status.signing_cert)
    if not (status.intact and status.valid):
        verdict.failures.append("manifest.json's signature does not match it: the manifest "
                                "was changed after signing.")
        return [signer]
    _trust_failure("manifest.json", status, signer, verdict)
    _validity("manifest.json", status, signer, verdict)
    verdict.checks.append(f"manifest.json: signature by {common_name(signer)} valid")
    return [signer]


def _pdf_signatures(folder: Path) -> tuple[list, str]:
    """The embedded signatures of packet.pdf (pyHanko), or why it cannot be read."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    path = folder / "packet.pdf"
    if _not_inside(folder, "packet.pdf"):
        return [], ""  # missing or not a file: the file checks say so
    try:
        data = _read_bounded(path, 512 << 20)
        from io import BytesIO

        reader = PdfFileReader(BytesIO(data), strict=False)
        return list(reader.embedded_signatures), ""
    except Exception as exc:  # pyHanko raises its own errors on a damaged PDF
        return [], (f"packet.pdf cannot be read for its signature "
                    f"({' '.join(str(exc).split())[:100]}).")


def _check_pdf_signature(sig, context, verdict: PacketVerdict, last: bool
                         ) -> list[x509.Certificate]:
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    name = sig.field_name or "signature"
    try:
        status = validate_pdf_signature(sig, context, key_usage_settings=_usage())
    except Exception as exc:  # a damaged signature dictionary or CMS blob
        verdict.failures.append(f"packet.pdf's signature {name} cannot be checked "
                                f"({' '.join(str(exc).split())[:100]}).")
        return []
    signer = _to_crypto(status.signing_cert)
    if not (status.intact and status.valid):
        verdict.failures.append(f"packet.pdf's signature {name} does not match the document: "
                                "packet.pdf was changed after signing.")
        return [signer]
    if last and status.coverage != SignatureCoverageLevel.ENTIRE_FILE:
        verdict.failures.append(f"packet.pdf was changed after it was signed (content was "
                                f"added after signature {name}).")
    _trust_failure("packet.pdf", status, signer, verdict)
    _validity("packet.pdf", status, signer, verdict)
    when = status.signer_reported_dt
    if when is not None:
        verdict.signed_at = when.strftime("%Y-%m-%d %H:%M UTC")
    verdict.checks.append(f"packet.pdf: PDF signature by {common_name(signer)} valid, "
                          "covers the whole file")
    return [signer]
