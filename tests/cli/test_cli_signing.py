"""keys new, export --sign and verify [--cert] from the shell: what a user types and reads,
and the exit codes (0 signed and valid, 3 unchanged but not signed, 1 failed, 2 unusable)."""

from __future__ import annotations

import shutil

import pytest

from reviewer_app.core.packet.keys import PASSPHRASE_ENV
from tests.cli.test_several_sets import state_set, two_sets  # noqa: F401 (fixtures)
from tests.factories.keys import PASSPHRASE, forge_findings


@pytest.fixture
def keys(tmp_path, cli, monkeypatch):
    """Two offices' keys made with `keys new`: {name: (p12, crt)}."""
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    made = {}
    for name in ("lake", "other"):
        p12 = tmp_path / f"{name}.p12"
        code, out, err = cli("keys", "new", p12, "--name", f"{name.title()} Office",
                             "--email", f"{name}@example.org")
        assert code == 0, err
        assert f"wrote {p12}" in out and "give it to whoever verifies" in out
        made[name] = (p12, p12.with_suffix(".crt"))
    return made


def test_keys_new_refuses_overwrite_and_empty_passphrase(keys, cli, tmp_path, monkeypatch):
    p12, _ = keys["lake"]
    before = p12.read_bytes()
    code, _, err = cli("keys", "new", p12, "--name", "Again")
    assert code == 2 and "exists" in err and "never overwritten" in err
    assert p12.read_bytes() == before
    monkeypatch.setenv(PASSPHRASE_ENV, "")
    code, _, err = cli("keys", "new", tmp_path / "empty.p12", "--name", "Office")
    assert code == 2 and "empty passphrase" in err
    monkeypatch.delenv(PASSPHRASE_ENV)
    code, _, err = cli("keys", "new", tmp_path / "quiet.p12", "--name", "Office")
    assert code == 2 and PASSPHRASE_ENV in err  # no terminal to ask: says how to give it
    assert not (tmp_path / "empty.p12").exists() and not (tmp_path / "quiet.p12").exists()


def test_sign_verify_and_forgery(keys, cli, shared_review, tmp_path, monkeypatch):
    p12, crt = keys["lake"]
    packet = tmp_path / "packet"
    code, out, err = cli("export", shared_review.path, "--out", packet, "--sign", p12,
                         "--quiet")
    assert code == 0, err
    assert "signed by Lake Office" in out and "manifest.sig" in out
    code, out, _ = cli("verify", packet)
    assert code == 0
    assert "signed by Lake Office" in out and "signature valid, unchanged since signing" in out
    assert "give --cert" in out  # without the certificate, who signed is not checked
    code, out, _ = cli("verify", packet, "--cert", crt)
    assert code == 0 and "give --cert" not in out
    code, out, _ = cli("verify", packet, "--cert", keys["other"][1])
    assert code == 1
    assert "not by the certificate given with --cert" in out and "PACKET NOT INTACT" in out
    forged = tmp_path / "forged"
    shutil.copytree(packet, forged)
    forge_findings(forged)
    code, out, _ = cli("verify", forged, "--cert", crt)
    assert code == 1
    assert "manifest.json's signature does not match it" in out
    assert "findings.json (the findings) is not the file packet.pdf lists" in out


def test_wrong_passphrase_writes_nothing(keys, cli, shared_review, tmp_path, monkeypatch):
    monkeypatch.setenv(PASSPHRASE_ENV, "not the passphrase")
    code, out, err = cli("export", shared_review.path, "--out", tmp_path / "p", "--sign",
                         keys["lake"][0], "--quiet")
    assert code == 2 and "wrong passphrase" in err and err.count("\n") == 1
    assert not (tmp_path / "p").exists()
    code, _, err = cli("export", shared_review.path, "--out", tmp_path / "p", "--sign",
                       keys["lake"][1], "--quiet")  # the certificate is not the key
    assert code == 2 and "damaged or not a PKCS#12" in err
    assert not (tmp_path / "p").exists()


def test_unsigned_packet_says_not_signed(cli, shared_review, tmp_path, keys):
    packet = tmp_path / "plain"
    assert cli("export", shared_review.path, "--out", packet, "--quiet")[0] == 0
    code, out, _ = cli("verify", packet)
    assert code == 3 and "unchanged since export, not signed" in out
    code, out, _ = cli("verify", packet, "--cert", keys["lake"][1])
    assert code == 1 and "not signed, but --cert asks for a signature by Lake Office" in out
    (tmp_path / "bad.crt").write_text("not a certificate")
    code, _, err = cli("verify", packet, "--cert", tmp_path / "bad.crt")
    assert code == 2 and "not a certificate" in err


def test_several_sets_each_packet_signed(keys, cli, two_sets, tmp_path):  # noqa: F811
    p12, crt = keys["lake"]
    packet = tmp_path / "sets"
    code, out, err = cli("export", two_sets, "--out", packet, "--sign", p12, "--quiet")
    assert code == 0, err
    assert "doj-2020: signed by Lake Office" in out and "il-leap: signed by Lake Office" in out
    for set_id in ("doj-2020", "il-leap"):
        code, out, _ = cli("verify", packet / set_id, "--cert", crt)
        assert code == 0 and "signature valid, unchanged since signing" in out, out
