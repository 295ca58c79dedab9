"""Text matching: canonical text and page map, normalisation, anchoring, find, furniture."""
