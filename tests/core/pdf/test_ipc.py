"""The child processes talk to the window in ipc frames: plain values and registered
records only, so a child taken over by a hostile PDF cannot run code in the window."""

from __future__ import annotations

import io
import json
import struct
import sys
from array import array
from dataclasses import dataclass

import pytest

from reviewer_app.core.child import reader
from reviewer_app.core.errors import DocumentError, PasswordRequired
from reviewer_app.core.pdf import ipc
from reviewer_app.core.pdf.geometry import DocumentInfo, PageGeometry
from reviewer_app.core.text.textmap import PageText


def _roundtrip(obj):
    buf = io.BytesIO()
    ipc.write_frame(buf, obj)
    buf.seek(0)
    return ipc.read_frame(buf)


def test_values_records_arrays_and_errors_survive_the_pipe():
    page = PageText("Alpha Bravo", array("i", [0, 6]), array("f", [1, 2, 3, 4, 5, 6, 7, 8]),
                    array("i", [0, 0]), 612.0, 792.0, 90)
    info = DocumentInfo((PageGeometry(612.0, 792.0, 0),), ((1, "Use of force", 0),),
                        ("i",), 1, True)
    msg = ("prepared", page, info, b"\x00\xffPDF", None, {"k": [1, 2.5, True]},
           PasswordRequired("needs a password"))
    back = _roundtrip(msg)
    assert back[:6] == msg[:6]
    assert isinstance(back[6], PasswordRequired) and back[6].args == ("needs a password",)


def test_an_unregistered_type_is_refused_on_both_sides():
    @dataclass
    class Stranger:
        x: int

    with pytest.raises(ipc.FrameError):
        _roundtrip(Stranger(1))
    forged = json.dumps({"$record": "Popen", "fields": {"args": ["sh"]}}).encode()
    frame = struct.pack("<QI", len(forged), 0) + forged
    with pytest.raises(ipc.FrameError, match="unknown record type"):
        ipc.read_frame(io.BytesIO(frame))


def test_malformed_and_oversized_frames_are_refused():
    deep = ("[" * 200 + "]" * 200).encode()
    with pytest.raises(ipc.FrameError):
        ipc.read_frame(io.BytesIO(struct.pack("<QI", len(deep), 0) + deep))
    with pytest.raises(ipc.FrameError):
        ipc.read_frame(io.BytesIO(struct.pack("<QI", 2, 0) + b"{x"))
    with pytest.raises(ipc.FrameError, match="too large"):
        ipc.read_frame(io.BytesIO(struct.pack("<QI", ipc.MAX_JSON + 1, 0)))
    with pytest.raises(EOFError):
        ipc.read_frame(io.BytesIO(struct.pack("<QI", 10, 0) + b"[1"))


HOSTILE_CHILD = r"""
import pickle, struct, sys
class Payload:
    def __reduce__(self):
        return (open, (sys.argv[1], "w"))
data = pickle.dumps(("ready", Payload()))
sys.stdout.buffer.write(struct.pack("<Q", len(data)) + data)
sys.stdout.buffer.flush()
"""


def test_a_hostile_child_cannot_run_code_in_the_window(tmp_path, monkeypatch):
    """A child that sends a pickle (which would open a file here when unpickled) gets a
    clear 'could not be read', and nothing of its payload runs in this process."""
    marker = tmp_path / "pwned"
    monkeypatch.setattr(reader, "worker_command",
                        lambda: [sys.executable, "-c", HOSTILE_CHILD, str(marker)])
    with pytest.raises(DocumentError, match="could not be read"):
        reader.prepare(b"%PDF-1.4", "policy.pdf")
    assert not marker.exists()
