"""check: every problem of a review file at once (altered rows, broken log chain,
edited standards copy, replaced document bytes), without changing it."""

from __future__ import annotations

import argparse
import sqlite3
from pathlib import Path

from reviewer_app.core.errors import ReviewFileError
from reviewer_app.core.review.integrity import all_problems
from reviewer_app.core.review.store import check_review_file


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="report every problem of a review file at once")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=check)


def check(args: argparse.Namespace) -> int:
    path: Path = args.file
    check_review_file(path)
    uri = path.absolute().as_uri() + "?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise ReviewFileError(f"{path}: cannot open the review file ({exc}).") from exc
    try:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
        if not {"meta", "review", "log", "documents"} <= tables:
            raise ReviewFileError(f"{path}: a SQLite database, but not a review file.")
        problems = all_problems(conn)
    except sqlite3.DatabaseError as exc:
        raise ReviewFileError(f"{path}: the review file is damaged ({exc}).") from exc
    finally:
        conn.close()
    for problem in problems:
        print(f"problem: {problem}")
    if problems:
        print(f"{path.name}: {len(problems)} problem(s); the file was not changed.")
        return 1
    print(f"{path.name}: no problems found (rows, log chain, standards copy, documents).")
    return 0
