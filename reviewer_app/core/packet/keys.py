"""The office's signing key: a certificate and its private key in a PKCS#12 file.

An office without a PKI makes a self-signed one with ``new_office_key`` (RSA 3072, key
usage digitalSignature and nonRepudiation, the key encrypted with the passphrase) and
hands the certificate alone (``OFFICE.crt``, PEM) to whoever verifies its packets. An
office with a PKI uses the PKCS#12 file its CA issued. ``load_office_key`` opens either
and refuses, with one sentence, a wrong passphrase, a damaged file, a certificate that
has expired or is not yet valid, or one whose key usage forbids signing.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from reviewer_app.core.errors import ReviewError

PASSPHRASE_ENV = "REVIEWER_APP_KEY_PASSPHRASE"
DEFAULT_DAYS = 1826  # five years: a 36-month certification and the time to re-certify
MAX_DAYS = 36500
MAX_KEY_FILE = 1 << 20  # bytes; a PKCS#12 file is a few kilobytes
RSA_BITS = 3072

SigningKey = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


class KeyFileError(ReviewError):
    """A key or certificate file cannot be made or used."""


@dataclass(frozen=True)
class OfficeKey:
    """A private key and the certificate that names its holder."""

    key: SigningKey
    cert: x509.Certificate
    chain: tuple[x509.Certificate, ...] = ()

    @property
    def name(self) -> str:
        return common_name(self.cert)


def common_name(cert: x509.Certificate) -> str:
    """The certificate's common name (or its whole subject when it has none)."""
    names = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    value = names[0].value if names else cert.subject.rfc4514_string()
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def fingerprint(cert: x509.Certificate) -> str:
    """SHA-256 of the certificate, as colon-separated hex pairs (as viewers show it)."""
    return cert.fingerprint(hashes.SHA256()).hex(":").upper()


def certificate_path(p12: Path) -> Path:
    return p12.with_suffix(".crt")


def new_office_key(out: Path, name: str, passphrase: str, email: str = "",
                   days: int = DEFAULT_DAYS, now: dt.datetime | None = None
                   ) -> tuple[Path, Path]:
    """Write a self-signed certificate and its key to ``out`` (PKCS#12, encrypted with
    ``passphrase``) and the certificate alone to ``out`` with ``.crt``; both or neither,
    and never over an existing file. Returns (p12 path, certificate path)."""
    out = Path(out)
    crt = certificate_path(out)
    name = " ".join(name.split())
    if not name:
        raise KeyFileError("give the office's name (--name); it is the certificate's name.")
    if not passphrase:
        raise KeyFileError("an empty passphrase would leave the key unprotected; give one.")
    if not 1 <= days <= MAX_DAYS:
        raise KeyFileError(f"--days must be between 1 and {MAX_DAYS} (got {days}).")
    if crt == out:
        raise KeyFileError(f"{out}: name the key file with .p12, not .crt.")
    for path in (out, crt):
        if path.exists() or path.is_symlink():
            raise KeyFileError(f"{path}: exists; a key file is never overwritten (choose "
                               "another name or move the old one).")
    if not out.parent.is_dir():
        raise KeyFileError(f"{out.parent}: no such folder.")
    key = rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)
    cert = self_signed(key, name, email.strip(), days, now)
    blob = pkcs12.serialize_key_and_certificates(
        name.encode("utf-8"), key, cert, None,
        serialization.BestAvailableEncryption(passphrase.encode("utf-8")))
    pem = cert.public_bytes(serialization.Encoding.PEM)
    _write_new(out, blob, 0o600)
    try:
        _write_new(crt, pem, 0o644)
    except BaseException:
        out.unlink(missing_ok=True)
        raise
    return out, crt


def self_signed(key: SigningKey, name: str, email: str, days: int,
                now: dt.datetime | None = None) -> x509.Certificate:
    """A certificate naming the office, for signing only (not a CA)."""
    now = now or dt.datetime.now(dt.UTC)
    attrs = [x509.NameAttribute(NameOID.COMMON_NAME, name[:64]),
             x509.NameAttribute(NameOID.ORGANIZATION_NAME, name[:64])]
    if email:
        attrs.append(x509.NameAttribute(NameOID.EMAIL_ADDRESS, email))
    subject = x509.Name(attrs)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - dt.timedelta(minutes=5))
               .not_valid_after(now + dt.timedelta(days=days))
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .add_extension(x509.KeyUsage(
                   digital_signature=True, content_commitment=True, key_encipherment=False,
                   data_encipherment=False, key_agreement=False, key_cert_sign=False,
                   crl_sign=False, encipher_only=False, decipher_only=False), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                              critical=False))
    if email:
        builder = builder.add_extension(
            x509.SubjectAlternativeName([x509.RFC822Name(email)]), critical=False)
    return builder.sign(key, hashes.SHA256())


