"""Text from a review, a standards set or a PDF shown as text in the window, never HTML.

Qt guesses whether a label's or a tooltip's text is rich text (``Qt::mightBeRichText``):
an agency named ``<b>x</b>`` would show in bold, ``<img src=...>`` would load a file. So
labels that show such text are set to plain text, and tooltips get the text converted
to HTML that shows it literally.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGui_Qt
from PySide6.QtWidgets import QLabel, QMessageBox


def plain_label(label: QLabel) -> QLabel:
    """``label`` set to show its text literally (returned for chaining)."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_box(box: QMessageBox) -> QMessageBox:
    """A message box whose text (file names, messages) is shown literally."""
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def plain_tip(text: str) -> str:
    """Tooltip text that shows ``text`` literally, line breaks kept."""
    return QtGui_Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)
