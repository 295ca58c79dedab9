"""Copies of one review edited apart, and merging them as the command line does."""

from __future__ import annotations

import shutil
from pathlib import Path

from reviewer_app.core.review import commands as cmd
from reviewer_app.core.review.commands.merging import MergeCopy
from reviewer_app.core.review.merge.content import review_content
from reviewer_app.core.review.merge.copies import read_theirs
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.revisions.merge_reanchor import reanchor_onto


def copy_review(src: Path, dest: Path) -> Path:
    """A byte copy of a closed review file (a copy carried to another laptop)."""
    for side in ("-wal", "-shm"):
        dest.with_name(dest.name + side).unlink(missing_ok=True)
    shutil.copyfile(src, dest)
    return dest


def merged(mine: Path, theirs: Path, out: Path) -> MergeCopy | None:
    """``theirs`` merged into a copy of ``mine`` written to ``out``; the command run
    (None when there was nothing to merge)."""
    copy_review(mine, out)
    with ReviewStore.open(out) as store:
        c = MergeCopy(read_theirs(theirs, store), reanchor=reanchor_onto,
                      mine_name=mine.name)
        try:
            cmd.run(store, c)
        except Exception as exc:
            if "nothing to merge" in str(exc):
                return None
            raise
    return c


def content_of(path: Path) -> dict:
    with ReviewStore.open(path, read_only=True) as store:
        return review_content(store.conn)
