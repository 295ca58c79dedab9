"""Signed packets (issue 12): packet.pdf carries a PAdES signature a reader shows, the
manifest a detached signature with the same key; verify holds them, the files packet.pdf
prints, and --cert, and fails a forged packet by name."""

from __future__ import annotations

import hashlib
import json

import pymupdf
import pytest

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.packet import export_packet
from reviewer_app.core.packet.keys import KeyFileError, OfficeKey, load_office_key
from reviewer_app.core.packet.signature_check import FAILED, SIGNED, UNSIGNED, check_packet
from tests.factories.keys import (
    PASSPHRASE,
    forge_findings,
    make_office_key,
    pdfsig,
    rehash_manifest,
)


def flip(path, offset: int | None = None) -> None:
    data = bytearray(path.read_bytes())
    data[len(data) // 3 if offset is None else offset] ^= 0x01
    path.write_bytes(bytes(data))


def test_signed_packet_verifies(signed_packet, office):
    key, _, _ = office
    folder = signed_packet.folder
    assert signed_packet.signed_by == key.name
    assert (folder / "manifest.sig").is_file()
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    # the manifest lists the SIGNED pdf, and the signer by name
    assert listed["packet.pdf"] == hashlib.sha256(
        (folder / "packet.pdf").read_bytes()).hexdigest()
    assert manifest["signature"]["signer"] == key.name
    verdict = check_packet(folder)
    assert verdict.status == SIGNED, verdict.failures
    assert verdict.signer == key.name and verdict.trusted is None
    trusted = check_packet(folder, key.cert)
    assert trusted.status == SIGNED and trusted.trusted is True, trusted.failures
    assert any("findings.json" in c for c in trusted.checks)


def test_the_pdf_signature_is_pades_with_reason_and_a_visible_stamp(signed_packet, office):
    from pyhanko.pdf_utils.reader import PdfFileReader

    with (signed_packet.folder / "packet.pdf").open("rb") as fh:
        sigs = PdfFileReader(fh).embedded_signatures
        assert len(sigs) == 1
        d = sigs[0].sig_object
        assert d["/SubFilter"] == "/ETSI.CAdES.detached"
        # shared_review is not signed off (issue 12): the assessor's recommendation
        assert d["/Reason"] == "Assessor's recommendation, not yet signed off"
        assert d["/Name"] == office[0].name
    with pymupdf.open(signed_packet.folder / "packet.pdf") as doc:
        widgets = [(page.number, w.rect) for page in doc for w in page.widgets()
                   if w.field_type == pymupdf.PDF_WIDGET_TYPE_SIGNATURE]
        assert len(widgets) == 1
        page, rect = widgets[0]
        assert page == 0 and rect.width > 100 and rect.height > 30  # visible, on the cover
        inside = [b[4] for b in doc[0].get_text("blocks") if rect.intersects(pymupdf.Rect(b[:4]))]
        # the stamp shows the signer and covers none of the cover's own text
        assert len(inside) == 1 and inside[0].startswith(
            "Digitally signed by Lake County Certification Office\nAssessor's recommendation")


def test_poppler_pdfsig_sees_a_valid_signature(signed_packet, signed_copy):
    report = pdfsig(signed_packet.folder / "packet.pdf")
    assert "Signature is Valid" in report, report
    assert "Total document signed" in report
    assert "Lake County Certification Office" in report
    flip(signed_copy / "packet.pdf", 2000)
    assert "Signature is Valid" not in pdfsig(signed_copy / "packet.pdf")


def test_one_changed_byte_in_the_signed_pdf_fails(signed_copy):
    flip(signed_copy / "packet.pdf")
    verdict = check_packet(signed_copy)
    assert verdict.status == FAILED
    assert any(f.startswith("packet.pdf is altered") for f in verdict.failures)


def test_one_changed_byte_with_the_manifest_rehashed_still_fails(signed_copy):
    """Even with the manifest's hash and seal recomputed, the PDF signature catches it."""
    flip(signed_copy / "packet.pdf", 2000)
    forge_findings(signed_copy)
    verdict = check_packet(signed_copy)
    assert verdict.status == FAILED
    assert any("packet.pdf was changed after signing" in f for f in verdict.failures), \
        verdict.failures


def test_forged_findings_with_recomputed_hashes_and_seal_fail(signed_copy, office):
    forge_findings(signed_copy)
    verdict = check_packet(signed_copy, office[0].cert)
    assert verdict.report.ok  # the unkeyed manifest alone is fooled, as the issue says
    assert verdict.status == FAILED
    assert any("manifest.json's signature does not match" in f for f in verdict.failures)
    assert any(f.startswith("findings.json (the findings) is not the file packet.pdf lists")
               for f in verdict.failures)


def test_forged_unsigned_packet_fails_on_what_packet_pdf_prints(packet_copy):
    forge_findings(packet_copy)
    verdict = check_packet(packet_copy)
    assert verdict.report.ok
    assert verdict.status == FAILED
    assert any("findings.json" in f for f in verdict.failures)


def test_removed_signature_fails(signed_copy, office):
    (signed_copy / "manifest.sig").unlink()
    verdict = check_packet(signed_copy)
    assert verdict.status == FAILED
    assert any("signature was removed" in f for f in verdict.failures)


def test_another_key_fails_with_cert(shared_review, office, tmp_path):
    other, _, _ = make_office_key(tmp_path / "other", "Lake County Certification Office")
    folder = export_packet(shared_review, tmp_path / "p", key=other).folder
    assert check_packet(folder).status == SIGNED  # a valid signature, by someone
    verdict = check_packet(folder, office[0].cert)
    assert verdict.status == FAILED and verdict.trusted is False
    assert any("not by the certificate given with --cert" in f for f in verdict.failures)


def test_unsigned_packet_is_not_signed(packet_copy, office):
    verdict = check_packet(packet_copy)
    assert verdict.status == UNSIGNED and not verdict.failures
    required = check_packet(packet_copy, office[0].cert)
    assert required.status == FAILED
    assert any("not signed" in f for f in required.failures)


def test_expired_key_writes_nothing(shared_review, office, tmp_path):
    key: OfficeKey = office[0]
    import datetime as dt

    from cryptography import x509

    past = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(key.cert.subject)
            .issuer_name(key.cert.subject).public_key(key.key.public_key())
            .serial_number(1).not_valid_before(past)
            .not_valid_after(past + dt.timedelta(days=1))
            .sign(key.key, key.cert.signature_hash_algorithm))
    with pytest.raises(KeyFileError, match="expired"):
        export_packet(shared_review, tmp_path / "p", key=OfficeKey(key.key, cert))
    assert list(tmp_path.iterdir()) == []


