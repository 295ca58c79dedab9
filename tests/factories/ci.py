"""Whether the suite runs in CI, where every input (../shared, Tesseract, PostgreSQL) must
be present, so a test that would skip for want of one fails instead."""

from __future__ import annotations

import os


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")
