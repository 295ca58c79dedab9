"""ORI (Originating Agency Identifier) checks: nine characters, a state or territory code
then seven letters or digits. An ORI is how the COPS Office knows an agency, so a wrong
one is caught when the review is created rather than when the yearly list is due."""

from __future__ import annotations

import re

from reviewer_app.core.errors import ReviewError

# USPS state, district and territory codes, plus NCIC's own spelling for Nebraska (NB).
STATE_CODES = frozenset("""
AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH
NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI NB
""".split())

_ORI = re.compile(r"[A-Z]{2}[A-Z0-9]{7}")


def ori_problem(ori: str) -> str:
    """Why ``ori`` is not a valid ORI, or "" when it is (case is ignored)."""
    text = ori.strip().upper()
    if len(text) != 9:
        return f"the ORI '{ori.strip()}' has {len(text)} characters; an ORI has 9"
    if not _ORI.fullmatch(text):
        return (f"the ORI '{text}' must be two letters then seven letters or digits "
                "(e.g. IL0490000)")
    if text[:2] not in STATE_CODES:
        return f"the ORI '{text}' does not start with a state or territory code ({text[:2]})"
    return ""


def check_ori(ori: str, state: str = "") -> str:
    """The ORI in capitals ("" stays ""); raises ``ReviewError`` saying what is wrong."""
    text = ori.strip().upper()
    if not text:
        return ""
    problem = ori_problem(text)
    if problem:
        raise ReviewError(problem + ".")
    allowed = {text[:2], "NE"} if text[:2] == "NB" else {text[:2]}
    if state.strip() and state.strip().upper() not in allowed:
        raise ReviewError(f"the ORI '{text}' belongs to {text[:2]}, but the state given is "
                          f"{state.strip().upper()}.")
    return text
