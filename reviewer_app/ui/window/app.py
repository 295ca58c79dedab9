"""Starting the window: ``reviewer-app [FILE] [--screenshot OUT.png] [--item ID] [--page N]``.

With no FILE the bundled demo review opens, so a new user sees a working review at once.
``--screenshot`` renders the window offscreen at 1440x900 once the visible pages are
drawn, saves it and exits (0 on success); it never touches the user's settings.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from reviewer_app import __version__


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="reviewer-app",
                                description="Offline reviewer workstation (window).")
    p.add_argument("file", nargs="?", type=Path, help="a .review file (default: the demo)")
    p.add_argument("--screenshot", type=Path, metavar="OUT.png",
                   help="render the window offscreen at 1440x900, save it and exit")
    p.add_argument("--size", default="1440x900", metavar="WxH",
                   help="window size for --screenshot (e.g. 1366x768)")
    p.add_argument("--item", help="select this checklist item (id or code, e.g. chokehold, B)")
    p.add_argument("--page", type=int, help="show this page (1-based)")
    p.add_argument("--as", dest="as_user", metavar="NAME",
                   help="the person at the keyboard, for this session (default: the name "
                        "this computer remembers)")
    p.add_argument("--version", action="version", version=f"reviewer-app {__version__}")
    return p.parse_args(argv)


def run_gui(argv: list[str]) -> int:
    try:
        args = parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if args.screenshot and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from reviewer_app.platform_check import EXIT_MISSING, check_for_window

    problem = check_for_window()  # Qt would abort; name the packages to install instead
    if problem:
        print(problem, file=sys.stderr)
        return EXIT_MISSING

    from PySide6.QtWidgets import QApplication

    from reviewer_app.ui.common.style import apply_style
    from reviewer_app.ui.dialogs import common as dialogs
    from reviewer_app.ui.window.main_window import MainWindow
    from reviewer_app.ui.window.settings import Settings

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "reviewer-app"])
    assert isinstance(app, QApplication)  # not a bare QCoreApplication: the window needs one
    apply_style(app)
    settings = None
    if args.screenshot:
        dialogs.NONINTERACTIVE = True  # errors go to stderr, never a modal box
        from PySide6.QtCore import QSettings

        tmp = Path(tempfile.mkdtemp(prefix="reviewer-shot-"))
        settings = Settings(QSettings(str(tmp / "settings.ini"), QSettings.Format.IniFormat))
    if args.as_user:
        from reviewer_app.core.review.workflow.user import set_session_user

        set_session_user(args.as_user)
    elif not args.screenshot:
        from reviewer_app.ui.workflow.features import ask_name_once

        ask_name_once(None)  # once per computer: the name every change records
    win = MainWindow(settings)
    opened = win.open_review(args.file) if args.file else win.open_demo()
    if not opened and args.screenshot:
        return 2
    if opened and args.item:
        if not select_item(win, args.item):
            print(f"reviewer-app: no checklist item '{args.item}'", file=sys.stderr)
            if args.screenshot:
                return 2
    if opened and args.page:
        win.view.go_to_page(max(args.page - 1, 0))
    if args.screenshot:
        from reviewer_app.ui.window.screenshot import take_screenshot

        try:
            w, h = args.size.lower().split("x", 1)
            size = (int(w), int(h))
        except ValueError:
            print(f"reviewer-app: --size {args.size}: give WIDTHxHEIGHT, e.g. 1366x768",
                  file=sys.stderr)
            return 2
        if args.page:
            win.resize(*size)
            win.show()
            win.view.go_to_page(max(args.page - 1, 0))
        rendered = take_screenshot(win, args.screenshot, size)
        if not rendered:
            print("reviewer-app: pages were still rendering when the screenshot was taken",
                  file=sys.stderr)
        print(f"saved {args.screenshot}")
        win.close()
        return 0
    win.show()
    return app.exec()


def select_item(win, ref: str) -> bool:
    """Select by item id, or by code (case-insensitive)."""
    if win.session is None:
        return False
    standards = win.session.standards
    if standards.has_item(ref):
        return win.checklist.select_item(ref)
    match = [i for i in standards.items if i.code.lower() == ref.lower()]
    return bool(match) and win.checklist.select_item(match[0].id)
