"""Law statements and whom a clause binds: cues that no item phrase can carry.

A policy states that it follows the law in words of its own ("...in accordance with the
Constitution", "(720 ILCS 5/7-5)", "permissible only as provided in ... Statutes"), so the
clause that evidences an adherence-to-law item often names none of the item's search
phrases and would never be a candidate. ``law_statement`` recognises such a clause by
its shape (a word of compliance or authority near a word for the law, or a citation of a
statute or a case), and ``law_rows`` finds them among a manual's passages.
``binds_everyone`` tells a rule for every officer ("All sworn personnel shall...") from
one for a single role or unit, which is what the agency-wide items ask for.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlite_utils import Database

_LAW_NOUN = (r"(?:laws?(?!\s+enforcement)|lawful(?:ly)?|statut\w*|constitution\w*|"
             r"case\s+law|amendments?|supreme\s+court|legal\s+(?:standards?|requirements?)|"
             r"compiled\s+statutes|code\s+of)")
_COMPLIANCE = (r"(?:comply|complies|compliance|adhere\w*|accordance|pursuant|consistent\s+with|"
               r"conform\w*|governed|authori[sz]ed\s+by|permitted\s+by|permissible|"
               r"provided\s+(?:in|by|for)|set\s+forth|required\s+by|defined\s+(?:by|in)|"
               r"justified|observe|obey|uphold\w*|rights?\s+under|established\s+by|"
               r"mandated\s+by|in\s+violation\s+of)")
_GAP = r"(?:\W+\w+){0,8}?\W+"  # at most eight words between the two
_LAW_STATEMENT = re.compile(
    rf"\b{_COMPLIANCE}{_GAP}{_LAW_NOUN}\b|\b{_LAW_NOUN}{_GAP}{_COMPLIANCE}\b", re.I)
_CITATION = re.compile(  # statutes, codes and cases as US policies cite them
    r"\b\d+\s+U\.?\s?S\.?\s?C\.?\s*\u00a7?\s*\d|\b\d+\s+U\.\s?S\.\s+\d+|\u00a7\s*\d|"
    r"\b\d{1,3}\s+[A-Z]{2,6}\s+\d+\s*/\s*\d|\b[A-Z][a-z]+\s+v\.?\s+[A-Z][a-z]+\b")
_EVERYONE = re.compile(
    r"\b(?:all|every|each)\s+(?:sworn\s+|commissioned\s+|department\s+|police\s+|law\s+"
    r"enforcement\s+|peace\s+)?(?:officers?|personnel|members?|employees?)\b", re.I)
LONG_MANUAL = 400  # passages: beyond this, look for law statements only in the item's scope


def cites_law(text: str) -> bool:
    """A citation of a statute, a code section or a court case."""
    return bool(_CITATION.search(text))


def law_statement(text: str) -> bool:
    """The text says it follows, or is bound by, the law, or cites a statute or a case."""
    return bool(_LAW_STATEMENT.search(text) or _CITATION.search(text))


def binds_everyone(text: str) -> bool:
    """The clause binds every officer ("all members", "each employee")."""
    return bool(_EVERYONE.search(text))


def law_rows(db: Database, rows: Iterable[int]) -> set[int]:
    """Those of the passages ``rows`` that hold a law statement."""
    wanted = sorted(rows)
    found: set[int] = set()
    for k in range(0, len(wanted), 500):
        chunk = wanted[k:k + 500]
        marks = ",".join("?" * len(chunk))
        for rowid, text in db.execute(
                f"SELECT id, text FROM passages WHERE id IN ({marks})", chunk):
            if law_statement(text):
                found.add(rowid)
    return found
