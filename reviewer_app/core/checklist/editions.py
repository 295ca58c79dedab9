"""What changed between two editions of a standards set, item by item.

Items are matched by id first. An item whose id is gone but whose requirement reads almost
the same as a new item's (rapidfuzz ``token_sort_ratio`` >= ``RENAMED_AT``) was *renamed*
(renumbered), not dropped and added: its findings follow it. An item kept under its id is
*unchanged* when its requirement, title and mandatory flag are the same (whitespace aside),
else *reworded*: its finding must be looked at again.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from reviewer_app.core.checklist.standards import Item, StandardsSet
from reviewer_app.core.errors import StandardsError

RENAMED_AT = 90.0
KINDS = ("unchanged", "reworded", "renamed", "added", "dropped")


@dataclass(frozen=True)
class ItemChange:
    kind: str  # one of KINDS
    old: Item | None
    new: Item | None
    similarity: float = 100.0  # of the requirement texts, 0-100

    @property
    def old_id(self) -> str:
        return self.old.id if self.old else ""

    @property
    def new_id(self) -> str:
        return self.new.id if self.new else ""

    def describe(self) -> str:
        o, n = self.old, self.new
        if self.kind == "added" and n:
            return f"added     {n.code} {n.title}"
        if self.kind == "dropped" and o:
            return f"dropped   {o.code} {o.title}"
        if self.kind == "renamed" and o and n:
            return (f"renamed   {o.code} ({o.id}) -> {n.code} ({n.id}) {n.title} "
                    f"({self.similarity:.0f}% same wording)")
        if self.kind == "reworded" and n:
            return f"reworded  {n.code} {n.title} ({self.similarity:.0f}% same wording)"
        return f"unchanged {n.code if n else ''} {n.title if n else ''}"


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _same(a: Item, b: Item) -> bool:
    return (_norm(a.requirement), _norm(a.title), a.mandatory) == \
        (_norm(b.requirement), _norm(b.title), b.mandatory)


def compare_editions(old: StandardsSet, new: StandardsSet) -> list[ItemChange]:
    """Every item of either edition once, in the new edition's order, dropped ones last."""
    if old.id != new.id:
        raise StandardsError(f"the new edition is of the set '{new.id}', not '{old.id}': an "
                             "upgrade replaces an edition of the same set (add another set "
                             "to the review instead).")
    old_by = {i.id: i for i in old.items}
    new_by = {i.id: i for i in new.items}
    gone = [i for i in old.items if i.id not in new_by]
    fresh = [i for i in new.items if i.id not in old_by]
    renamed: dict[str, tuple[Item, float]] = {}  # new id -> old item
    for o in gone:
        best = max(((fuzz.token_sort_ratio(_norm(o.requirement), _norm(n.requirement)), n)
                    for n in fresh if n.id not in renamed), default=None,
                   key=lambda t: t[0])
        if best and best[0] >= RENAMED_AT:
            renamed[best[1].id] = (o, best[0])
    taken = {o.id for o, _ in renamed.values()}
    out = []
    for n in new.items:
        if n.id in old_by:
            o = old_by[n.id]
            if _same(o, n):
                out.append(ItemChange("unchanged", o, n))
            else:
                ratio = fuzz.token_sort_ratio(_norm(o.requirement), _norm(n.requirement))
                out.append(ItemChange("reworded", o, n, ratio))
        elif n.id in renamed:
            o, ratio = renamed[n.id]
            out.append(ItemChange("renamed", o, n, ratio))
        else:
            out.append(ItemChange("added", None, n, 0.0))
    out += [ItemChange("dropped", o, None, 0.0) for o in gone if o.id not in taken]
    return out


def summary(changes: list[ItemChange]) -> str:
    counts = {k: sum(c.kind == k for c in changes) for k in KINDS}
    return ", ".join(f"{v} {k}" for k, v in counts.items())
