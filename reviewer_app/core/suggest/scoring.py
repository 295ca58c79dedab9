"""The last step of ranking: cut each passage to its span, fold repeats, and give each
suggestion one score, the number the assessor sees and the order the list follows.

The score is a logistic function of a few cues (how strongly the passage ranked among the
item's candidates, how much of the item its span names, what kind of text it is). Its
coefficients were fitted on the development corpus (benchmarks/suggest_quality.py,
checked leave-one-document-out), so a score reads as a probability that the span is
the clause an assessor would cite, and "likely" (>= 0.5) means more often right than not.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from reviewer_app.core.suggest.law import binds_everyone, law_statement
from reviewer_app.core.suggest.spans import (
    Phrase,
    _has_phrase,
    best_spans,
    stems,
    to_canonical,
    units,
)
from reviewer_app.core.text.textmap import DocumentText

# Logistic coefficients of the score (see the module docstring). "relevance" is the log of
# the passage's ranking score relative to the item's best passage.
COEF = {  # fitted by benchmarks/suggest_fit.py, except: contents and table never occur in
    # the corpus's candidate spans, and definitions (which the fit leaves near zero) are
    # scored down as the assessors' rule asks; a passage outside the item's theme chapters
    # (out_of_scope) or, for an item outside the theme, inside them (theme_chapter) is
    # scored down for the items a document lacks, which the ranking fit cannot see (it
    # learns only from labelled clauses); an open list of what something includes
    # (examples) is set to the value a joint fit gives it (-1.28), so that adding it left
    # the other fitted weights as they were: those six weights are set by hand
    "bias": -3.563,
    "relevance": 0.029,  # per unit of log(relevance / best relevance)
    "rank_best": 0.345,  # the item's best-ranked passage
    "evidence": 1.472,  # per unit of the span's evidence (item phrases named, by concept)
    "core": 0.506,  # the span names one of the item's leading phrases
    "rule": 1.125,  # the span states a rule ("shall", "must", "will")
    "rival": -0.461,  # the passage names another item of the set much more fully
    "rival_gap": -0.67,  # how much more fully another item is named (evidence)
    "lead_in": -0.142,  # the span is a lead-in ending with a colon, without its items
    "short": -0.9,  # a fragment: under 80 characters, no verb of its own
    "opening": 0.551,  # the section's first sentence, with its heading
    "cites_law": -0.016,  # items about the law: the span cites or invokes the law
    "law_statement": -0.309,  # ... says it follows the law, or cites a statute or case (law.py)
    "everyone": 1.627,  # the span binds every officer ("all sworn personnel shall")
    "span_rival": -0.507,  # how much more fully the span names another item (evidence)
    "out_of_scope": -0.5,  # outside the chapters the item's theme ("force") names
    "heading_only": -0.607,  # a heading without a clause under it
    "rel_rank": -1.353,  # log(1 + the passage's place among the item's candidates)
    "later_span": -0.275,  # a passage's second-best span
    "prohibits": 1.129,  # prohibition items: the span prohibits or limits
    "permits": -0.0,  # prohibition items: the span permits without limiting
    "examples": -1.28,  # the span lists what something includes ("techniques may include,
    # but are not limited to:"): it illustrates the item; the clause requiring it is cited
    "definition": -0.6,
    "theme_chapter": -1.0,
    "contents": -4.0,
    "table": -2.0,
    "cross-reference": -0.578,
}
POOL = 16  # spans scored per item before the best are kept
PER_SECTION = 2  # spans listed per numbered section: its sub-paragraphs fold into them
SPANS_PER_PASSAGE = 2  # a passage offers its best span and the next best beside it
RULE_BONUS = 0.15  # a unit that states a rule, when the span is chosen
CORE_WEIGHT = 0.8  # a phrase at least this far up the item's list is a leading phrase
NO_CORE_CAP = 0.45  # the highest score of a span without a leading phrase

_NEGATION = re.compile(
    r"\b(prohibit\w*|forbid\w*|unauthori[sz]ed|banned|never|(?:shall|will|must|may|should"
    r"|can|are|is) not|cannot|not (?:be )?(?:used|permitted|authori[sz]ed|allowed)|no \w+ "
    r"(?:shall|will|may) be|(?:limited|restricted) to|only (?:when|if|where|in)|unless|"
    r"except (?:when|where|in|as)|(?:shall|will|must|may|should) only)\b", re.I)
_PERMISSION = re.compile(r"\b(may (?:use|be used|apply|employ)|is authori[sz]ed|are "
                         r"authori[sz]ed|approved (?:technique|method)|permitted)\b", re.I)
_LAW = re.compile(
    r"\b\d+\s+U\.\s?S\.\s+\d+|\b[A-Z][a-z]+\s+v\.?\s+[A-Z][a-z]+|U\.\s?S\.\s?C\.|\u00a7|ILCS|"
    r"\b(?i:laws?|lawful|statut\w+|constitution\w*|supreme court|amendment|legal)\b")
_VERB = re.compile(r"\b(is|are|was|were|be|shall|will|must|may|should|can|has|have|do|does)\b",
                   re.I)
_RULE = re.compile(r"\b(shall|must|will|should|required|duty)\b", re.I)
_DOT_LEADER = re.compile(r"(?:\.\s?){6,}")
_DEFINITION_TEXT = re.compile(
    r"^\W*(?:[\d.]+\s+[A-Z][A-Z\s/-]+\s)?(?:[A-Za-z0-9]{1,4}[.)]\s+)?(?:[A-Z][\w\s/'\u2019-]{1,40}"
    r"(?:\s[-\u2013\u2014:]\s|:\s|\s+means\s|\s+is defined as\s)|(?:An?|The)\s[\w\s/-]{2,40}"
    r"\s(?:is|are)\s(?:a|an|any|the|defined)\s)")
_LEAD_IN = re.compile(  # "Those can include:", "The following are prohibited:" lead a list
    r"^[^:.]{0,80}\b(?:are|is|can|may|shall|will|must|should|include|includes|including|"
    r"following|follows|be)\b[^:.]{0,40}:")
_EXAMPLES = re.compile(  # what something includes: "techniques may include, but are not
    # necessarily limited to:" (not "officers shall weigh the facts, including but not ...")
    r"\binclude[sd]?,?\s+but\s+(?:is\s+|are\s+|shall\s+|will\s+)?not\s+(?:be\s+)?"
    r"(?:necessarily\s+)?limited\s+to\b", re.I)
_CROSS_REFERENCE = re.compile(
    r"\b(may be found in|can be found in|are found in|is found in|refer to the|see the|"
    r"is addressed in|are addressed in|are covered in|is covered in|as outlined in|"
    r"follow the (?:guidelines|procedures) (?:in|of|set forth in))\b", re.I)


class Candidate(Protocol):
    doc_id: int
    page: int
    start: int
    end: int
    section: str
    heading: str
    text: str
    context: str
    kind: str
    relevance: float


@dataclass
class Pick:
    doc_id: int
    page: int
    start: int
    end: int
    section: str
    heading: str
    text: str
    score: float
    marks: tuple[str, ...]
    features: dict[str, float]
    passage: tuple[int, int]


def phrases_of(terms: Sequence, groups: list[int], idfs: list[float], scale: float,
               stop: set[str]) -> list[Phrase]:
    """The item's phrases for the span scorer: weight is rarity over the item's scale."""
    out = []
    for t, g, idf in zip(terms, groups, idfs, strict=True):
        content = tuple(stems(" ".join(w for w in t.tokens if w not in stop)))
        out.append(Phrase(tuple(stems(" ".join(t.tokens))), idf / scale, g,
                          content if len(content) >= 2 else (), t.weight))
    return out


def marks_of(text: str, context: str) -> tuple[str, ...]:
    """What kind of text a span is, when it is not an operative clause."""
    marks = []
    if _DOT_LEADER.search(text):
        marks.append("contents")
    if not _RULE.search(text) and ("definition" in context.lower()
                                   or (_DEFINITION_TEXT.match(text)
                                       and not _LEAD_IN.match(text))):
        marks.append("definition")
    if _CROSS_REFERENCE.search(text):
        marks.append("cross-reference")
    words = text.split()
    if len(words) >= 4 and not re.search(r"[.;:,]", text):
        loud = sum(1 for w in words if w.isupper() or w[:1].isdigit())
        if loud >= 0.6 * len(words):
            marks.append("table")
    return tuple(marks)


def span_evidence(text: str, phrases: list[Phrase]) -> tuple[float, bool]:
    """Sum of the best phrase weight per concept the span names, and whether one of them
    is a leading phrase of the item."""
    from reviewer_app.core.suggest.spans import unit_scores

    named = unit_scores(text, [(0, len(text))], [
        Phrase(p.stems, p.rank_weight, p.group, p.near_words, p.rank_weight)
        for p in phrases])[0]
    core = max(named.values(), default=0.0) >= CORE_WEIGHT
    if not core and named:  # a variant of a leading phrase: "identify him/herself" after
        # "identify themselves" (a phrase of two or more words with the same first word)
        heads = {p.stems[0] for p in phrases
                 if p.rank_weight >= CORE_WEIGHT and len(p.stems) > 1}
        kin = [p for p in phrases if len(p.stems) > 1 and p.stems[0] in heads]
        core = bool(kin) and bool(unit_scores(text, [(0, len(text))], kin)[0])
    return sum(named.values()), core


def score(features: dict[str, float], coef: dict[str, float] | None = None) -> float:
    """The logistic score; a span that names none of the item's leading phrases (only
    supporting words such as "prohibited", "vehicle") stays below "likely"."""
    coef = coef or COEF
    z = coef["bias"] + sum(coef.get(k, 0.0) * v for k, v in features.items())
    p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
    return p if features.get("core") else min(p, NO_CORE_CAP)


def _features(c: Candidate, text: str, best: float, first: bool, phrases: list[Phrase],
              prohibition: bool, marks: tuple[str, ...]) -> dict[str, float]:
    evidence, core = span_evidence(text, phrases)
    f = {"relevance": math.log(max(c.relevance, 1e-6) / max(best, 1e-6)),
         "rank_best": float(first), "evidence": evidence, "core": float(core),
         "rule": float(bool(_RULE.search(text))), "rival": float(getattr(c, "rival", False)),
         "rival_gap": min(3.0, getattr(c, "rival_gap", 0.0)),
         "out_of_scope": float(getattr(c, "out_of_scope", False)),
         "theme_chapter": float(getattr(c, "theme_chapter", False)),
         "lead_in": float(text.rstrip().endswith(":")), "short": float(_fragment(text)),
         "opening": float(bool(c.section or c.heading)
                          and text.startswith(f"{c.section} {c.heading}".strip())),
         "heading_only": float(_heading_only(text, c)),
         "examples": float(bool(_EXAMPLES.search(text)))}
    if prohibition:
        prohibits = bool(_NEGATION.search(text))
        f["prohibits"] = float(prohibits)
        f["permits"] = float(not prohibits and bool(_PERMISSION.search(text)))
    for m in marks:
        f[m] = 1.0
    return f


def _rival_evidence(text: str, rivals: Sequence[list[Phrase]]) -> float:
    """The most evidence (as ``span_evidence`` counts it) any rival item has in the span."""
    seq = stems(text)
    words = set(seq)
    best = 0.0
    for phrases in rivals:
        got: dict[int, float] = {}
        for p in phrases:
            if p.stems and p.stems[0] in words and _has_phrase(seq, p.stems):
                w = p.rank_weight
            elif p.near_words and words.issuperset(p.near_words):
                w = 0.5 * p.rank_weight
            else:
                continue
            if w > got.get(p.group, 0.0):
                got[p.group] = w
        best = max(best, sum(got.values()))
    return best


def _fragment(text: str) -> bool:
    """A short piece without a verb of its own ("b) Need for emergency medical aid,")."""
    return len(text) < 80 and (text.rstrip().endswith(",") or not _VERB.search(text))


def _heading_only(text: str, c: Candidate) -> bool:
    """A heading with at most a list marker after it: no clause to cite."""
    label = f"{c.section} {c.heading}".strip()
    rest = text[len(label):] if label and text.startswith(label) else text
    return len(re.findall(r"[A-Za-z]{2,}", rest)) < 3


def _folds(c: Candidate, start: int, end: int, chosen: list[Pick]) -> bool:
    """Already listed: its span overlaps a listed one, or it is a sub-paragraph (by
    number, or inside the passage) of a listed section."""
    for p in chosen:
        if p.doc_id != c.doc_id:
            continue
        if min(end, p.end) > max(start, p.start):
            return True
        if p.section and c.section.startswith(p.section + ".") and p.heading:
            return True
    same = sum(1 for p in chosen if p.doc_id == c.doc_id and (p.section, p.heading)
               == (c.section, c.heading) and (c.section or c.heading))
    return same >= PER_SECTION


def finish(cands: Sequence[Candidate], phrases: list[Phrase], prohibition: bool,
           texts: Callable[[int], DocumentText] | None, top: int | None,
           coef: dict[str, float] | None = None, legal: bool = False,
           officers: bool = False, rivals: Sequence[list[Phrase]] = ()) -> list[Pick]:
    """``cands`` best first by relevance: the top suggestions, cut, folded and scored, in
    score order (all that were scored when ``top`` is None). ``legal``: the item is about
    the law; ``officers``: its requirement binds officers (a clause for all of them is
    better evidence than one for a single role or unit); ``rivals``: the phrases of the
    set's other items (a span that names one of them more fully is more likely theirs)."""
    if not cands:
        return []
    best = cands[0].relevance
    bonus_words = [p for p in phrases if p.stems]
    picks: list[Pick] = []
    for n, c in enumerate(cands):
        if len(picks) >= max(POOL, 2 * (top or 0) + 2):
            break
        doc = texts(c.doc_id) if texts is not None else None
        bonus = _unit_bonus(c.text, prohibition, legal)
        for k, (a, b) in enumerate(best_spans(c.text, bonus_words, bonus, SPANS_PER_PASSAGE)):
            start, end = to_canonical(doc, c.start, c.end, c.text, a, b)
            if end <= start or _folds(c, start, end, picks):
                continue
            text = c.text[a:b]
            marks = marks_of(text, c.context)
            f = _features(c, text, best, n == 0, phrases, prohibition, marks)
            if legal:  # items about the law: the span cites or invokes it
                f["cites_law"] = float(bool(_LAW.search(text)))
                f["law_statement"] = float(law_statement(text))
                if f["law_statement"]:  # the item's concept, in the policy's own words
                    f["core"] = 1.0
            if officers:
                f["everyone"] = float(binds_everyone(text))
            other = _rival_evidence(text, rivals)
            f["span_rival"] = min(3.0, max(0.0, other - f["evidence"]))
            f["later_span"] = float(k)
            f["rel_rank"] = math.log1p(n)
            page = doc.page_of(start) if doc is not None else c.page
            picks.append(Pick(c.doc_id, page, start, end, c.section, c.heading, text,
                              round(score(f, coef), 3), marks, f, (c.start, c.end)))
    picks.sort(key=lambda p: -p.score)
    return picks if top is None else picks[:top]


def _unit_bonus(text: str, prohibition: bool, legal: bool = False) -> dict[int, float]:
    """Units that state a rule gain a little; for a prohibition item, units that prohibit
    or limit gain more (the ban above the clause that permits); for an item about the law,
    units that state the law."""
    out = {}
    for k, (a, b) in enumerate(units(text)):
        piece = text[a:b]
        value = RULE_BONUS if _RULE.search(piece) else 0.0
        if prohibition and _NEGATION.search(piece):
            value += 0.3
        if legal and law_statement(piece):
            value += 0.3
        if value:
            out[k] = value
    return out
