"""Standards sets as data and the certification outcome they imply."""
