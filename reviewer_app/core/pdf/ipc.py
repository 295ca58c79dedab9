"""Messages between the window and its child processes: length-prefixed frames of JSON
plus raw byte blobs, never pickles.

The children parse PDFs that come from outside. Were a hostile PDF to take over a child,
a pickle it sent back would run code in the window's process; JSON cannot. Only plain
values and the record types a module registers here (``register``) are rebuilt; any
other tag is refused. Bytes travel as raw blobs after the JSON, so a page's pixels or a
PDF's bytes are neither copied into text nor escaped.

A frame: ``<Q json length><I blob count>``, the JSON (UTF-8), then per blob ``<Q
length>`` and its bytes.
"""

from __future__ import annotations

import dataclasses
import json
import struct
from array import array
from typing import IO, Any

from reviewer_app.core.errors import ReviewError

MAX_JSON = 1 << 30  # a frame's JSON part; anything larger is not ours
MAX_BLOB = 1 << 34  # 16 GiB: larger than any PDF or page the app handles
MAX_BLOBS = 1 << 20
MAX_DEPTH = 64

_HEAD = struct.Struct("<QI")
_LEN = struct.Struct("<Q")

_TYPES: dict[str, type] = {}


class FrameError(ValueError):
    """A frame that is malformed, too large, or names a type nobody registered."""


def register(*classes: type) -> None:
    """Allow these dataclasses (or ``ReviewError`` subclasses) to cross the pipe."""
    for cls in classes:
        if not (dataclasses.is_dataclass(cls) or issubclass(cls, ReviewError)):
            raise TypeError(f"{cls.__name__} is neither a dataclass nor a ReviewError")
        _TYPES[cls.__qualname__] = cls


def _all_review_errors(cls: type[ReviewError] = ReviewError) -> None:
    _TYPES[cls.__qualname__] = cls
    for sub in cls.__subclasses__():
        _all_review_errors(sub)


def _encode(obj: Any, blobs: list[bytes | bytearray | memoryview], depth: int = 0) -> Any:
    if depth > MAX_DEPTH:
        raise FrameError("message nested too deeply")
    if obj is None or isinstance(obj, bool | int | float | str):
        return obj
    if isinstance(obj, bytes | bytearray | memoryview):
        blobs.append(obj)
        return {"$blob": len(blobs) - 1}
    if isinstance(obj, array):
        blobs.append(obj.tobytes())
        return {"$array": obj.typecode, "blob": len(blobs) - 1}
    if isinstance(obj, list):
        return [_encode(v, blobs, depth + 1) for v in obj]
    if isinstance(obj, tuple):
        return {"$tuple": [_encode(v, blobs, depth + 1) for v in obj]}
    if isinstance(obj, dict):
        return {"$dict": [[_encode(k, blobs, depth + 1), _encode(v, blobs, depth + 1)]
                          for k, v in obj.items()]}
    name = type(obj).__qualname__
    if _TYPES.get(name) is not type(obj):
        raise FrameError(f"{name} is not registered to cross the pipe")
    if isinstance(obj, ReviewError):
        return {"$error": name, "args": [_encode(a, blobs, depth + 1) for a in obj.args]}
    assert dataclasses.is_dataclass(obj)  # every other registered type is a record
    fields = {f.name: _encode(getattr(obj, f.name), blobs, depth + 1)
              for f in dataclasses.fields(obj) if f.init}
    return {"$record": name, "fields": fields}


def _decode(obj: Any, blobs: list[bytearray], depth: int = 0) -> Any:
    if depth > MAX_DEPTH:
        raise FrameError("message nested too deeply")
    if obj is None or isinstance(obj, bool | int | float | str):
        return obj
    if isinstance(obj, list):
        return [_decode(v, blobs, depth + 1) for v in obj]
    if not isinstance(obj, dict) or len(obj) > 2:
        raise FrameError("unexpected value in a message")
    try:
        if "$blob" in obj:
            return blobs[obj["$blob"]]
        if "$array" in obj:
            return array(obj["$array"], blobs[obj["blob"]])
        if "$tuple" in obj:
            return tuple(_decode(v, blobs, depth + 1) for v in obj["$tuple"])
        if "$dict" in obj:
            return {_decode(k, blobs, depth + 1): _decode(v, blobs, depth + 1)
                    for k, v in obj["$dict"]}
        if "$error" in obj:
            cls = _TYPES.get(obj["$error"])
            if cls is None or not issubclass(cls, ReviewError):
                raise FrameError(f"unknown error type {obj['$error']!r}")
            return cls(*(_decode(a, blobs, depth + 1) for a in obj["args"]))
        if "$record" in obj:
            cls = _TYPES.get(obj["$record"])
            if cls is None or not dataclasses.is_dataclass(cls):
                raise FrameError(f"unknown record type {obj['$record']!r}")
            values = {k: _decode(v, blobs, depth + 1) for k, v in obj["fields"].items()}
            return cls(**values)
    except (KeyError, IndexError, TypeError, ValueError) as exc:
        if isinstance(exc, FrameError):
            raise
        raise FrameError(f"malformed message ({exc})") from exc
    raise FrameError("unexpected value in a message")


def write_frame(stream: IO[bytes], obj: Any) -> None:
    blobs: list[bytes | bytearray | memoryview] = []
    payload = json.dumps(_encode(obj, blobs), separators=(",", ":")).encode("utf-8")
    stream.write(_HEAD.pack(len(payload), len(blobs)))
    stream.write(payload)
    for blob in blobs:
        stream.write(_LEN.pack(memoryview(blob).nbytes))
        stream.write(blob)
    stream.flush()


def _read_exact(stream: IO[bytes], size: int, what: str) -> bytearray:
    buf = bytearray(size)
    view, got = memoryview(buf), 0
    while got < size:
        n = stream.readinto(view[got:])  # type: ignore[attr-defined]
        if not n:
            raise EOFError(f"pipe closed mid-{what}")
        got += n
    return buf


def read_frame(stream: IO[bytes]) -> Any:
    """The next message; ``EOFError`` when the pipe closed, ``FrameError`` when what came
    is not a message this module wrote."""
    head = stream.read(_HEAD.size)
    if len(head) < _HEAD.size:
        raise EOFError("pipe closed")
    size, count = _HEAD.unpack(head)
    if size > MAX_JSON or count > MAX_BLOBS:
        raise FrameError("message too large")
    raw = _read_exact(stream, size, "message")
    blobs = []
    for _ in range(count):
        (n,) = _LEN.unpack(_read_exact(stream, _LEN.size, "message"))
        if n > MAX_BLOB:
            raise FrameError("message too large")
        blobs.append(_read_exact(stream, n, "message"))
    try:
        tree = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise FrameError(f"malformed message ({exc})") from exc
    return _decode(tree, blobs)


def write_raw(stream: IO[bytes], data: bytes | bytearray | memoryview) -> None:
    stream.write(_LEN.pack(memoryview(data).nbytes))
    stream.write(data)
    stream.flush()


def read_raw(stream: IO[bytes]) -> bytearray:
    """A length-prefixed byte payload, read straight into one buffer."""
    head = stream.read(_LEN.size)
    if len(head) < _LEN.size:
        raise EOFError("pipe closed")
    (size,) = _LEN.unpack(head)
    if size > MAX_BLOB:
        raise FrameError("payload too large")
    return _read_exact(stream, size, "image")


_all_review_errors()
