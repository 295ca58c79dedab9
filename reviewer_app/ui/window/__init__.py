"""The main window, its action registry, menus, status bar and start page."""
