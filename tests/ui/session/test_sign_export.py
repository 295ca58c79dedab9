"""Export packet > Sign with office key…: the dialog opens the key (a wrong passphrase is
said in the dialog, which stays open) and the export signs the packet."""

from __future__ import annotations

from reviewer_app.core.packet.signature_check import SIGNED, check_packet
from reviewer_app.ui.session.packet_export import export_packet_to
from reviewer_app.ui.session.packet_signing import SignPacketDialog
from tests.factories.keys import PASSPHRASE, make_office_key


def test_sign_dialog_opens_the_key_or_says_why_not(qtbot, tmp_path):
    key, p12, _ = make_office_key(tmp_path / "keys")
    dialog = SignPacketDialog(None, tmp_path / "packet")
    qtbot.addWidget(dialog)
    assert dialog.unsigned.isChecked() and not dialog.key_fields.isEnabled()
    dialog.signed.setChecked(True)
    assert dialog.key_fields.isEnabled() and dialog.export_button.text() == "Sign and export"
    dialog.key_file.setText(str(p12))
    dialog.passphrase.setText("wrong")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted and dialog.key is None
    assert "wrong passphrase" in dialog.problem.text() and not dialog.problem.isHidden()
    dialog.passphrase.setText(PASSPHRASE)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.key is not None and dialog.key.cert == key.cert


def test_remembered_key_preselects_signing(qtbot, tmp_path):
    dialog = SignPacketDialog(None, tmp_path / "packet", str(tmp_path / "office.p12"))
    qtbot.addWidget(dialog)
    assert dialog.signed.isChecked() and dialog.key_fields.isEnabled()


def test_window_export_signs_the_packet(qtbot, make_window, sample_review, tmp_path):
    key, _, _ = make_office_key(tmp_path / "keys")
    win = make_window()
    win.open_review(sample_review)
    out = export_packet_to(win, win.session.path, tmp_path / "packet", confirm=False, key=key)
    assert out is not None and (out / "manifest.sig").is_file()
    verdict = check_packet(out, key.cert)
    assert verdict.status == SIGNED, verdict.failures


def test_file_export_packet_signs_and_remembers_the_key(qtbot, make_window, sample_review,
                                                        tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    key, p12, _ = make_office_key(tmp_path / "keys")
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "packet"), ""))
    monkeypatch.setattr(QMessageBox, "exec", lambda self: 0)
    offered: list[str] = []

    def user(dialog: SignPacketDialog) -> int:  # what a user does in the dialog
        offered.append(dialog.key_file.text())
        dialog.signed.setChecked(True)
        dialog.key_file.setText(str(p12))
        dialog.passphrase.setText(PASSPHRASE)
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(SignPacketDialog, "exec", user)
    win = make_window()
    assert win.open_review(sample_review)
    win.export_packet()
    assert check_packet(tmp_path / "packet", key.cert).status == SIGNED
    win.export_packet()  # the next export offers the same key
    assert offered == ["", str(p12)]
