"""The sentence of a suggested passage that says what the item asks, so a list of
suggestions shows the words to judge ("Chokeholds are prohibited unless ...") rather than
the passage's opening heading."""

from __future__ import annotations

import re

from reviewer_app.core.checklist.standards import Item

_SENTENCE = re.compile(r"(?<=[.;:!?])\s+(?=[A-Z(\"\u201c0-9])")
_WORD = re.compile(r"[a-z0-9]+")
MIN_WORDS = 4  # a heading or a clause number alone is no sentence


def _stem(word: str) -> str:
    return word[:6]


def _words(text: str) -> set[str]:
    return {_stem(w) for w in _WORD.findall(text.lower()) if len(w) > 2}


def matching_sentence(item: Item, passage: str) -> str:
    """The passage's sentence sharing most words with the item's search terms (the first
    full sentence when none does)."""
    terms = _words(" ".join(item.search_terms) or item.title)
    sentences = [s.strip() for s in _SENTENCE.split(" ".join(passage.split())) if s.strip()]
    full = [s for s in sentences if len(s.split()) >= MIN_WORDS] or sentences
    if not full:
        return passage.strip()
    best = max(full, key=lambda s: (len(_words(s) & terms), -full.index(s)))
    return best
