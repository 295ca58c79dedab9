"""Two people, one review: who is at the keyboard (``user``), the people and their roles
(``people``), the stage and its guard (``stage``), the second reviewer's blind results and
reconciliations (``reads``) and the agreement between the two reviewers (``agreement``).

The commands that change these live in ``core/review/commands/workflow.py``. This package
imports nothing from ``commands`` (the command base imports ``stage`` for its guard).
"""
