"""A document's passages: segmentation into citable clauses and their search index."""
