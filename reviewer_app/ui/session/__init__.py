"""One open review in the window: its store, the undo stack over core commands, file actions."""
