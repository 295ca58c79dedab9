"""The office key: keys new writes a self-signed certificate and its key (PKCS#12, under a
passphrase) and the certificate alone; loading refuses what cannot sign, one sentence each."""

from __future__ import annotations

import datetime as dt
import stat

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa

from reviewer_app.core.packet.keys import (
    KeyFileError,
    load_certificate,
    load_office_key,
    new_office_key,
)
from tests.factories.keys import PASSPHRASE, make_office_key


def test_new_key_round_trip(tmp_path):
    key, p12, crt = make_office_key(tmp_path, "Office of Certification", email="c@o.example",
                                    days=30)
    assert p12.name == "office.p12" and crt.name == "office.crt"
    assert stat.S_IMODE(p12.stat().st_mode) == 0o600  # the key stays private
    assert b"-----BEGIN CERTIFICATE-----" in crt.read_bytes()
    assert load_certificate(crt) == key.cert  # the handed-out certificate is the key's
    assert key.name == "Office of Certification"
    assert isinstance(key.key, rsa.RSAPrivateKey) and key.key.key_size == 3072
    usage = key.cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment and not usage.key_cert_sign
    assert key.cert.issuer == key.cert.subject  # self-signed
    life = key.cert.not_valid_after_utc - key.cert.not_valid_before_utc
    assert dt.timedelta(days=30) <= life <= dt.timedelta(days=30, minutes=6)
    emails = key.cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert emails.get_values_for_type(x509.RFC822Name) == ["c@o.example"]


def test_never_overwrites(tmp_path):
    _, p12, crt = make_office_key(tmp_path)
    before = p12.read_bytes(), crt.read_bytes()
    with pytest.raises(KeyFileError, match="never overwritten"):
        new_office_key(p12, "Another office", "other passphrase")
    p12.rename(tmp_path / "moved.p12")  # the certificate alone still blocks the name
    with pytest.raises(KeyFileError, match="office.crt: exists"):
        new_office_key(p12, "Another office", "other passphrase")
    assert not p12.exists()
    assert ((tmp_path / "moved.p12").read_bytes(), crt.read_bytes()) == before


def test_refuses_empty_passphrase_and_name(tmp_path):
    with pytest.raises(KeyFileError, match="empty passphrase"):
        new_office_key(tmp_path / "k.p12", "Office", "")
    with pytest.raises(KeyFileError, match="name"):
        new_office_key(tmp_path / "k.p12", "   ", "pass")
    with pytest.raises(KeyFileError, match="--days"):
        new_office_key(tmp_path / "k.p12", "Office", "pass", days=0)
    assert list(tmp_path.iterdir()) == []


def test_wrong_passphrase_and_damaged_files_are_named(tmp_path):
    _, p12, crt = make_office_key(tmp_path)
    with pytest.raises(KeyFileError, match="wrong passphrase"):
        load_office_key(p12, PASSPHRASE + "x")
    damaged = tmp_path / "damaged.p12"
    damaged.write_bytes(p12.read_bytes()[: p12.stat().st_size // 2])
    with pytest.raises(KeyFileError, match="damaged or not a PKCS#12"):
        load_office_key(damaged, PASSPHRASE)
    with pytest.raises(KeyFileError, match="damaged or not a PKCS#12"):
        load_office_key(crt, PASSPHRASE)  # the certificate given in place of the key
    with pytest.raises(KeyFileError, match="no such key file"):
        load_office_key(tmp_path / "nowhere.p12", PASSPHRASE)
    with pytest.raises(KeyFileError, match="not a certificate"):
        load_certificate(p12)


def test_expired_and_not_yet_valid_certificates_are_refused(tmp_path):
    past = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    p12, _ = new_office_key(tmp_path / "old.p12", "Old office", PASSPHRASE, days=10, now=past)
    with pytest.raises(KeyFileError, match="expired on 2020-01-11"):
        load_office_key(p12, PASSPHRASE)
    future = dt.datetime.now(dt.UTC) + dt.timedelta(days=3)
    p12, _ = new_office_key(tmp_path / "new.p12", "New office", PASSPHRASE, now=future)
    with pytest.raises(KeyFileError, match="not valid before"):
        load_office_key(p12, PASSPHRASE)