def _write_new(path: Path, data: bytes, mode: int) -> None:
    """Create ``path`` (refusing an existing one, even one made meanwhile) and write it
    whole; a failed write removes the partial file."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except FileExistsError as exc:
        raise KeyFileError(f"{path}: exists; a key file is never overwritten.") from exc
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot be written ({exc.strerror}).") from exc
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    except OSError as exc:
        path.unlink(missing_ok=True)
        raise KeyFileError(f"{path}: cannot be written ({exc.strerror}).") from exc


def load_office_key(path: Path, passphrase: str, now: dt.datetime | None = None
                    ) -> OfficeKey:
    """The key and certificate of a PKCS#12 file, checked fit to sign now."""
    data = _read_key_file(Path(path))
    try:
        key, cert, chain = pkcs12.load_key_and_certificates(data, passphrase.encode("utf-8"))
    except (ValueError, TypeError) as exc:
        if _is_pkcs12(data):
            raise KeyFileError(f"{path}: wrong passphrase for this key file.") from exc
        raise KeyFileError(f"{path}: damaged or not a PKCS#12 key file (.p12).") from exc
    if key is None or cert is None:
        raise KeyFileError(f"{path}: holds no private key and certificate to sign with.")
    if not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise KeyFileError(f"{path}: the key is neither RSA nor elliptic-curve; "
                           "it cannot sign a PDF here.")
    if key.public_key().public_numbers() != cert.public_key().public_numbers():  # type: ignore[union-attr]
        raise KeyFileError(f"{path}: the private key does not belong to its certificate.")
    check_usable(cert, str(path), now)
    return OfficeKey(key, cert, tuple(chain))


def check_usable(cert: x509.Certificate, where: str, now: dt.datetime | None = None) -> None:
    """Refuse a certificate outside its validity or not meant for signatures."""
    now = now or dt.datetime.now(dt.UTC)
    if now > cert.not_valid_after_utc:
        raise KeyFileError(f"{where}: the certificate of {common_name(cert)} expired on "
                           f"{cert.not_valid_after_utc:%Y-%m-%d}; make or obtain a new key.")
    if now < cert.not_valid_before_utc:
        raise KeyFileError(f"{where}: the certificate of {common_name(cert)} is not valid "
                           f"before {cert.not_valid_before_utc:%Y-%m-%d %H:%M} UTC.")
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return
    if not (usage.digital_signature or usage.content_commitment):
        raise KeyFileError(f"{where}: the certificate's key usage does not allow "
                           "signatures.")


def load_certificate(path: Path) -> x509.Certificate:
    """A certificate file given to ``verify --cert``: PEM or DER."""
    data = _read_key_file(Path(path), what="certificate")
    try:
        if b"-----BEGIN" in data:
            return x509.load_pem_x509_certificate(data)
        return x509.load_der_x509_certificate(data)
    except ValueError as exc:
        raise KeyFileError(f"{path}: damaged or not a certificate (PEM or DER).") from exc


def _read_key_file(path: Path, what: str = "key") -> bytes:
    try:
        if not path.is_file():
            raise KeyFileError(f"{path}: no such {what} file." if not path.exists()
                               else f"{path}: is not a {what} file.")
        if path.stat().st_size > MAX_KEY_FILE:
            raise KeyFileError(f"{path}: too large to be a {what} file.")
        return path.read_bytes()
    except OSError as exc:
        raise KeyFileError(f"{path}: cannot be read ({exc.strerror}).") from exc


def _is_pkcs12(data: bytes) -> bool:
    """Whether the bytes are a well-formed PKCS#12 structure (so a failure to open them
    means a wrong passphrase, not a damaged file)."""
    from asn1crypto import pkcs12 as asn1_pkcs12

    try:
        pfx = asn1_pkcs12.Pfx.load(data, strict=True)
        pfx["auth_safe"]["content"].native  # noqa: B018 (parses the outer layers)
        pfx["mac_data"].native  # noqa: B018
        return pfx["version"].native == "v3"
    except Exception:  # asn1crypto raises many kinds on malformed input
        return False
