"""Checks of the free-text and coded fields a user types (agency, ORI, state, names).

Shared by ``new``, the window's review details and anything else that writes a review's
own fields, so a value is judged the same way everywhere. Each check returns the value
to store or raises ``ReviewError`` with one sentence naming the field and the problem.
"""

from __future__ import annotations

import re
import unicodedata

from reviewer_app.core.errors import ReviewError
from reviewer_app.core.vocabulary import STATE_CODES as STATE_CODES  # re-exported

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


def storable_text(label: str, value: str, *, required: bool = False) -> str:
    """``value`` trimmed, or ``ReviewError`` for text that is empty when ``required`` or
    cannot be stored at all (not UTF-8). What the core accepts from any caller: whatever
    else the text holds is shown as plain text and escaped on a terminal."""
    if has_lone_surrogate(value):
        raise ReviewError(f"the {label} holds bytes that are not valid UTF-8 text; "
                          "type it again or check the terminal's encoding.")
    value = value.strip()
    if required and not value:
        raise ReviewError(f"the {label} must not be empty.")
    return value


def clean_text(label: str, value: str, *, required: bool = False,
               max_chars: int = MAX_FIELD_CHARS, multiline: bool = False) -> str:
    """``value`` trimmed, or ``ReviewError`` for text a person typing it did not mean:
    ``storable_text``'s problems, control characters (``multiline`` allows line breaks
    and tabs) or more than ``max_chars`` characters. For user input (``new``, ``add-doc
    --title``)."""
    storable_text(label, value)
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


def ori_problem(ori: str) -> str:
    """Why ``ori`` is not a valid ORI, or "" when it is (case is ignored)."""
    text = ori.strip().upper()
    if len(text) != 9:
        return f"the ORI '{ori.strip()}' has {len(text)} characters; an ORI has 9"
    if not _ORI_RE.match(text):
        return (f"the ORI '{text}' must be two letters then seven letters or digits "
                "(e.g. IL0490000)")
    if text[:2] not in STATE_CODES:
        return f"the ORI '{text}' does not start with a state or territory code ({text[:2]})"
    return ""


def check_ori(ori: str, state: str = "") -> str:
    """An FBI ORI in capitals: 9 characters, the 2-letter state or territory code then 7
    letters or digits ("IL0160300"); "" stays "". With ``state`` given, the ORI's prefix
    must match it. Raises ``ReviewError`` saying what is wrong."""
    text = clean_text("ORI", ori, max_chars=40).upper()
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
