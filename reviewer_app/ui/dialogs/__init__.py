"""Dialogs that are not part of one pane: new review, details, errors, passwords, shortcuts."""
