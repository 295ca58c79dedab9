"""The domain: standards, the review file, documents, anchoring, outcome. Never imports Qt."""
