"""The office's clause library: evidence clauses of finished reviews, remembered so that a
template clause seen before is offered as a confirmation rather than searched for again."""
