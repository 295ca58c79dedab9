"""The office's caseload: every review file of an office read into one index.

``scan`` reads ``.review`` files read-only into an SQLite index (``index``); ``queries``
lists and summarises it; ``cops`` writes the yearly list for the DOJ COPS Office;
``publish`` copies the index rows to a state-wide PostgreSQL database. Only index rows
(agency, dates, outcome) ever leave a review file here: no PDFs, no quotes.
"""
