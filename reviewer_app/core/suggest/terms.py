"""An item's search phrases (most telling first, grouped by concept) and the ranking weights.

The standards file lists each item's phrases; their place in that list sets their weight,
and phrases sharing a word name one concept. ``WEIGHTS`` are the ranker's hand-set cue
weights (the final score's coefficients live in ``scoring.COEF``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reviewer_app.core.checklist.standards import Item

# Scoring weights. They were set by hand from what an assessor looks for and checked with
# a leave-one-document-out run of benchmarks/suggest_quality.py (see its --loo).
WEIGHTS = {
    "text": 1.0,  # an item phrase in the passage text (times its rarity)
    "near": 0.3,  # ... its words close together rather than verbatim
    "near_span": 2,  # how close: at most this many words in between
    "heading": 1.2,  # ... in the passage's own heading
    "context": 0.35,  # ... further up the heading chain (chapter, section, lead-in)
    "term_decay": 0.07,  # weight lost per place down the item's search_terms list
    "last_term": 0.35,  # floor of that weight
    "synonym": 0.6,  # each further phrase of a concept the passage already names
    "scope": 2.0,  # the standard's theme word ("force") in the passage's heading chain
    "negation": 1.3,  # prohibition items: "shall not", "prohibited", "unless" in the passage
    "citation": 1.6,  # items about the law: the passage cites a statute or a case
    "law_statement": 1.0,  # ... or states the law, naming no item phrase: this much score
    "opening": 1.1,  # the first paragraph under a heading (it carries the heading)
    "definition": 0.4,  # a definition rather than a rule
    "cross_reference": 0.7,  # "guidelines may be found in the ... policy"
    "contents": 0.05,  # a table-of-contents line ("300.7 Chokeholds ........ 3"): never evidence
    "short": 80,  # passages shorter than this many characters weigh less
    "rival": 0.7,  # a passage that names another item much more fully than this one
    "rival_margin": 1.0,  # "much more": this much more evidence
}


_TOKEN = re.compile(r"[a-z0-9]+")
_STOP = {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in",
         "is", "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "when",
         "where", "which", "with", "will", "must", "should", "shall", "policy", "policies",
         "agency", "officer", "officers", "law", "enforcement", "use", "uses", "used", "all",
         "applying", "maintains", "place", "sets", "out", "how", "what", "who", "any",
         "including", "there", "those", "them", "they", "not", "may", "can", "after",
         "before", "other", "another", "appropriate", "provide", "applicable", "addresses",
         "governs", "identify", "promote", "specific", "needs", "best", "brightest"}



def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower().replace("\u2019", "'"))


@dataclass(frozen=True)
class _Term:
    tokens: tuple[str, ...]
    weight: float

    @property
    def phrase(self) -> str:
        return '"' + " ".join(self.tokens) + '"'

    @property
    def near(self) -> str | None:
        """The phrase's content words close together, in any order ("render first aid")."""
        words = [w for w in self.tokens if w not in _STOP]
        if len(words) < 2:
            return None
        return "NEAR(" + " ".join(f'"{w}"' for w in words) + f", {WEIGHTS['near_span']})"


def _content_words(text: str) -> set[str]:
    return {w for w in _tokens(text) if w not in _STOP and len(w) > 2}


def theme_words(items: list[Item]) -> set[str]:
    """Words most items of a standards set share ("force" in the DOJ set): they say which
    part of a long manual the items live in."""
    counts: dict[str, int] = {}
    for item in items:
        for w in _content_words(item.title + " " + item.requirement):
            counts[w] = counts.get(w, 0) + 1
    need = max(3, len(items) / 4)
    return {w for w, n in counts.items() if n >= need}


def item_terms(item: Item, theme: set[str] | frozenset[str] = frozenset()) -> list[_Term]:
    """The item's search phrases, most telling first: their weight falls with their place
    in the standards file. An item without search phrases falls back on its title's words."""
    out: dict[tuple[str, ...], _Term] = {}
    for term in item.search_terms:
        toks = tuple(_tokens(term))
        if toks and toks not in out:
            weight = max(WEIGHTS["last_term"], 1.0 - WEIGHTS["term_decay"] * len(out))
            out[toks] = _Term(toks, weight)
    if not out:
        for word in _tokens(item.title):
            if word not in _STOP and word not in theme and len(word) > 2:
                out.setdefault((word,), _Term((word,), 1.0))
    return list(out.values())


def term_groups(terms: list[_Term], theme: set[str]) -> list[int]:
    """Group number per term: phrases sharing a word ("medical aid", "medical attention")
    name one concept, and a passage gains little from naming it twice."""
    parent = list(range(len(terms)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, t in enumerate(terms):
        for tok in t.tokens:
            if tok in _STOP or tok in theme or len(tok) < 3:
                continue
            key = tok[:5]
            if key in owner:
                parent[find(i)] = find(owner[key])
            else:
                owner[key] = i
    return [find(i) for i in range(len(terms))]
