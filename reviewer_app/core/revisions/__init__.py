"""A revised policy replacing the old one: re-anchoring every evidence onto the new text."""
