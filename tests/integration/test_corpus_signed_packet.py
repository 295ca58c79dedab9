"""A real policy's packet (Lake County, built by test_corpus_packet) signed from the shell:
keys new, export --sign, verify --cert, poppler's pdfsig; one changed byte and the issue's
re-hashed forged findings.json fail. Skipped when ../shared is absent."""

from __future__ import annotations

import shutil

import pytest

from reviewer_app.core.packet.keys import PASSPHRASE_ENV
from tests.factories.keys import PASSPHRASE, forge_findings, pdfsig
from tests.integration.test_corpus_packet import lake_packet  # noqa: F401 (the fixture)

pytestmark = pytest.mark.corpus


def test_lake_county_signed_packet(lake_packet, cli, tmp_path, monkeypatch):  # noqa: F811
    review, _, _ = lake_packet
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    p12 = tmp_path / "illinois-office.p12"
    assert cli("keys", "new", p12, "--name", "Illinois Certification Office")[0] == 0
    signed = tmp_path / "signed"
    code, out, err = cli("export", review, "--out", signed, "--sign", p12, "--quiet")
    assert code == 0 and "signed by Illinois Certification Office" in out, err
    code, out, _ = cli("verify", signed, "--review", review, "--cert", p12.with_suffix(".crt"))
    assert code == 0, out
    assert "signed by Illinois Certification Office" in out
    assert "signature valid, unchanged since signing" in out
    report = pdfsig(signed / "packet.pdf")
    assert "Signature is Valid" in report and "Total document signed" in report, report

    changed = tmp_path / "changed"
    shutil.copytree(signed, changed)
    data = bytearray((changed / "packet.pdf").read_bytes())
    data[len(data) // 2] ^= 0x01
    (changed / "packet.pdf").write_bytes(bytes(data))
    code, out, _ = cli("verify", changed, "--cert", p12.with_suffix(".crt"))
    assert code == 1 and "PACKET NOT INTACT" in out

    forged = tmp_path / "forged"
    shutil.copytree(signed, forged)
    forge_findings(forged)
    code, out, _ = cli("verify", forged, "--cert", p12.with_suffix(".crt"))
    assert code == 1 and "manifest.json's signature does not match it" in out
