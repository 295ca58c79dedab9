"""Evidence suggestions: for each checklist item, the passages most likely to be its clause.

Ranking starts from SQLite FTS5 (bm25 over the passage text, its heading and its outline
context), then re-scores the best candidates with cues any policy shares: how many of the
item's search phrases a passage holds and how rare they are, phrases in the heading,
phrases near each other, rule language ("shall", "must") rather than definitions, and,
for items that ask for a prohibition, negation near the phrase ("shall not", "prohibited",
"unless"). The best passages are then cut to the sentences that carry the requirement,
folded and scored in ``scoring`` (one number: the order and the confidence shown), so that
an item the policy does not address gets no confident suggestion.
"""

from __future__ import annotations

import math
import re
import sqlite3
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlite_utils import Database

from reviewer_app.core.checklist.standards import Item, StandardsSet
from reviewer_app.core.index import passages as indexing
from reviewer_app.core.review.schema import migrations
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.suggest.accept import anchor_suggestion, body_ranges  # noqa: F401
from reviewer_app.core.suggest.law import LONG_MANUAL, law_rows, law_statement
from reviewer_app.core.suggest.scoring import Pick, finish, phrases_of
from reviewer_app.core.suggest.spans import Phrase
from reviewer_app.core.suggest.terms import (  # noqa: F401 (item_terms is part of the API)
    _STOP,
    WEIGHTS,
    _content_words,
    _Term,
    _tokens,
    item_terms,
    term_groups,
    theme_words,
)
from reviewer_app.core.text.textmap import DocumentText

CONFIDENT = 0.5  # a suggestion at or above this is shown as likely evidence
CANDIDATES = 80
CONF_MID = 1.1  # evidence cap (minus 0.25) of a passage without a leading phrase
CORE_PHRASE = 0.7  # weight of a leading phrase (about the first five of search_terms)
NEAR_EVIDENCE = 0.7  # a phrase found with its words apart counts this much as evidence


@dataclass(frozen=True)
class Suggestion:
    doc_id: int
    page: int  # 0-based
    start: int  # global canonical offsets into store.document_text(doc_id).text
    end: int
    section: str
    heading: str
    text: str
    score: float  # confidence, 0-1: the one sort key
    marks: tuple[str, ...] = ()  # "definition", "contents", "table", "cross-reference"

    @property
    def label(self) -> str:
        """Section number and heading, as printed: "300.3.2 DUTY TO INTERVENE"."""
        return f"{self.section} {self.heading}".strip()

    @property
    def confident(self) -> bool:
        return self.score >= CONFIDENT


# -- cues --------------------------------------------------------------------------------
_PROHIBITION_ITEM = re.compile(r"\b(prohibit\w*|restrict\w*|ban|bans|forbid\w*)\b", re.I)
# Negation and rule language, as words and word pairs of the passage (cheaper than regexes).
_NEGATION_WORDS = {"prohibited", "prohibit", "prohibits", "prohibiting", "prohibition",
                   "forbidden", "forbid", "forbids", "unauthorized", "unauthorised", "banned",
                   "unless", "except", "never", "cannot"}
_NEGATION_PAIRS = {("shall", "not"), ("will", "not"), ("must", "not"), ("may", "not"),
                   ("should", "not"), ("can", "not"), ("not", "authorized"),
                   ("not", "authorised"), ("not", "permitted"), ("only", "when"),
                   ("only", "if"), ("should", "only"), ("shall", "only"), ("may", "only"),
                   ("will", "only")}
_RULE_WORDS = {"shall", "will", "must", "should", "required", "duty", "responsible"}
_DEFINITION_HEAD = re.compile(r"\bdefinition", re.I)
_DEFINITION_TEXT = re.compile(r"^\W*(?:[A-Za-z0-9]{1,4}[.)]\s+)?[A-Z][\w\s/'\u2019-]{1,40}"
                              r"(?:\s[-\u2013\u2014:]\s|:\s|\s+means\s)")
_OFFICERS = re.compile(r"\bofficers?\b", re.I)  # the item binds officers, not the agency
_LEGAL_ITEM = re.compile(r"\b(laws?|legal|statut\w*|constitution\w*)\b", re.I)
_CITATION = re.compile(  # case law, statutes and codes as US policies cite them
    r"\b\d+\s+U\.\s?S\.\s+\d+|\b[A-Z][a-z]+\s+v\.\s+[A-Z][a-z]+|U\.\s?S\.\s?C\.|\u00a7|"
    r"\b\d{1,3}\s+[A-Z]{2,6}\s+\d|\b(?i:statutes?|compiled statutes|case law|"
    r"constitution|supreme court|code of)\b")
