"""Headless commands for scripting, batch work and tests.

Each module named in ``COMMAND_MODULES`` adds its sub-commands with ``register(sub)``;
a sub-command's handler takes the parsed args and returns an exit code. User mistakes
raise ``ReviewError`` and become one line on stderr with exit code 2.
"""

from __future__ import annotations

import argparse
import importlib
import sqlite3
import sys

from reviewer_app import __version__
from reviewer_app.cli.output import SafeStream
from reviewer_app.core.errors import ReviewError

COMMAND_MODULES = ("review_cmds", "standards_cmds", "suggest_cmds", "packet_cmds",
                   "revision_cmds", "caseload_cmds", "check_cmds", "library_cmds", "sets_cmds",
                   "keys_cmds", "merge_cmds", "workflow_cmds")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reviewer-app",
        description="Reviewer workstation for safe-policing certification reviews. "
                    "Without a command, opens the window (with FILE, or the demo review).")
    parser.add_argument("--version", action="version", version=f"reviewer-app {__version__}")
    parser.add_argument("--as", dest="as_user", metavar="NAME",
                        help="who is at the keyboard, for the log (default: the name this "
                             "computer remembers, else $REVIEWER_APP_USER, else the login)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(f"reviewer_app.cli.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"reviewer_app.cli.{name}":
                raise
            continue
        module.register(sub)
    return parser


# Known without importing every command module, so that `reviewer-app FILE.review` starts
# the window without loading the packet and suggestion code (~0.3 s). A test keeps this in
# step with the parser.
COMMAND_NAMES = frozenset({
    "new", "add-doc", "link", "unlink", "finding", "status", "log", "standards", "suggest",
    "export", "verify", "replace-doc", "confirm", "unlock", "caseload", "check",
    "library", "add-set", "proposals", "accept", "keys", "merge", "conflicts", "settle",
    "submit", "second", "agreement", "reconcile", "signoff", "reopen"})


def command_names() -> set[str]:
    """The sub-commands the parser really has (imports every command module)."""
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices)
    return set()


def run_cli(argv: list[str]) -> int:
    """Run one sub-command with stdout and stderr passed through the terminal sanitiser."""
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    try:
        return _run(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def _run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 0
    if args.as_user is not None:
        from reviewer_app.core.review.workflow.user import clean_name, set_session_user

        if not clean_name(args.as_user):
            print(f"reviewer-app {args.command}: error: --as needs a name.", file=sys.stderr)
            return 2
        set_session_user(args.as_user)
    try:
        return int(args.handler(args) or 0)
    except ReviewError as exc:
        print(f"reviewer-app {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except sqlite3.DatabaseError as exc:
        print(f"reviewer-app {args.command}: error: the review file is damaged or not a "
              f"review ({exc}).", file=sys.stderr)
        return 2
    except BrokenPipeError:  # output piped into `head` and closed early
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130
