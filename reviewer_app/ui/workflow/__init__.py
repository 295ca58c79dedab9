"""Second review and sign-off in the window: the stage in the status bar, the Review menu's
actions, the agreement and reconciliation screen, the sign-off and the name asked once."""
