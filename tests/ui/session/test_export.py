"""Export packet from the window: the packet writer runs in a worker; the review is unchanged."""

from __future__ import annotations

from reviewer_app.ui.session.packet_export import export_packet_to
from tests.ui.helpers import activate, press, select_quote


def test_export_packet_from_the_window(qtbot, make_window, sample_review, tmp_path):
    win = make_window()
    win.open_review(sample_review)
    activate(qtbot, win)
    assert win.actions.export_packet.isEnabled()
    win.checklist.select_item("chokehold")
    select_quote(qtbot, win, "Chokeholds are prohibited unless deadly force is authorized")
    press(win.view, "Ctrl+L")
    press(win.view, "1")
    before = win.session.store.file_sha256()
    out = export_packet_to(win, win.session.path, tmp_path / "packet", confirm=False)
    assert out is not None and (out / "packet.pdf").exists()
    assert win.session.store.file_sha256() == before
    # a second export into a non-packet folder with files is refused with a message
    other = tmp_path / "busy"
    other.mkdir()
    (other / "keep.txt").write_text("mine")
    assert export_packet_to(win, win.session.path, other, confirm=False) is None
    assert (other / "keep.txt").read_text() == "mine"