def test_failed_signing_leaves_no_packet(shared_review, office, tmp_path, monkeypatch):
    from reviewer_app.core.packet import signing

    def broken(data: bytes, key: OfficeKey) -> bytes:
        raise ReviewError("manifest.json could not be signed (token removed)")

    monkeypatch.setattr(signing, "sign_bytes", broken)
    with pytest.raises(ReviewError, match="could not be signed"):
        export_packet(shared_review, tmp_path / "p", key=office[0])
    assert list(tmp_path.iterdir()) == []  # no folder, no temporary left behind


def test_key_file_loads_with_the_passphrase(office):
    _, p12, _ = office
    assert load_office_key(p12, PASSPHRASE).cert == office[0].cert


def test_content_added_after_signing_is_named(signed_copy):
    """An incremental update appended to the signed PDF (a reader would show the new
    content) leaves the signature intact but not covering the file."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    path = signed_copy / "packet.pdf"
    with path.open("r+b") as fh:
        writer = IncrementalPdfFileWriter(fh)
        writer.document_meta.title = "NOT CERTIFIED"
        writer.root["/Lang"] = generic.TextStringObject("en")
        writer.update_root()
        writer.write_in_place()
    verdict = check_packet(signed_copy)
    assert verdict.status == FAILED
    assert any("content was added after signature" in f for f in verdict.failures), \
        verdict.failures


@pytest.mark.parametrize("damage", ["garbage", "empty", "link", "folder"])
def test_damaged_manifest_signature_is_named(signed_copy, damage, tmp_path):
    sig = signed_copy / "manifest.sig"
    sig.unlink()
    if damage == "garbage":
        sig.write_bytes(b"\x30\x82" + bytes(200))
    elif damage == "empty":
        sig.write_bytes(b"")
    elif damage == "link":
        (tmp_path / "elsewhere.sig").write_bytes(b"x")
        sig.symlink_to(tmp_path / "elsewhere.sig")
    else:
        sig.mkdir()
    verdict = check_packet(signed_copy)
    assert verdict.status == FAILED
    assert any("manifest.sig" in f for f in verdict.failures), verdict.failures


def test_a_signature_made_with_an_expired_certificate_fails(shared_review, office, tmp_path,
                                                            monkeypatch):
    """A signature made when its certificate was not valid fails, with or without --cert."""
    import datetime as dt

    from cryptography import x509

    from reviewer_app.core.packet import keys, signing

    key: OfficeKey = office[0]
    past = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(key.cert.subject)
            .issuer_name(key.cert.subject).public_key(key.key.public_key())
            .serial_number(2).not_valid_before(past)
            .not_valid_after(past + dt.timedelta(days=1))
            .add_extension(key.cert.extensions.get_extension_for_class(x509.KeyUsage).value,
                           critical=True)
            .sign(key.key, key.cert.signature_hash_algorithm))
    monkeypatch.setattr(keys, "check_usable", lambda *a, **k: None)  # signed back then
    monkeypatch.setattr(signing, "check_usable", lambda *a, **k: None)
    folder = export_packet(shared_review, tmp_path / "p", key=OfficeKey(key.key, cert)).folder
    for given in (None, cert):
        verdict = check_packet(folder, given)
        assert verdict.status == FAILED
        assert any("when the certificate of Lake County Certification Office was not valid "
                   "(2020-01-01 to 2020-01-02)" in f for f in verdict.failures), verdict.failures


def test_long_file_names_and_a_listing_over_pages_still_match(tmp_path):
    """Appendix B wraps long file names and breaks across pages (with the running header
    and footer between rows): every file is still matched with the hash printed for it."""
    from tests.factories.pdfs import make_pdf
    from tests.factories.reviews import add_document, create_review

    store = create_review(tmp_path / "many.review")
    for i in range(30):
        add_document(store, make_pdf([f"Policy {i}: members shall use reasonable force."]),
                     "a-very-long-policy-file-name-" * 4 + f"{i}.pdf")
    folder = export_packet(store, tmp_path / "p").folder
    store.close()
    verdict = check_packet(folder)
    assert verdict.status == UNSIGNED, verdict.failures
    assert "30 annotated PDF(s)" in verdict.checks[0]
    victim = sorted((folder / "annotated").iterdir())[17]
    victim.write_bytes(victim.read_bytes() + b"\n")
    rehash_manifest(folder)  # so that only packet.pdf's listing can tell
    verdict = check_packet(folder)
    assert verdict.status == FAILED
    assert any(f"{victim.name} is not among the files packet.pdf lists" in f
               for f in verdict.failures), verdict.failures


def test_a_signed_draft_says_it_is_not_a_determination(draft_review, office, tmp_path):
    from pyhanko.pdf_utils.reader import PdfFileReader

    result = export_packet(draft_review, tmp_path / "p", key=office[0])
    assert result.is_draft
    with result.packet_pdf.open("rb") as fh:
        reason = PdfFileReader(fh).embedded_signatures[0].sig_object["/Reason"]
    assert reason == "Draft packet, not a certification determination"
    assert check_packet(result.folder, office[0].cert).status == SIGNED


def test_a_hostile_manifest_path_is_never_read(packet_copy, monkeypatch):
    """A manifest entry pointing out of the folder fails in verify and is not read by the
    comparison with packet.pdf either."""
    from reviewer_app.core.packet import printed_files

    (packet_copy.parent / "secret.txt").write_text("not part of the packet")
    manifest = json.loads((packet_copy / "manifest.json").read_text(encoding="utf-8"))
    manifest["files"].append({"path": "../secret.txt", "sha256": "0" * 64, "bytes": 22})
    (packet_copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    rehash_manifest(packet_copy)
    read: list = []
    real = printed_files._sha256
    monkeypatch.setattr(printed_files, "_sha256", lambda p: read.append(p) or real(p))
    verdict = check_packet(packet_copy)
    assert verdict.status == FAILED
    assert read and all(packet_copy in p.parents for p in read)
    assert any("../secret.txt" in f for f in verdict.failures)


def test_removed_manifest_signature_and_claim_still_fail(signed_copy):
    """The forger drops manifest.sig and the manifest's record of the signer too: the
    signed packet.pdf still says the packet was signed."""
    (signed_copy / "manifest.sig").unlink()
    manifest = json.loads((signed_copy / "manifest.json").read_text(encoding="utf-8"))
    del manifest["signature"]
    (signed_copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    rehash_manifest(signed_copy)
    verdict = check_packet(signed_copy)
    assert verdict.report.ok and verdict.status == FAILED
    assert any("packet.pdf shows the packet was signed" in f for f in verdict.failures)


def test_a_certificate_expired_after_signing_still_verifies_and_says_so(signed_packet,
                                                                       office, monkeypatch):
    import datetime as dt

    from reviewer_app.core.packet import signature_check

    later = office[0].cert.not_valid_after_utc + dt.timedelta(days=400)
    monkeypatch.setattr(signature_check, "_now", lambda: later)
    verdict = check_packet(signed_packet.folder, office[0].cert)
    assert verdict.status == SIGNED, verdict.failures
    expired = office[0].cert.not_valid_after_utc
    assert f"the certificate expired on {expired:%Y-%m-%d}, after the signing" in \
        " ".join(verdict.checks)
