"""Painting checklist rows: category headings and items (glyph, code badge, title, count).

The result shows as a glyph of its own shape plus colour; mandatory items carry a filled
code badge and a "Mandatory" marker, findings to look at again after a policy revision a
"Re-review" badge, so nothing depends on colour alone.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reviewer_app.core.vocabulary import Result
from reviewer_app.ui.checklist.model import (
    ROLE_CODE,
    ROLE_EVIDENCE,
    ROLE_KIND,
    ROLE_MANDATORY,
    ROLE_PROGRESS,
    ROLE_PROPOSED,
    ROLE_REREVIEW,
    ROLE_RESULT,
    ROLE_TITLE,
)
from reviewer_app.ui.common.icons import icon
from reviewer_app.ui.common.theme import (
    ACCENT,
    MANDATORY,
    draw_result_glyph,
    font_scaled,
    tinted,
    wrap_lines,
)
from reviewer_app.ui.revisions.marks import badge_width, draw_rereview_badge

AnyIndex = QModelIndex | QPersistentModelIndex  # what Qt passes to overrides

PAD = 10
GLYPH = 16
MAX_TITLE_LINES = 2


UNSUPPORTED = QColor("#b45f06")  # the evidence count of an item found Met without evidence


class ChecklistDelegate(QStyledItemDelegate):
    def _fonts(self, option: QStyleOptionViewItem):
        base = option.font
        return base, font_scaled(base, 0.86, bold=True), font_scaled(base, 0.8, bold=True)

    def _title_rect(self, option: QStyleOptionViewItem, width: int) -> QRect:
        fm = QFontMetrics(option.font)
        left = PAD + GLYPH + 8 + self._badge_width(option) + 8
        right = PAD + fm.horizontalAdvance("99") + GLYPH + 6
        return QRect(left, 0, max(40, width - left - right), 0)

    def _badge_width(self, option: QStyleOptionViewItem) -> int:
        fm = QFontMetrics(self._fonts(option)[1])
        return max(fm.horizontalAdvance("WWW") + 6, 24)

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        fm = QFontMetrics(option.font)
        width = option.rect.width() if option.rect.width() > 0 else 300
        view = self.parent()
        if view is not None and hasattr(view, "viewport"):
            width = view.viewport().width()
        if index.data(ROLE_KIND) == "category":
            small = QFontMetrics(self._fonts(option)[2])
            return QSize(width, small.height() + 18 + (6 if index.row() > 0 else 0))
        title = index.data(ROLE_TITLE) or ""
        tr = self._title_rect(option, width)
        lines = self._wrap(fm, title, tr.width())
        height = max(GLYPH, fm.height() * len(lines)) + 14
        if index.data(ROLE_MANDATORY) or index.data(ROLE_REREVIEW) or index.data(ROLE_PROPOSED):
            height += self._subline_height(option) + 1
        return QSize(width, height)

    def _subline_height(self, option: QStyleOptionViewItem) -> int:
        """The line under the title: "MANDATORY" and the re-review badge."""
        return QFontMetrics(self._fonts(option)[2]).height() + 4

    @staticmethod
    def _wrap(fm: QFontMetrics, text: str, width: int) -> list[str]:
        return wrap_lines(fm, text, width, MAX_TITLE_LINES)

    def paint(self, p: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        p.save()
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if index.data(ROLE_KIND) == "category":
            self._paint_category(p, option, index)
        else:
            self._paint_item(p, option, index)
        p.restore()

    def _paint_category(self, p: QPainter, option: QStyleOptionViewItem,
                        index: AnyIndex) -> None:
        pal = option.palette
        r = option.rect
        top_gap = 6 if index.row() > 0 else 0
        band = r.adjusted(0, top_gap, 0, 0)
        p.fillRect(band, pal.color(QPalette.ColorRole.Window))
        p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
        p.drawLine(band.bottomLeft(), band.bottomRight())
        small = self._fonts(option)[2]
        p.setFont(small)
        fm = QFontMetrics(small)
        done, total = index.data(ROLE_PROGRESS) or (0, 0)
        count = f"{done} / {total}"
        cw = fm.horizontalAdvance(count)
        mandatory = bool(index.data(ROLE_MANDATORY))
        color = MANDATORY if mandatory else pal.color(QPalette.ColorRole.PlaceholderText)
        p.setPen(color)
        text_rect = band.adjusted(PAD, 0, -PAD - cw - 8, 0)
        title = (index.data(Qt.ItemDataRole.DisplayRole) or "").upper()
        p.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                   fm.elidedText(title, Qt.TextElideMode.ElideRight, text_rect.width()))
        p.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
        p.drawText(band.adjusted(0, 0, -PAD, 0),
                   Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, count)

    def _paint_item(self, p: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        pal = option.palette
        r = option.rect
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        if selected:
            p.fillRect(r, tinted(ACCENT, 38))
            p.fillRect(QRect(r.left(), r.top(), 3, r.height()), ACCENT)
        elif hovered:
            p.fillRect(r, tinted(ACCENT, 14))
        p.setPen(QPen(tinted(pal.color(QPalette.ColorRole.Mid), 90), 1))
        p.drawLine(r.bottomLeft(), r.bottomRight())

        base, badge_font, small = self._fonts(option)
        fm = QFontMetrics(base)
        top = r.top() + 7
        result = Result(index.data(ROLE_RESULT) or Result.NOT_ASSESSED)
        draw_result_glyph(p, QRectF(r.left() + PAD, top + (fm.height() - GLYPH) / 2,
                                    GLYPH, GLYPH), result)

        # code badge: filled for mandatory items, outlined otherwise
        bw = self._badge_width(option)
        bfm = QFontMetrics(badge_font)
        badge = QRectF(r.left() + PAD + GLYPH + 8, top + (fm.height() - bfm.height() - 4) / 2,
                       bw, bfm.height() + 4)
        mandatory = bool(index.data(ROLE_MANDATORY))
        if mandatory:
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(MANDATORY)
        else:
            p.setPen(QPen(pal.color(QPalette.ColorRole.Mid), 1))
            p.setBrush(pal.color(QPalette.ColorRole.Base))
        p.drawRoundedRect(badge, 4, 4)
        p.setFont(badge_font)
        p.setPen(QColor("white") if mandatory else pal.color(QPalette.ColorRole.Text))
        p.drawText(badge, Qt.AlignmentFlag.AlignCenter, index.data(ROLE_CODE) or "")

        # title, wrapped to two lines
        tr = self._title_rect(option, r.width())
        lines = self._wrap(fm, index.data(ROLE_TITLE) or "", tr.width())
        p.setFont(base)
        p.setPen(pal.color(QPalette.ColorRole.Text))
        y = top
        for line in lines:
            p.drawText(QRect(r.left() + tr.left(), y, tr.width(), fm.height()),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, line)
            y += fm.height()
        x, sub_h = r.left() + tr.left(), self._subline_height(option)
        if mandatory:
            p.setFont(small)
            p.setPen(MANDATORY)
            p.drawText(QRect(x, y + 1, tr.width(), sub_h),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, "MANDATORY")
            x += QFontMetrics(small).horizontalAdvance("MANDATORY") + 8
        if index.data(ROLE_REREVIEW):
            bw = min(badge_width(small), r.left() + tr.right() - x)
            draw_rereview_badge(p, QRectF(x, y + 1, bw, sub_h), small)
            x += bw + 8
        if proposed := int(index.data(ROLE_PROPOSED) or 0):
            p.setFont(small)
            p.setPen(ACCENT)
            p.drawText(QRect(x, y + 1, max(0, r.left() + tr.right() - x), sub_h),
                       Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                       f"{proposed} PROPOSED")

        # evidence count with a link glyph; faded when there is none
        n = int(index.data(ROLE_EVIDENCE) or 0)
        p.setFont(base)
        text = str(n)
        tw = fm.horizontalAdvance(text)
        x = r.right() - PAD - tw
        unsupported = n == 0 and index.data(ROLE_RESULT) == "met"  # Met, no evidence
        dim = n == 0 and not unsupported
        p.setOpacity(0.45 if dim else 0.9)
        p.setPen(UNSUPPORTED if unsupported else pal.color(QPalette.ColorRole.Text))
        p.drawText(QRect(x, top, tw, fm.height()), Qt.AlignmentFlag.AlignVCenter, text)
        icon("link").paint(p, QRect(x - 16, top + (fm.height() - 14) // 2, 14, 14))
        p.setOpacity(1.0)
