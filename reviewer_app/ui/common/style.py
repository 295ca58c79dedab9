"""The look: Fusion with a quiet light palette, an accent blue, hairline separators.

Sizes are left to the system font (only ratios are set here), so the window follows the
user's text size; colours come from the palette where a role exists.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontInfo, QPalette
from PySide6.QtWidgets import QApplication

from reviewer_app.resources import resource_path
from reviewer_app.ui.common.icons import app_icon
from reviewer_app.ui.common.theme import ACCENT, MANDATORY

STYLESHEET = """
QMainWindow::separator { background: #D5DAE1; width: 1px; height: 1px; }
QSplitter::handle { background: #D5DAE1; }
QToolBar#MainToolbar { background: #F7F8FA; border: none; border-bottom: 1px solid #D5DAE1;
    spacing: 2px; padding: 4px 8px; }
QToolBar#MainToolbar QToolButton { padding: 4px 6px; border-radius: 5px; }
QToolBar#MainToolbar QToolButton:hover { background: #E6EBF2; }
QToolBar#MainToolbar QToolButton:checked { background: #DCE7F5; }
QToolBar#MainToolbar QToolButton:disabled { color: #A3ABB6; }
QToolBar#MainToolbar QToolButton#qt_toolbar_ext_button { padding: 0; }
QStatusBar { background: #F7F8FA; border-top: 1px solid #D5DAE1; }
QStatusBar QLabel { color: #4A5461; }
QLabel#SaveState { color: #2E7D32; }

#ChecklistPanel, #ItemPanelBody, #ItemPanel, #ChecklistTree { background: #FFFFFF; }
#ChecklistTree { border: none; border-top: 1px solid #E3E7EC; }
#OutcomeCard { background: #FFFFFF; }
QLabel#Muted { color: #5F6B7A; }
QLabel#SectionTitle { color: #5F6B7A; padding-top: 2px; }
QLabel#ErrorText { color: @mandatory@; }
QLabel#CodeBadge { border: 1px solid #B8C0CC; border-radius: 5px; background: #F3F5F8;
    color: #1D2530; }
QLabel#CodeBadge[mandatory="true"] { background: @mandatory@; color: white; border: none; }
QLabel#Guidance { background: #F4F6F9; border-left: 3px solid #C5D0DE; padding: 8px 10px;
    color: #3A4350; }
QProgressBar { background: #E6EAF0; border: none; border-radius: 3px; }
QProgressBar::chunk { background: @accent@; border-radius: 3px; }

QToolButton#Segment { border: 1px solid #B8C0CC; background: #FFFFFF; padding: 5px 4px;
    margin-left: -1px; color: #1D2530; }
QToolButton#Segment[position="first"] { border-top-left-radius: 6px;
    border-bottom-left-radius: 6px; margin-left: 0; }
QToolButton#Segment[position="last"] { border-top-right-radius: 6px;
    border-bottom-right-radius: 6px; }
QToolButton#Segment[position="single"] { border-radius: 6px; margin-left: 0; }
QToolButton#Segment:hover { background: #F0F4FA; }
QToolButton#Segment:checked { background: #E1ECFA; border: 1px solid @accent@;
    font-weight: bold; }
QToolButton#Segment:focus { border: 2px solid @accent@; }
QToolButton#Segment:disabled, QToolButton#ClearResult:disabled { color: #A3ABB6; }
QToolButton#Segment:checked:disabled { background: #EEF1F5; border-color: #C3CAD4; }
QPlainTextEdit#RationaleEditor[readOnly="true"] { background: #F7F8FA; color: #4A5461; }

QToolButton#ClearResult { border: 1px solid transparent; border-radius: 6px; padding: 5px 6px;
    color: #4A5461; }
QToolButton#ClearResult:hover { background: #EEF1F5; border-color: #C3CAD4; }
QToolButton#ClearResult:focus { border: 2px solid @accent@; }
QToolButton#LinkButton { background: @accent@; color: white; border: none;
    border-radius: 5px; padding: 4px 10px; font-weight: bold; }
QToolButton#LinkButton:hover { background: #184E8C; }
QToolButton#LinkButton:disabled { background: #AAB4C2; }
QToolButton#LinkButton:focus { border: 2px solid #0B2F5A; }

