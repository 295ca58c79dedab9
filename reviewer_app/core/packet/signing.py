"""Signing a packet with the office's key (pyHanko).

``packet.pdf`` gets a PAdES signature (subfilter ETSI.CAdES.detached, SHA-256) that every
PDF reader shows: a certification signature, reason "Certification determination" (a
draft's says it is not one), its stamp placed below the cover's contents (or on the last
page, or invisible when neither has room). ``manifest.json`` gets a detached CMS
signature (DER) over its exact bytes, made with the same key and carrying the
certificate: ``manifest.sig``, which ``openssl cms -verify -binary -inform DER -in
manifest.sig -content manifest.json -CAfile OFFICE.crt -purpose any`` checks too. The PDF
is signed before the manifest is written, so the manifest lists the signed PDF's SHA-256.
"""

from __future__ import annotations

import asyncio
import unicodedata
from io import BytesIO

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509.oid import NameOID

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.packet.keys import OfficeKey, check_usable

FIELD_NAME = "OfficeSignature"
REASON = "Certification determination"
DRAFT_REASON = "Draft packet, not a certification determination"
# complete, but not signed off by the approving official (issue 12): a recommendation
RECOMMENDATION_REASON = "Assessor's recommendation, not yet signed off"
STAMP_W, STAMP_H = 250.0, 62.0  # points
STAMP_GAP = 20.0  # below the last line of the page's contents
FOOTER_CLEAR = 60.0  # the running footer sits within this height of the bottom edge


def require_pyhanko() -> None:
    """One sentence, not a traceback, when this installation cannot load pyHanko."""
    try:
        import pyhanko.sign  # noqa: F401
    except ImportError as exc:
        raise ReviewError(f"signed packets need pyHanko, which this installation cannot "
                          f"load ({exc}); reinstall the app.") from exc


def to_asn1(key: OfficeKey) -> tuple[asn1_keys.PrivateKeyInfo, asn1_x509.Certificate,
                                      list[asn1_x509.Certificate]]:
    der_key = key.key.private_bytes(serialization.Encoding.DER,
                                    serialization.PrivateFormat.PKCS8,
                                    serialization.NoEncryption())
    certs = [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
             for c in (key.cert, *key.chain)]
    return asn1_keys.PrivateKeyInfo.load(der_key), certs[0], certs[1:]


def _signer(key: OfficeKey):
    from pyhanko.sign.signers import SimpleSigner
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    private, cert, chain = to_asn1(key)
    return SimpleSigner(signing_cert=cert, signing_key=private,
                        cert_registry=SimpleCertificateStore.from_certs([cert, *chain]))


def location_of(key: OfficeKey) -> str:
    """Where the signature was made, as the certificate says (locality, state, country),
    else the organisation it names."""
    subject = key.cert.subject
    parts = [str(a.value) for oid in (NameOID.LOCALITY_NAME, NameOID.STATE_OR_PROVINCE_NAME,
                                      NameOID.COUNTRY_NAME)
             for a in subject.get_attributes_for_oid(oid)]
    if parts:
        return ", ".join(parts)
    org = subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    return str(org[0].value) if org else key.name


def stamp_place(pdf: bytes) -> tuple[int, tuple[int, int, int, int]] | None:
    """(page index, box in PDF user space) for the visible signature: right-aligned
    below the cover's last line, else below the last page's; None when neither has room."""
    from reviewer_app.core.pdf.mupdf import mupdf

    pymupdf = mupdf()
    with pymupdf.open(stream=pdf, filetype="pdf") as doc:
        for index in (0, doc.page_count - 1):
            page = doc[index]
            rect = page.rect
            body = [b for b in page.get_text("blocks")
                    if b[3] < rect.height - FOOTER_CLEAR]  # leave the running footer out
            lowest = max((b[3] for b in body), default=rect.height / 2)
            top = lowest + STAMP_GAP  # top-down coordinates, as MuPDF gives them
            if top + STAMP_H > rect.height - FOOTER_CLEAR:
                continue
            right = rect.width - 72.0
            x1, y_top = right - STAMP_W, rect.height - top  # PDF space: origin bottom left
            return index, (round(x1), round(y_top - STAMP_H), round(right), round(y_top))
    return None


def _ascii(text: str) -> str:
    """The stamp's standard font has Latin letters only; the signature itself keeps the
    full name (readers show it from the certificate)."""
    flat = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(flat.split()) or "the office"


def sign_packet_pdf(pdf: bytes, key: OfficeKey, reason: str = REASON) -> bytes:
    """``pdf`` with the office's PAdES signature appended (an incremental update); a
    draft's signature gives ``DRAFT_REASON`` so no reader takes it for a determination."""
    require_pyhanko()
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.sign import fields, signers
    from pyhanko.sign.fields import MDPPerm, SigSeedSubFilter
    from pyhanko.stamp import TextStampStyle

    check_usable(key.cert, "the office key")
    place = stamp_place(pdf)
    spec = (fields.SigFieldSpec(FIELD_NAME, on_page=place[0], box=place[1]) if place
            else fields.SigFieldSpec(FIELD_NAME))
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME, reason=reason, location=location_of(key), name=key.name,
        md_algorithm="sha256", subfilter=SigSeedSubFilter.PADES, certify=True,
        docmdp_permissions=MDPPerm.FILL_FORMS)
    style = TextStampStyle(
        stamp_text=(f"Digitally signed by {_ascii(key.name)}\n{reason}\n"
                    "Signed %(ts)s\nreviewer-app verify checks it"),
        timestamp_format="%Y-%m-%d %H:%M UTC", border_width=1,
        text_box_style=TextBoxStyle(font_size=9))
    signer = _signer(key)
    try:
        writer = IncrementalPdfFileWriter(BytesIO(pdf), strict=False)
        out = signers.PdfSigner(meta, signer=signer, stamp_style=style,
                                new_field_spec=spec).sign_pdf(writer)
    except Exception as exc:  # pyHanko raises its own and library errors alike
        raise ReviewError(f"packet.pdf could not be signed ({_reason(exc)}); nothing was "
                          "written.") from exc
    return out.getvalue()


def sign_bytes(data: bytes, key: OfficeKey) -> bytes:
    """A detached CMS signature (DER) of ``data`` with the certificate inside."""
    require_pyhanko()
    check_usable(key.cert, "the office key")
    signer = _signer(key)
    try:
        info = asyncio.run(signer.async_sign_general_data(data, "sha256",
                                                                detached=True))
    except Exception as exc:
        raise ReviewError(f"manifest.json could not be signed ({_reason(exc)}); nothing "
                          "was written.") from exc
    return info.dump()


def _reason(exc: BaseException) -> str:
    return " ".join(str(exc).split())[:160] or type(exc).__name__
