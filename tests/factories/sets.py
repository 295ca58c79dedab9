"""A stand-in for a CALEA-style set (the licensed text is not shipped): the chapter 1 and 4
standard numbers the DOJ set cites, so the bundled doj-2020_to_calea crosswalk checks."""

from __future__ import annotations

from pathlib import Path

from reviewer_app.core.checklist.standards import Category, Item, StandardsSet
from reviewer_app.core.checklist.toml_writer import toml_document

CALEA_TITLES = {"4.1.1": "Use of reasonable force", "4.1.3": "Warning shots",
                "4.1.5": "Medical aid after force", "4.1.6": "Neck restraints",
                "4.1.7": "Chokeholds", "1.2.10": "Duty to intervene"}


def calea_set() -> StandardsSet:
    items = tuple(Item(id=n, code=n, title=t, category="ch1" if n.startswith("1.") else "ch4",
                       requirement=f"A written directive governs {t.lower()}.")
                  for n, t in CALEA_TITLES.items())
    return StandardsSet("calea", "CALEA Standards (test stand-in)", "6.13", "test", 36,
                        (Category("ch1", "Chapter 1: Law enforcement role and authority"),
                         Category("ch4", "Chapter 4: Use of force")), items)


def write_calea(path: Path) -> Path:
    s = calea_set()
    path.write_text(toml_document(
        {"id": s.id, "title": s.title, "edition": s.edition, "publisher": s.publisher,
         "certification_months": 36},
        {"categories": [{"id": c.id, "title": c.title} for c in s.categories],
         "items": [{"id": i.id, "code": i.code, "category": i.category, "title": i.title,
                    "requirement": i.requirement} for i in s.items]}), encoding="utf-8")
    return path
