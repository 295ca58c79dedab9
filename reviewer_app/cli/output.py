"""Printing helpers shared by the commands.

Text from PDFs, standards files, review files and file names reaches the terminal, and a
PDF title can carry escape sequences that retitle the window, hide lines or worse.
``terminal_text`` is the one sanitiser: ``run_cli`` routes stdout and stderr through
``SafeStream`` so no command can print a control character raw, and ``print_json``
escapes the same characters the JSON way so its output stays valid JSON.
"""

from __future__ import annotations

import json
import re
import sys
from typing import TextIO

# C0 and C1 controls except newline and tab, DEL, bidirectional overrides and isolates
# (they reorder what is shown), and lone surrogates (undecodable bytes in file names).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e"
                     "\u2066-\u2069\ud800-\udfff]")


def _visible(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8 (surrogateescape)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_text(text: str) -> str:
    """``text`` with every control character shown as a visible escape (``\\x1b``)."""
    return _UNSAFE.sub(_visible, text)


class SafeStream:
    """A text stream that passes everything written through ``terminal_text``."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        return self._stream.write(terminal_text(text))

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def json_text(data: object) -> str:
    """Indented JSON with every unsafe character as a \\u escape (still valid JSON)."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def print_json(data: object) -> None:
    sys.stdout.write(json_text(data) + "\n")


def shorten(text: str, width: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
