"""Replacing a policy with its revision and showing what happened to the evidence."""
