"""Merging two copies of one review edited offline (``reviewer-app merge``).

How it works, in four steps (one module each):

1. ``copies.open_theirs`` opens the other copy safely (a consistent temporary copy, so a
   file on a stick is never written) and refuses what cannot be merged: another review,
   a newer format, a damaged, altered or locked file, the review itself.
2. ``snapshot.read_copy`` reads each copy as *natural rows*: every registered table keyed
   by a key both copies share (evidence by its ``uid``, documents by SHA-256, findings by
   item), local integer ids replaced by those keys, each row with its *stamp*: the uid of
   the logged action that last set it (``stable_ids``; a deleted row keeps its stamp as a
   tombstone), and the set of actions the copy knows (its log, plus what earlier merges
   brought in).
3. ``plan.plan_merge`` decides per key, symmetrically: a row whose stamp the other copy
   knows was not changed there since they split, so the other side's version descends
   from it and wins; a row changed in both copies since the split is a **conflict** unless
   both versions agree. A conflict is stored in ``merge_conflicts`` with both candidates
   (in a canonical order) and the row takes the spec's conflict form (a finding becomes
   "not assessed", flagged for re-review); nothing is chosen silently.
4. ``apply.MergeWriter`` writes the plan inside the merge command's one transaction and
   remembers what it replaced, so the merge is one undoable, logged action
   (``commands.merging.MergeCopy``); ``SettleConflict`` settles a conflict.

``content.review_content`` is the canonical comparison of two reviews (what the property
tests compare: rows by natural key, no local ids, no log bytes).

**Registering a table** (e.g. the second review's results) takes a few lines in
``tables.py``::

    register(TableSpec("second_results", key="item_id",
                       columns=("item_id", "result", "rationale", "reviewer", "at"),
                       compare=("result", "rationale"), label=lambda r: f"second review of "
                       f"{r['item_id']}"))

The store then stamps the table's rows (temporary triggers, ``stable_ids``), and merging,
conflicts, undo and the content comparison cover it. A table whose rows point at another
table's integer id names that column in ``refs`` (``refs=(("doc_id", "documents"),)``); a
table with an integer id of its own names it in ``local_id`` (renumbered on import).
"""
