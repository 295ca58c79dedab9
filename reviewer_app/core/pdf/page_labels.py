"""Printed page labels ("iv", "A-3") from a PDF's /PageLabels rules, bounded.

The rules come from the PDF and may be hostile: a start number of 2,000,000,000 in roman
numerals is two million letters per page, and letters style grows one letter per 26
pages. Labels are computed once per page with a binary search over the rules, and a
label that would be longer than ``MAX_LABEL`` characters falls back to the decimal
number (roman numerals past 3,999 and letters past ``zzzz`` are not printed by any real
policy). Prefixes are cut to ``MAX_PREFIX`` characters.
"""

from __future__ import annotations

from bisect import bisect_right

MAX_LABEL = 24
MAX_PREFIX = 16
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def roman(n: int) -> str:
    """Lower-case roman numeral of 1..3999; "" outside (the caller falls back)."""
    if not 0 < n < 4000:
        return ""
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def letters(n: int) -> str:
    """PDF 1.7 12.4.2: a..z, then aa..zz, aaa..; "" when longer than 4 letters."""
    if n < 1 or (n - 1) // 26 + 1 > 4:
        return ""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def label(rule: dict, pno: int) -> str:
    try:
        n = int(rule.get("firstpagenum", 1)) + pno - int(rule["startpage"])
    except (TypeError, ValueError, KeyError):
        return ""
    style = rule.get("style", "")
    number = {"D": str(n), "r": roman(n), "R": roman(n).upper(), "a": letters(n),
              "A": letters(n).upper()}.get(style, "")
    if style and not number:
        number = str(n)
    prefix = str(rule.get("prefix", "") or "")[:MAX_PREFIX]
    text = " ".join((prefix + number).split())  # no line breaks or tabs in a label
    return text[:MAX_LABEL]


def labels_from_rules(rules: list[dict], page_count: int) -> list[str]:
    """One label per page; a page without a rule (or an empty label) keeps its number."""
    usable = sorted((r for r in rules if isinstance(r.get("startpage"), int)),
                    key=lambda r: r["startpage"])
    starts = [r["startpage"] for r in usable]
    out = []
    for pno in range(page_count):
        at = bisect_right(starts, pno) - 1
        lab = label(usable[at], pno) if at >= 0 else ""
        out.append(lab or str(pno + 1))
    return out
