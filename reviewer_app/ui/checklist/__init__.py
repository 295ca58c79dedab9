"""The checklist pane: outcome card, filter and the tree of items."""
