"""The Caseload view: every review of the office in one sortable, filterable table."""
