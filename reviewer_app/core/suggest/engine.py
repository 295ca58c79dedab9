"""Evidence suggestions: for each checklist item, the passages most likely to be its clause.

Ranking starts from SQLite FTS5 (bm25 over the passage text, its heading and its outline
context), then re-scores the best candidates with cues any policy shares: how many of the
item's search phrases a passage holds and how rare they are, phrases in the heading,
phrases near each other, rule language ("shall", "must") rather than definitions, and,
for items that ask for a prohibition, negation near the phrase ("shall not", "prohibited",
"unless"). Overlapping passages are collapsed, and each suggestion gets a 0-1 confidence
so that an item the policy does not address gets no confident suggestion.
"""

from __future__ import annotations

import math
import re
import sqlite3
import weakref
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlite_utils import Database

from reviewer_app.core.checklist.standards import Item, StandardsSet
from reviewer_app.core.index import passages as indexing
from reviewer_app.core.review.schema import migrations
from reviewer_app.core.review.store import ReviewStore
from reviewer_app.core.text.anchoring import TextAnchor, anchor_span
from reviewer_app.core.text.textmap import DocumentText

CONFIDENT = 0.5  # a suggestion at or above this is shown as likely evidence
CANDIDATES = 80
CONF_MID = 1.1  # evidence at which confidence is 0.5
CONF_SLOPE = 4.0
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
    score: float  # confidence, 0-1

    @property
    def label(self) -> str:
        """Section number and heading, as printed: "300.3.2 DUTY TO INTERVENE"."""
        return f"{self.section} {self.heading}".strip()

    @property
    def confident(self) -> bool:
        return self.score >= CONFIDENT


# -- query terms -------------------------------------------------------------------------
_TOKEN = re.compile(r"[a-z0-9]+")
_STOP = {"a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "in",
         "is", "it", "its", "of", "on", "or", "that", "the", "their", "this", "to", "when",
         "where", "which", "with", "will", "must", "should", "shall", "policy", "policies",
         "agency", "officer", "officers", "law", "enforcement", "use", "uses", "used", "all",
         "applying", "maintains", "place", "sets", "out", "how", "what", "who", "any",
         "including", "there", "those", "them", "they", "not", "may", "can", "after",
         "before", "other", "another", "appropriate", "provide", "applicable", "addresses",
         "governs", "identify", "promote", "specific", "needs", "best", "brightest"}

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
    "opening": 1.1,  # the first paragraph under a heading (it carries the heading)
    "definition": 0.4,  # a definition rather than a rule
    "cross_reference": 0.7,  # "guidelines may be found in the ... policy"
    "contents": 0.05,  # a table-of-contents line ("300.7 Chokeholds ........ 3"): never evidence
    "short": 80,  # passages shorter than this many characters weigh less
    "rival": 0.7,  # a passage that names another item much more fully than this one
    "rival_margin": 1.0,  # "much more": this much more evidence
}


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


@dataclass
class _Match:
    scores: dict[int, float]  # passage -> phrase score (rarity-weighted, synonyms saturated)
    evidence: dict[int, float]  # passage -> sum of the best phrase weight per concept
    scale: float  # the three rarest phrases' weight: makes scores comparable across items


@dataclass
class _Hits:
    text: set[int]
    near: set[int]  # the words close together but not as the exact phrase
    heading: set[int]
    context: set[int]
    idf: float