_DOT_LEADER = re.compile(r"(?:\.\s?){6,}")  # the dots that lead a contents line to its page
_CROSS_REFERENCE_WORDS = {"found", "refer", "see", "addressed", "covered", "follow"}
_CROSS_REFERENCE = re.compile(
    r"\b(may be found in|can be found in|are found in|is found in|refer to the|see the|"
    r"is addressed in|are addressed in|are covered in|is covered in|"
    r"follow the (?:guidelines|procedures) (?:in|of|set forth in))\b", re.I)


@dataclass
class _Candidate:
    rowid: int
    doc_id: int
    page: int
    start: int
    end: int
    section: str
    heading: str
    text: str
    context: str
    kind: str
    relevance: float = 0.0  # ranks the passages of one item
    evidence: float = 0.0  # how much of the item it names: weights of the phrase groups found
    rival: bool = False  # it names another item of the set much more fully
    rival_gap: float = 0.0  # how much more fully (evidence) another item is named
    out_of_scope: bool = False  # outside the part of the manual the item's theme names
    theme_chapter: bool = False  # the item is outside the theme, the passage inside it


@dataclass
class _Match:
    scores: dict[int, float]  # passage -> phrase score (rarity-weighted, synonyms saturated)
    evidence: dict[int, float]  # passage -> sum of the best phrase weight per concept
    scale: float  # the three rarest phrases' weight: makes scores comparable across items
    phrases: list[Phrase]  # the same phrases as stems, for cutting a passage to its span


@dataclass
class _Hits:
    text: set[int]
    near: set[int]  # the words close together but not as the exact phrase
    heading: set[int]
    context: set[int]
    idf: float


