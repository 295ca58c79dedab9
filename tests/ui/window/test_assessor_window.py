"""Issue 16 in the window: the focus trap after F2 then F8, the outcome never "Certified"
early, Met without evidence flagged, "Link to" every item, the outline from detected
sections, and a layout that serves a 1366x768 laptop."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from tests.factories.furniture import furniture_policy
from tests.factories.reviews import review_file

from ..helpers import activate, press, select_quote

CHOKEHOLD = "Chokeholds are prohibited unless deadly force is authorized by law."


def test_after_f2_then_f8_the_key_1_records_a_result(qtbot, make_window, sample_review):
    win = make_window()
    assert win.open_review(sample_review)
    activate(qtbot, win)
    assert win.checklist.select_item("legal_compliance")
    press(win, "F2")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is win.item_panel.rationale)
    press(win.item_panel.rationale, "F8")
    nxt = win.controller.item_id
    assert nxt != "legal_compliance"
    press(QApplication.focusWidget(), "1")
    assert win.session.result(nxt) == "met"
    assert "1" not in win.item_panel.rationale.toPlainText()


def test_outcome_says_in_process_until_every_item_has_a_result(qtbot, make_window,
                                                              sample_review):
    win = make_window()
    assert win.open_review(sample_review)
    for item_id in ("legal_compliance", "chokehold"):
        assert win.checklist.select_item(item_id)
        assert win.controller.set_result("met", item_id)
    from reviewer_app.ui.checklist.outcome_card import OutcomeCard

    card = win.findChild(OutcomeCard)
    badge = card.badge
    assert badge.text == "In process (mandatory conditions met)"  # 2 of 14, not Certified
    assert "no evidence linked" in card.mandatory.text()  # Met without evidence flagged
    from PySide6.QtCore import Qt

    from reviewer_app.ui.checklist.model import ROLE_ITEM_ID

    model = win.checklist.tree.model()
    rows = [model.index(r, 0, model.index(c, 0)) for c in range(model.rowCount())
            for r in range(model.rowCount(model.index(c, 0)))]
    tip = next(i.data(Qt.ItemDataRole.ToolTipRole) for i in rows
               if i.data(ROLE_ITEM_ID) == "chokehold")
    assert "met, but no evidence linked" in tip


def test_right_click_offers_link_to_every_item(qtbot, make_window, sample_review):
    win = make_window()
    assert win.open_review(sample_review)
    activate(qtbot, win)
    assert win.checklist.select_item("legal_compliance")
    select_quote(qtbot, win, CHOKEHOLD)
    menu = win.view.context_menu()
    link_to = next(a for a in menu.actions() if a.text().replace("&", "") == "Link to")
    sub = link_to.menu()
    sub.aboutToShow.emit()
    codes = [a.text().split("\t")[0] for a in sub.actions()]
    assert codes == [i.code for i in win.session.standards.ordered_items()]
    b = next(a for a in sub.actions() if a.text().startswith("B\t"))
    b.trigger()
    assert [e.exact for e in win.session.evidence_for_item("chokehold")] == [CHOKEHOLD]


def test_outline_is_built_from_detected_sections_without_bookmarks(qtbot, make_window,
                                                                   tmp_path):
    from tests.factories.packets import policy_pdf

    path = review_file(tmp_path / "o.review", [("policy.pdf", policy_pdf())])
    win = make_window()
    assert win.open_review(path)
    win.actions.show_outline.setChecked(True)
    outline = win.outline
    qtbot.waitUntil(lambda: outline.entry_count() > 0, timeout=10000)
    assert outline.detected and "no bookmarks" in outline.empty.text()
    titles = [outline.tree.topLevelItem(i).text(0)
              for i in range(outline.tree.topLevelItemCount())]
    assert "100.3 DUTY TO INTERVENE" in titles


def test_a_1366x768_laptop_sees_the_mandatory_items_and_a_wide_document(qtbot, make_window,
                                                                        tmp_path):
    path = review_file(tmp_path / "l.review", [("uof.pdf", furniture_policy())])
    win = make_window(size=(1366, 768))
    assert win.open_review(path)
    qtbot.wait(50)
    tree = win.checklist.tree
    viewport = tree.viewport().rect()
    for item in win.session.standards.mandatory_items:
        assert win.checklist.select_item(item.id)
        index = tree.currentIndex()
        assert viewport.contains(tree.visualRect(index))
    before = win.area.width()
    assert before >= 700  # the document pane gets what the side panes need not
    win.actions.show_outline.setChecked(True)
    qtbot.waitUntil(lambda: win.outline_dock.isVisible())
    qtbot.wait(50)
    assert win.area.width() >= before - 60  # the outline's width came from the side panes


def test_window_export_lists_every_warning(tmp_path):
    from reviewer_app.core.packet import export_packet
    from reviewer_app.ui.session.packet_export import export_summary
    from tests.factories.packets import build_review

    store = build_review(tmp_path / "w.review", complete=False)
    try:
        result = export_packet(store, tmp_path / "p")
    finally:
        store.close()
    text = export_summary(result)
    assert "outcome In process (mandatory conditions met)" in text
    assert "items are not assessed" in text
    for warning in result.warnings:
        assert warning in text
    assert "5 Medical care after force: met without a rationale." in text
