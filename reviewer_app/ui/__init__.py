"""The window: widgets only. Reads through the core's store, changes through its commands."""