class Ranker:
    """Ranks the passages of some documents of one index, one item at a time."""

    def __init__(self, db: Database, doc_ids: list[int], theme: set[str] | None = None):
        self.db = db
        self.doc_ids = doc_ids
        self.theme = theme or set()
        self._matches: dict[str, _Match] = {}
        self._cue_cache: dict[int, tuple[float, bool]] = {}
        wanted = set(doc_ids)
        rows = db.execute("SELECT id, doc_id FROM passages").fetchall()
        self.allowed = {r[0] for r in rows if r[1] in wanted}
        self.everything = len(self.allowed) == len(rows)
        self.total = len(self.allowed)

    def forget(self) -> None:
        """Drop cached matches and cues (after WEIGHTS changed, as the benchmark does)."""
        self._matches.clear()
        self._cue_cache.clear()

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
        match = _Match(scores, evidence, scale)
        self._matches[item.id] = match
        return match

    def rank(self, item: Item, top: int = 5, rivals: Sequence[Item] = ()) -> list[Suggestion]:
        """Best passages for the item. A passage that names one of the ``rivals`` (the
        set's other items) much more fully than this item is more likely their clause."""
        if not self.total:
            return []
        match = self._match(item)
        scores, scale = match.scores, match.scale
        if not scores:
            return []
        scope: set[int] = set()
        for word in sorted(self.theme & _content_words(item.title + " " + item.requirement)):
            scope |= self._rows("{heading context} : " + f'"{word}"')
        prohibition = bool(_PROHIBITION_ITEM.search(item.requirement + " " + item.title))
        legal = bool(_LEGAL_ITEM.search(item.title))
        best = sorted(scores, key=scores.__getitem__, reverse=True)[:CANDIDATES]
        cands = self._load(best)
        for c in cands:
            penalty, negation = self._cues(c)
            boost = WEIGHTS["opening"] if c.kind == "opening" else 1.0
            if prohibition and negation:  # "shall not", "prohibited", "unless"
                boost *= WEIGHTS["negation"]
            if legal and _CITATION.search(c.text):
                boost *= WEIGHTS["citation"]
            c.relevance = scores[c.rowid] * boost * penalty / scale
            if c.rowid in scope:
                c.relevance *= WEIGHTS["scope"]
            c.evidence = match.evidence.get(c.rowid, 0.0) * penalty
            bar = match.evidence.get(c.rowid, 0.0) + WEIGHTS["rival_margin"]
            if any(r.id != item.id and self._match(r).evidence.get(c.rowid, 0.0) >= bar
                   for r in rivals):
                c.relevance *= WEIGHTS["rival"]
        cands.sort(key=lambda c: c.relevance, reverse=True)
        chosen: list[_Candidate] = []
        for c in cands:
            if any(_overlaps(c, s) for s in chosen):
                continue
            chosen.append(c)
            if len(chosen) >= top:
                break
        return [Suggestion(c.doc_id, c.page, c.start, c.end, c.section, c.heading, c.text,
                           round(_confidence(c.evidence), 3)) for c in chosen]

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


def _overlaps(a: _Candidate, b: _Candidate) -> bool:
    if a.doc_id != b.doc_id:
        return False
    inter = min(a.end, b.end) - max(a.start, b.start)
    return inter > 0.5 * min(a.end - a.start, b.end - b.start)


def _confidence(evidence: float) -> float:
    """0-1 from the weight of the item's phrases a passage names: its first phrase alone
    (1.0) stays below CONFIDENT; a second concept, or the first plus heading support,
    passes it."""
    return 1 / (1 + math.exp(-CONF_SLOPE * (evidence - CONF_MID)))


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
    items = _items(standards, item_id)
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
        ranker = Ranker(db, doc_ids, theme_words(list(standards.items)))
        _RANKERS[store] = (key, ranker)
    rivals = list(standards.items)
    return {item.id: ranker.rank(item, top, rivals) for item in items}


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
    ranker = Ranker(memory_index({1: text}), [1], theme_words(list(standards.items)))
    return {item.id: ranker.rank(item, top, list(standards.items)) for item in items}


# -- accepting a suggestion --------------------------------------------------------------
def body_ranges(text: DocumentText, s: Suggestion) -> list[tuple[int, int]]:
    """The suggestion's span without the running headers and footers printed inside it
    (a passage that runs across a page break holds the next page's header in its span):
    the canonical lines of the span are matched, in order, against the passage's words."""
    want = s.text.split()
    ranges: list[tuple[int, int]] = []
    pos = 0
    for pno in range(text.page_of(s.start), text.page_of(max(s.end - 1, s.start)) + 1):
        page, base = text.pages[pno], text.page_starts[pno]
        n = page.word_count()
        i = 0
        while i < n:
            j = i + 1
            while j < n and page.lines[j] == page.lines[i]:
                j += 1
            lo = base + page.starts[i]
            hi = base + (page.starts[j] - 1 if j < n else len(page.text))
            a, b = max(lo, s.start), min(hi, s.end)
            if a < b:
                words = text.text[a:b].split()
                if want[pos:pos + len(words)] == words:
                    pos += len(words)
                    if ranges and a - ranges[-1][1] <= 1:
                        ranges[-1] = (ranges[-1][0], b)
                    else:
                        ranges.append((a, b))
            i = j
    return ranges if pos == len(want) else [(s.start, s.end)]


def anchor_suggestion(text: DocumentText, s: Suggestion) -> TextAnchor:
    """Anchor a suggestion exactly like a manual highlight of its span, with boxes drawn
    over the passage's own lines only (never over a header or footer inside the span)."""
    anchor = anchor_span(text, s.start, s.end)
    ranges = body_ranges(text, s)
    if ranges == [(s.start, s.end)]:
        return anchor
    quads = tuple(q for a, b in ranges for q in text.rects_for_range(a, b))
    return replace(anchor, quads=quads)
