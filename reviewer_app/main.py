"""Entry point: a sub-command runs headless; anything else opens the window."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    from reviewer_app.core.child.main import run_worker_if_asked

    if run_worker_if_asked(argv):  # the window's child process (frozen builds too)
        return 0
    if "--self-test" in argv:
        from reviewer_app.selftest import run_self_test

        return run_self_test(argv)
    from reviewer_app.cli import COMMAND_NAMES, run_cli

    rest = argv[2:] if argv[:1] == ["--as"] else argv[1:] if argv[:1] and argv[0].startswith(
        "--as=") else argv  # `--as NAME` (the person at the keyboard) comes first
    if not rest or rest[0] not in COMMAND_NAMES | {"-h", "--help", "--version"}:
        from reviewer_app.ui.window.app import run_gui

        return run_gui(argv)
    return run_cli(argv)