class Ranker:
    """Ranks the passages of some documents of one index, one item at a time."""

    def __init__(self, db: Database, doc_ids: list[int], theme: set[str] | None = None,
                 texts: Callable[[int], DocumentText] | None = None):
        self.db = db
        self.texts = texts  # canonical text per document: spans are cut inside passages
        self.doc_ids = doc_ids
        self.theme = theme or set()
        self._matches: dict[str, _Match] = {}
        self._cue_cache: dict[int, tuple[float, bool]] = {}
        self._laws: dict[str, set[int]] = {}  # item -> passages stating the law
        self._in_theme: set[int] | None = None  # passages in the theme's chapters
        wanted = set(doc_ids)
        rows = db.execute("SELECT id, doc_id FROM passages").fetchall()
        self.allowed = {r[0] for r in rows if r[1] in wanted}
        self.everything = len(self.allowed) == len(rows)
        self.total = len(self.allowed)

    def forget(self) -> None:
        """Drop cached matches and cues (after WEIGHTS changed, as the benchmark does)."""
        self._matches.clear()
        self._cue_cache.clear()
        self._laws.clear()
        self._in_theme = None

    def _rows(self, match: str) -> set[int]:
        try:
            found = {r[0] for r in self.db.execute(
                "SELECT rowid FROM passages_fts WHERE passages_fts MATCH ?", [match])}
        except sqlite3.OperationalError:
            return set()
        return found if self.everything else found & self.allowed

    def _hits(self, t: _Term) -> _Hits:
        text = self._rows(f"text : {t.phrase}")
        near = self._rows(f"text : {t.near}") - text if t.near else set()
        heading = self._rows(f"heading : {t.phrase}")
        context = self._rows(f"context : {t.phrase}")
        df = len(text) or len(near) or len(heading | context)
        idf = math.log(1 + self.total / (1 + df)) * t.weight if df else 0.0
        return _Hits(text, near, heading, context, idf)

    def _match(self, item: Item) -> _Match:
        """Where the item's phrases occur: per passage, score parts and evidence."""
        if item.id in self._matches:
            return self._matches[item.id]
        terms = item_terms(item, self.theme)
        hits = {t: self._hits(t) for t in terms}
        groups = term_groups(terms, self.theme)
        parts: dict[int, dict[int, list[float]]] = {}  # passage -> group -> contributions
        named: dict[int, dict[int, float]] = {}  # passage -> group -> best phrase weight
        for t, g in zip(terms, groups, strict=True):
            h = hits[t]
            got: dict[int, float] = {}
            for rows, w in ((h.text, WEIGHTS["text"]), (h.near, WEIGHTS["near"]),
                            (h.heading, WEIGHTS["heading"]), (h.context, WEIGHTS["context"])):
                for r in rows:
                    got[r] = got.get(r, 0.0) + w * h.idf
            for r, v in got.items():
                parts.setdefault(r, {}).setdefault(g, []).append(v)
            for rows, w in ((h.text, 1.0), (h.heading, 1.0), (h.near, NEAR_EVIDENCE)):
                for r in rows:
                    by_group = named.setdefault(r, {})
                    by_group[g] = max(by_group.get(g, 0.0), w * t.weight)
        scores = {r: sum(_saturate(vals) for vals in by_group.values())
                  for r, by_group in parts.items()}
        evidence = {r: _evidence(by_group) for r, by_group in named.items()}
        scale = sum(sorted((h.idf for h in hits.values()), reverse=True)[:3]) or 1.0
        match = _Match(scores, evidence, scale, phrases_of(terms, groups, [
            hits[t].idf for t in terms], scale, _STOP))
        self._matches[item.id] = match
        return match

    def rank(self, item: Item, top: int = 5, rivals: Sequence[Item] = ()) -> list[Suggestion]:
        """Best spans for the item, best first: the order of their scores."""
        return [Suggestion(p.doc_id, p.page, p.start, p.end, p.section, p.heading, p.text,
                           p.score, p.marks) for p in self.picks(item, top, rivals)]

    def picks(self, item: Item, top: int | None = 5, rivals: Sequence[Item] = ()
              ) -> list[Pick]:
        """Best passages for the item, cut to their spans. A passage that names one of the
        ``rivals`` (the set's other items) much more fully than this item is more likely
        their clause."""
        if not self.total:
            return []
        match = self._match(item)
        scores, scale = match.scores, match.scale
        scope: set[int] = set()
        own_theme = self.theme & _content_words(item.title + " " + item.requirement)
        for word in sorted(own_theme):
            scope |= self._rows("{heading context} : " + f'"{word}"')
        # an item outside the theme (recruitment: neither it nor its category names "force")
        # read inside the theme's chapters ("Use of Force")
        outside = not (own_theme or self.theme & _content_words(item.category))
        elsewhere = self._theme_rows() if outside and self.theme else set()
        prohibition = bool(_PROHIBITION_ITEM.search(item.requirement + " " + item.title))
        legal = bool(_LEGAL_ITEM.search(item.title))
        if legal:  # law statements name no item phrase: they are candidates by their shape
            scores = self._with_law_statements(item, scores, scale, scope)
        if not scores:
            return []
        boost = WEIGHTS["scope"]  # in a long manual, the item's chapters come first
        best = sorted(scores, key=lambda r: scores[r] * (boost if r in scope else 1.0),
                      reverse=True)[:CANDIDATES]
        cands = self._load(best)
        for c in cands:
            penalty, negation = self._cues(c)
            boost = WEIGHTS["opening"] if c.kind == "opening" else 1.0
            if prohibition and negation:  # "shall not", "prohibited", "unless"
                boost *= WEIGHTS["negation"]
            if legal and (_CITATION.search(c.text) or law_statement(c.text)):
                boost *= WEIGHTS["citation"]
            c.relevance = scores[c.rowid] * boost * penalty / scale
            if c.rowid in scope:
                c.relevance *= WEIGHTS["scope"]
            elif scope:
                c.out_of_scope = True
            c.theme_chapter = c.rowid in elsewhere
            c.evidence = match.evidence.get(c.rowid, 0.0) * penalty
            own = match.evidence.get(c.rowid, 0.0)
            other = max((self._match(r).evidence.get(c.rowid, 0.0) for r in rivals
                         if r.id != item.id), default=0.0)
            c.rival_gap = max(0.0, other - own)
            if other >= own + WEIGHTS["rival_margin"]:
                c.relevance *= WEIGHTS["rival"]
                c.rival = True
        cands.sort(key=lambda c: c.relevance, reverse=True)
        return finish(cands, match.phrases, prohibition, self.texts, top, legal=legal,
                      officers=bool(own_theme or _OFFICERS.search(item.requirement)),
                      rivals=[self._match(r).phrases for r in rivals if r.id != item.id])

    def _theme_rows(self) -> set[int]:
        """Passages whose heading chain names a theme word ("Use of Force")."""
        if self._in_theme is None:
            self._in_theme = {r for w in sorted(self.theme)
                              for r in self._rows("{heading context} : " + f'"{w}"')}
        return self._in_theme

    def _with_law_statements(self, item: Item, scores: dict[int, float], scale: float,
                             scope: set[int]) -> dict[int, float]:
        """The item's scores, raised for passages that state the law ("in accordance with
        state law", "(720 ILCS 5/7-5)"); in a long manual, only within the item's scope."""
        laws = self._laws.get(item.id)
        if laws is None:
            pool = scope if scope and self.total > LONG_MANUAL else self.allowed
            laws = self._laws[item.id] = law_rows(self.db, pool)
        extra = WEIGHTS["law_statement"] * scale
        return {**scores, **{r: scores.get(r, 0.0) + extra for r in laws}}

    def _cues(self, c: _Candidate) -> tuple[float, bool]:
        """Penalty and negation of a passage, worked out once per passage."""
        cues = self._cue_cache.get(c.rowid)
        if cues is None:
            tokens = _tokens(c.text)
            words, pairs = set(tokens), set(zip(tokens, tokens[1:], strict=False))
            negation = bool(words & _NEGATION_WORDS or pairs & _NEGATION_PAIRS)
            cues = (_penalties(c, words), negation)
            self._cue_cache[c.rowid] = cues
        return cues

    def _load(self, rowids: list[int]) -> list[_Candidate]:
        marks = ",".join("?" * len(rowids))
        rows = self.db.execute(
            f"SELECT id, doc_id, page, start, end, section, heading, text, context, kind "
            f"FROM passages WHERE id IN ({marks})", rowids).fetchall()
        return [_Candidate(*r) for r in rows]


