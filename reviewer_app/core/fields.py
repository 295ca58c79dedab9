"""Checks of the free-text and coded fields a user types (agency, ORI, state, names).

Shared by ``new``, the window's review details and anything else that writes a review's
own fields, so a value is judged the same way everywhere. Each check returns the value
to store or raises ``ReviewError`` with one sentence naming the field and the problem.
"""

from __future__ import annotations

import re
import unicodedata

from reviewer_app.core.errors import ReviewError

# The 50 states, DC, and the territories and federal prefixes the FBI issues ORIs under.
STATE_CODES = frozenset("""
AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ
NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC AS GU MP PR VI FM MH PW CZ
""".split())
_ORI_RE = re.compile(r"^[A-Z]{2}[A-Z0-9]{7}$")
MAX_FIELD_CHARS = 2000  # a name or title longer than this is a paste accident


def has_lone_surrogate(text: str) -> bool:
    """True for text that cannot be written as UTF-8: a lone surrogate, such as Python
    makes of bytes that are not UTF-8 in a command-line argument or a file name."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def readable_name(name: str) -> str:
    """A file name as text that can be stored and shown: bytes that were not UTF-8
    (kept by Python as lone surrogates) become U+FFFD."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace") \
        if has_lone_surrogate(name) else name


def clean_text(label: str, value: str, *, required: bool = False,
               max_chars: int = MAX_FIELD_CHARS, multiline: bool = False) -> str:
    """``value`` trimmed, or ``ReviewError`` for text that is empty when ``required``,
    not UTF-8, holds control characters (``multiline`` allows line breaks and tabs)
    or is longer than ``max_chars``."""
    if has_lone_surrogate(value):
        raise ReviewError(f"the {label} holds bytes that are not valid UTF-8 text; "
                          "type it again or check the terminal's encoding.")
    allowed = "\n\t" if multiline else ""
    bad = [c for c in value if unicodedata.category(c) == "Cc" and c not in allowed]
    if bad:
        raise ReviewError(f"the {label} holds a control character "
                          f"(U+{ord(bad[0]):04X}); remove it.")
    value = value.strip()
    if required and not value:
        raise ReviewError(f"the {label} must not be empty.")
    if len(value) > max_chars:
        raise ReviewError(f"the {label} is {len(value)} characters long; at most "
                          f"{max_chars} are allowed.")
    return value


def check_state(value: str) -> str:
    """A two-letter U.S. state or territory code ("IL"), upper-cased; "" is allowed."""
    code = clean_text("state", value, max_chars=10).upper()
    if code and code not in STATE_CODES:
        raise ReviewError(f"state '{code}' is not a two-letter U.S. state or territory "
                          "code (e.g. IL, TX, DC, PR).")
    return code


def check_ori(value: str, state: str = "") -> str:
    """An FBI ORI: 9 characters, the 2-letter state or territory code then 7 letters or
    digits ("IL0160300"), upper-cased; "" is allowed. With ``state`` given, the ORI's
    prefix must match it."""
    ori = clean_text("ORI", value, max_chars=20).upper()
    if not ori:
        return ""
    if not _ORI_RE.match(ori):
        raise ReviewError(f"ORI '{ori}' is not valid: an ORI is 9 characters, a two-letter "
                          "state code and 7 letters or digits (e.g. IL0160300).")
    if ori[:2] not in STATE_CODES:
        raise ReviewError(f"ORI '{ori}' does not start with a U.S. state or territory code.")
    if state and ori[:2] != state.upper():
        raise ReviewError(f"ORI '{ori}' belongs to {ori[:2]}, but the state given is "
                          f"{state.upper()}.")
    return ori
