"""Writing a standards set (or crosswalk) as TOML that ``tomllib`` reads back unchanged.

The standard library reads TOML but does not write it; our files hold only text, whole
numbers, booleans and lists of text, so a few lines cover them.
"""

from __future__ import annotations

import json

Scalar = str | bool | int | list[str] | tuple[str, ...]


def toml_value(value: Scalar) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        # a JSON string is a TOML basic string, except that TOML also forbids a raw DEL
        return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")
    return "[" + ", ".join(toml_value(v) for v in value) + "]"


def toml_document(top: dict[str, Scalar], tables: dict[str, list[dict[str, Scalar]]],
                  comment: str = "") -> str:
    """Top-level keys, then each array of tables (``[[items]]``) in order; empty values
    (``""``, ``[]``) are left out."""
    lines = [f"# {line}" for line in comment.splitlines()]
    lines += [f"{k} = {toml_value(v)}" for k, v in top.items() if v not in ("", [], ())]
    for name, entries in tables.items():
        for entry in entries:
            lines += ["", f"[[{name}]]"]
            lines += [f"{k} = {toml_value(v)}" for k, v in entry.items()
                      if v not in ("", [], ())]
    return "\n".join(lines) + "\n"
