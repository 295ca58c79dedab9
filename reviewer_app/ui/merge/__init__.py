"""File > Merge a copy…: bringing in a copy of the review edited elsewhere."""
