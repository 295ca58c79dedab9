"""The child process's one entry point: rendering pages and reading documents for the
window, requests on stdin, replies on a private copy of stdout.

Started by ``render_client.worker_command`` (``python -c`` from source, the app's
``--render-worker`` flag frozen). Messages are ``core.pdf.ipc`` frames, never pickles:
what a hostile PDF might do to this process cannot reach into the window's.
"""

from __future__ import annotations

import os
import sys

from reviewer_app.core.pdf import ipc
from reviewer_app.core.pdf.render import RenderService
from reviewer_app.core.pdf.render_client import WORKER_FLAG, mark_entry_installed

RENDER_NICENESS = 10


def serve() -> None:  # pragma: no cover - runs in the child process
    """A render reply is a ``RenderedPage`` without samples, then the samples either in
    shared memory or as one raw payload; a "prepare" request is answered in pieces by
    ``reader.serve_prepare``."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed by libraries goes to stderr, not into the pipe
    if hasattr(os, "nice"):
        os.nice(RENDER_NICENESS)  # background work: the interface thread gets the CPU first
    inp = sys.stdin.buffer
    ipc.write_frame(out, ("ready", os.getpid()))
    from reviewer_app.core.pdf.tile_buffer import ChildBuffer

    service = RenderService(ChildBuffer())
    while True:
        try:
            msg = ipc.read_frame(inp)
        except (EOFError, OSError, ipc.FrameError):
            return
        if not isinstance(msg, tuple) or not msg:
            return
        if msg[0] == "quit":
            return
        try:
            if msg[0] == "prepare":  # a document being added; replies in pieces
                from reviewer_app.core.child.reader import serve_prepare

                serve_prepare(out, *msg[1:])
                continue
            reply, samples = service.handle(msg)
            ipc.write_frame(out, reply)
            if samples is not None:
                ipc.write_raw(out, samples)
        except OSError:
            return


def run_worker_if_asked(argv: list[str]) -> bool:
    """For the app's ``main``: serve as the child when started with ``WORKER_FLAG``.

    Call it first thing in ``main(argv)``; it returns True after serving (exit then).
    A frozen build can only start children through this entry, so until it has been
    called there the view renders in threads instead.
    """
    mark_entry_installed()
    if argv[:1] == [WORKER_FLAG]:
        serve()
        return True
    return False
