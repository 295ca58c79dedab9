"""Look and plumbing shared by every pane: theme, style, icons, notice bar, workers."""
