"""Clause text reduced to the words that survive a template's re-use by another agency.

Agencies adopting the same commercial manual swap in their own name, section numbers and
state statutes; those are masked (``<agency>``, ``<n>``, ``<cite>``) and the words that
name the kind of body (department, office, agency) folded to ``<dept>``, so the clause of
one agency's manual and the same clause of another's read the same.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# statute citations: "720 ILCS 5/7-5.5", "Va. Code § 19.2-83.3", "§ 15.2-1722", "42 U.S.C. 1983"
_CITE = (r"\d+\s*ILCS\s*[\d/\-.()a-z]*"
         r"|(?:Va\.?|Virginia)\s+Code(?:\s+Ann\.?)?\s*§*\s*[\d.\-:]*"
         r"|Code\s+of\s+Virginia\s*§*\s*[\d.\-:]*"
         r"|§+\s*[\d][\d.\-:()a-z]*"
         r"|\d+\s*U\.?\s?S\.?\s?C\.?\s*(?:§+\s*)?\d*")
_TOKEN = re.compile(rf"(?P<cite>{_CITE})|(?P<num>\d+(?:[.\-/:]\d+)*[a-z]?\b)"
                    r"|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)?)", re.IGNORECASE)
DEPT_WORDS = frozenset({"department", "office", "agency", "dept", "departments",
                        "offices", "agencies"})
# words of an agency's name that are not its own (kept, not masked)
GENERIC_NAME_WORDS = frozenset({"police", "department", "county", "city", "village", "town",
                                "of", "the", "sheriff", "sheriffs", "office", "s", "and",
                                "township", "borough", "public", "safety", "agency"})
AGENCY, NUMBER, CITATION, DEPT = "<agency>", "<n>", "<cite>", "<dept>"
_RUNS = frozenset({AGENCY, NUMBER, CITATION})  # a run of one of these is one token


class Token(NamedTuple):
    """One masked word and where its source sits in the text it came from (a tuple: a
    758-page manual has a quarter of a million of them)."""

    word: str
    start: int
    end: int


def agency_words(names: list[str] | tuple[str, ...]) -> frozenset[str]:
    """The words of agency names that identify the agency ("la", "grange", "lisle")."""
    out: set[str] = set()
    for name in names:
        out.update(w for w in re.findall(r"[^\W\d_]+", name.casefold())
                   if w not in GENERIC_NAME_WORDS and len(w) > 1)
    return frozenset(out)


def tokens(text: str, agency: frozenset[str] = frozenset()) -> list[Token]:
    """The masked words of ``text`` with their source offsets.

    Runs of one mask (a two-word agency name, "300.2.1 and 300.2.2") become one token.
    """
    out: list[Token] = []
    seen: dict[str, str] = {}  # a manual repeats its words: mask each spelling once
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "word":
            raw = m.group()
            word = seen.get(raw, "")
            if not word:
                word = raw.casefold().replace("’", "'")
                word = AGENCY if word in agency else DEPT if word in DEPT_WORDS else word
                seen[raw] = word
        else:
            word = CITATION if kind == "cite" else NUMBER
        if word in _RUNS and out and out[-1].word == word:
            out[-1] = Token(word, out[-1].start, m.end())
            continue
        out.append(Token(word, m.start(), m.end()))
    return out


def masked_words(text: str, agency: frozenset[str] = frozenset()) -> tuple[str, ...]:
    return tuple(t.word for t in tokens(text, agency))
