"""Performance benchmarks: app figures measured side by side with the raw calls that bound them.

Run ``python -m benchmarks --json PATH [--quick] [--only NAME,...]`` (``make bench``). Each
``m_*`` module holds one group of metrics; ``harness`` repeats, takes medians, prints the
table with budgets and writes the JSON. Speed is measured here and printed, never asserted in
tests.
"""
