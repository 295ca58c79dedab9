"""The window shows a review's and a standards set's text as text, never HTML (issue 15):
Qt would otherwise guess rich text and render an agency named ``<b>x</b>`` in bold."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from tests.factories.paths import ROOT  # noqa: E402

AGENCY = "<b>x</b> Police <img src='/etc/hostname'>"
TITLE = "<font color=red size=30>Adherence</font> &amp; <i>laws</i>"


def _hostile_review(path: Path, pdf: bytes) -> Path:
    from reviewer_app.core.checklist.standards import parse_standards
    from reviewer_app.core.pdf.documents import inspect_pdf
    from reviewer_app.core.review import commands as cmd
    from reviewer_app.core.review.store import ReviewStore

    raw = tomllib.loads((ROOT / "standards" / "doj-2020.toml").read_text())
    data = copy.deepcopy(raw)
    data["items"][0]["title"] = TITLE
    data["items"][0]["requirement"] = "<b>must</b> adhere"
    data["items"][0]["references"] = ["<a href='https://evil.example'>ref</a>"]
    data["categories"][0]["title"] = "<u>Mandatory</u>"
    with ReviewStore.create(path, agency_name=AGENCY, standards=parse_standards(data)) as s:
        cmd.run(s, cmd.AddDocument(pdf, "<b>doc</b>.pdf", inspect_pdf(pdf, "<b>doc</b>.pdf")))
    return path


def _shows_literally(label: QLabel, text: str) -> bool:
    """Plain text, and as wide as the literal text (rich text would drop the tags)."""
    literal = label.fontMetrics().horizontalAdvance(text.split(" ")[0])
    return (label.text() == text and label.textFormat() == Qt.TextFormat.PlainText
            and label.sizeHint().width() >= literal)


def test_agency_and_item_text_show_literally(qtbot, make_window, tmp_path, sample_pdf):
    win = make_window()
    assert win.open_review(_hostile_review(tmp_path / "h.review", sample_pdf))
    card = win.checklist.card
    assert _shows_literally(card.agency, AGENCY)
    assert "&lt;b&gt;x&lt;/b&gt;" in card.agency.toolTip()
    win.checklist.select_item("legal_compliance")
    panel = win.item_panel
    assert _shows_literally(panel.title, TITLE)
    assert _shows_literally(panel.requirement, "<b>must</b> adhere")
    assert "&lt;u&gt;Mandatory&lt;/u&gt;" in panel.meta.text()
    assert "&lt;a href=" in panel.meta.text() and "<a href" not in panel.meta.text()
    assert "&lt;font color=red" in win.actions.link.toolTip()
    card.grab().save(str(tmp_path / "card.png"))
    panel.grab().save(str(tmp_path / "panel.png"))


def test_error_boxes_show_messages_as_text(qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from reviewer_app.ui.dialogs import common as dialogs

    monkeypatch.setattr(dialogs, "NONINTERACTIVE", False)
    seen: list[QMessageBox] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: seen.append(box) or 0)
    dialogs.show_error(None, "Export packet", "<b>CON</b>: cannot be written")
    assert seen and seen[0].textFormat() == Qt.TextFormat.PlainText


def test_export_asks_before_replacing_a_changed_packet(qtbot, make_window, sample_review,
                                                       tmp_path, monkeypatch):
    """The window's export offers to replace a packet changed after export (issue 15);
    cancelling leaves the changed packet as it is."""
    from PySide6.QtWidgets import QMessageBox

    from reviewer_app.ui.session import packet_export

    win = make_window()
    win.open_review(sample_review)
    out = packet_export.export_packet_to(win, win.session.path, tmp_path / "p", confirm=False)
    (out / "packet.pdf").write_bytes(b"%PDF signed")
    answers = iter([False, True])
    monkeypatch.setattr(packet_export, "_confirm_replace", lambda *_: next(answers))
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    assert packet_export.export_packet_to(win, win.session.path, out) is None
    assert (out / "packet.pdf").read_bytes() == b"%PDF signed"
    assert packet_export.export_packet_to(win, win.session.path, out) == out
    assert (out / "packet.pdf").read_bytes().startswith(b"%PDF-")
