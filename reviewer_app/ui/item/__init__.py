"""The item panel: requirement, result, evidence, rationale and suggestions of the selected item."""
