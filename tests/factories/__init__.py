"""Plain functions that build what tests need: generated PDFs, texts without a PDF,
reviews built through the core's commands, the corpus paths. No fixtures live here
(those stay in the conftest.py at the level that shares them)."""
