"""Evidence suggestions: the passages most likely to be each checklist item's clause."""
