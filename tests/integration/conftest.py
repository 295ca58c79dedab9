"""End-to-end tests on the real corpus (../shared): every module here is marked ``corpus``.
The window fixtures come from tests/ui for the review driven through the window."""

from __future__ import annotations

from tests.ui.conftest import isolated_dirs, make_window  # noqa: F401
