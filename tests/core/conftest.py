"""Fixtures of the suggestion tests: a generated use-of-force policy (see policy_pdfs)."""

from __future__ import annotations

import pytest
from policy_pdfs import force_policy_blocks, layout_pdf


@pytest.fixture(scope="session")
def force_policy_pdf() -> bytes:
    return layout_pdf(force_policy_blocks())
