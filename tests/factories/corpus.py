"""The real corpus (../shared/corpus): present on developer machines and always in CI.

A test that needs it is marked ``corpus``; the skips below carry CORPUS_ABSENT in their
reason, so tests/conftest.py can turn them into failures when CI=true.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .paths import ROOT

CORPUS = ROOT.parent / "shared" / "corpus"
CORPUS_ABSENT = "../shared absent"


def corpus_pdf(name: str) -> Path:
    """Path of a corpus document; skips the test when the corpus is not there."""
    path = CORPUS / "docs" / name
    if not path.exists():
        pytest.skip(f"corpus document {name} not available ({CORPUS_ABSENT})")
    return path


def corpus_labels() -> dict:
    """labels.json: the verbatim evidence clauses per document and item."""
    path = CORPUS / "labels.json"
    if not path.exists():
        pytest.skip(f"corpus labels not available ({CORPUS_ABSENT})")
    return json.loads(path.read_text())


def labelled_documents() -> list[str]:
    """File names of the labelled documents, for parametrising (empty without a corpus)."""
    path = CORPUS / "labels.json"
    if not path.exists():
        return []
    return [Path(d["file"]).name for d in json.loads(path.read_text())["documents"]]