#DocumentHeader { background: #F7F8FA; border-bottom: 1px solid #D5DAE1; }
#DocumentBar { background: #F7F8FA; }
#DocumentBar QToolButton { padding: 3px; border-radius: 4px; }
#DocumentBar QToolButton:hover { background: #E6EBF2; }
QFrame#BarSeparator { color: #D5DAE1; }
QTabBar#DocumentTabs::tab { padding: 6px 14px; border: 1px solid transparent;
    border-bottom: 2px solid transparent; color: #4A5461; max-width: 320px; }
QTabBar#DocumentTabs::tab:selected { color: #111820; border-bottom: 2px solid @accent@;
    font-weight: bold; }
QTabBar#DocumentTabs::tab:hover:!selected { color: #111820; background: #EEF1F5; }
#FindBar { background: #FFF8E1; border-bottom: 1px solid #E8D9A8; }
#SuggestionRow { border: 1px solid #E1E5EB; border-radius: 6px; background: #FBFCFD; }
#SuggestionRow:hover { border-color: #B9C8DC; background: #F3F7FC; }
#SuggestionRow:focus { border: 2px solid @accent@; }
QLabel#Snippet { color: #3A4350; }
#WelcomePage { background: #EEF1F5; }
#WelcomeCard { background: #FFFFFF; border: 1px solid #D5DAE1; border-radius: 10px; }
QPlainTextEdit#RationaleEditor { border: 1px solid #C3CAD4; border-radius: 5px; padding: 4px;
    background: #FFFFFF; }
QPlainTextEdit#RationaleEditor:focus { border: 1px solid @accent@; }
QLineEdit { border: 1px solid #C3CAD4; border-radius: 5px; padding: 3px 6px;
    background: #FFFFFF; }
QLineEdit:focus { border: 1px solid @accent@; }
QDockWidget::title { background: #F7F8FA; padding: 6px; border-bottom: 1px solid #D5DAE1; }
""".replace("@accent@", ACCENT.name()).replace("@mandatory@", MANDATORY.name())


def _bundled_ui_font(app: QApplication) -> None:
    """On a bare Linux desktop whose only font is DejaVu Sans, use the bundled Noto Sans
    (same size): it is the narrower, calmer face the layout was designed with. Any other
    system font (Segoe UI, SF, Cantarell, a user's choice) is left alone."""
    current = app.font()
    if QFontInfo(current).family() not in ("DejaVu Sans", "Bitstream Vera Sans"):
        return
    families = []
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", "NotoSans-Italic.ttf"):
        path = resource_path("resources", "fonts", name)
        if path.exists():
            fid = QFontDatabase.addApplicationFont(str(path))
            families += QFontDatabase.applicationFontFamilies(fid) if fid >= 0 else []
    if families:
        font = QFont(current)
        font.setFamily(families[0])
        app.setFont(font)


def apply_style(app: QApplication) -> None:
    app.setApplicationName("Reviewer")
    app.setApplicationDisplayName("Reviewer")
    app.setOrganizationName("reviewer-app")
    app.setWindowIcon(app_icon())
    app.setStyle("Fusion")
    _bundled_ui_font(app)
    pal = app.palette()
    pal.setColor(QPalette.ColorRole.Window, QColor("#F2F4F7"))
    pal.setColor(QPalette.ColorRole.Base, QColor("#FFFFFF"))
    pal.setColor(QPalette.ColorRole.AlternateBase, QColor("#F7F8FA"))
    pal.setColor(QPalette.ColorRole.Text, QColor("#1D2530"))
    pal.setColor(QPalette.ColorRole.WindowText, QColor("#1D2530"))
    pal.setColor(QPalette.ColorRole.ButtonText, QColor("#1D2530"))
    pal.setColor(QPalette.ColorRole.Button, QColor("#F7F8FA"))
    pal.setColor(QPalette.ColorRole.Mid, QColor("#C3CAD4"))
    pal.setColor(QPalette.ColorRole.PlaceholderText, QColor("#6B7684"))
    pal.setColor(QPalette.ColorRole.Highlight, ACCENT)
    pal.setColor(QPalette.ColorRole.HighlightedText, QColor("#FFFFFF"))
    pal.setColor(QPalette.ColorRole.ToolTipBase, QColor("#FFFFFF"))
    pal.setColor(QPalette.ColorRole.ToolTipText, QColor("#1D2530"))
    disabled = QPalette.ColorGroup.Disabled
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText,
                 QPalette.ColorRole.ButtonText):
        pal.setColor(disabled, role, QColor("#A3ABB6"))
    app.setPalette(pal)
    app.setStyleSheet(STYLESHEET)