def _evidence(best_per_group: dict[int, float]) -> float:
    """Sum of the best phrase weight of each concept named; without one of the item's
    leading phrases (only supporting words such as "firearm", "vehicle"), it stays below
    the confidence bar however many of them there are."""
    total = sum(best_per_group.values())
    if max(best_per_group.values(), default=0.0) < CORE_PHRASE:
        total = min(total, CONF_MID - 0.25)
    return total


def _saturate(values: list[float]) -> float:
    values = sorted(values, reverse=True)
    return values[0] + WEIGHTS["synonym"] * sum(values[1:])


def _penalties(c: _Candidate, words: set[str]) -> float:
    """What makes a passage weaker evidence: a table-of-contents line, a definition (no
    rule language in it), a pointer elsewhere, a fragment."""
    factor = 1.0
    if _DOT_LEADER.search(c.text):
        factor *= WEIGHTS["contents"]
    if not words & _RULE_WORDS and (_DEFINITION_HEAD.search(c.context)
                                    or _DEFINITION_TEXT.match(c.text)):
        factor *= WEIGHTS["definition"]
    if words & _CROSS_REFERENCE_WORDS and _CROSS_REFERENCE.search(c.text):
        factor *= WEIGHTS["cross_reference"]
    size = len(c.text)
    if size < WEIGHTS["short"]:
        factor *= 0.75 + 0.25 * size / WEIGHTS["short"]
    return factor


# -- entry points ------------------------------------------------------------------------
def _items(standards: StandardsSet, item_id: str | None) -> list[Item]:
    return [standards.item(item_id)] if item_id else list(standards.items)


_RANKERS: weakref.WeakKeyDictionary[ReviewStore, tuple[tuple, Ranker]] = \
    weakref.WeakKeyDictionary()


def suggest(store: ReviewStore, item_id: str | None = None,
            top: int = 5) -> dict[str, list[Suggestion]]:
    """Top suggestions per item over the review's active documents.

    The ranker (and what it learnt about each item's phrases) is kept per open store until
    its documents or index change, so asking item by item, as the window does, is cheap.
    """
    standards = store.standards()
    ranker = ranker_for(store)
    rivals = list(standards.items)
    return {item.id: ranker.rank(item, top, rivals) for item in _items(standards, item_id)}


def ranker_for(store: ReviewStore) -> Ranker:
    """The store's ranker, re-indexing first when the segmenter changed."""
    standards = store.standards()
    doc_ids = [d.id for d in store.documents()]
    db = store.db
    if not indexing.index_is_current(db):
        if store.read_only:
            db = memory_index({d: store.document_text(d) for d in doc_ids})
        else:  # once, through the write path (see index_rebuild)
            from reviewer_app.core.review.index_rebuild import rebuild_stale_index

            rebuild_stale_index(store)
    key = (tuple(doc_ids), standards.sha256, tuple(sorted(WEIGHTS.items())),
           *db.execute("SELECT count(*), coalesce(max(id), 0) FROM passages").fetchone())
    cached = _RANKERS.get(store)
    if cached is not None and cached[0] == key:
        ranker = cached[1]
    else:
        ranker = Ranker(db, doc_ids, theme_words(list(standards.items)), store.document_text)
        _RANKERS[store] = (key, ranker)
    return ranker


def memory_index(texts: dict[int, DocumentText]) -> Database:
    db = Database(sqlite3.connect(":memory:"))
    migrations.apply(db)
    for doc_id, text in texts.items():
        indexing.index_document(db, doc_id, text)
    return db


def suggest_text(text: DocumentText, standards: StandardsSet, item_id: str | None = None,
                 top: int = 5) -> dict[str, list[Suggestion]]:
    """Suggestions for one document that is not in a review (doc_id 1), indexed in memory."""
    items = _items(standards, item_id)
    ranker = Ranker(memory_index({1: text}), [1], theme_words(list(standards.items)),
                    {1: text}.__getitem__)
    return {item.id: ranker.rank(item, top, list(standards.items)) for item in items}
