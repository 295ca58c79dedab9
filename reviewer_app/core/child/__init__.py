"""The child process: PDF work that must not block or endanger the window (reading, rendering)."""
