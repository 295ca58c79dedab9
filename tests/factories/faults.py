"""Failures to inject with monkeypatch, as the machine would raise them."""

from __future__ import annotations

import sqlite3


def disk_full(*_args, **_kwargs) -> None:
    """Stand-in for any write: SQLite's error when the disk (or the USB stick) is full."""
    raise sqlite3.OperationalError("database or disk is full")
