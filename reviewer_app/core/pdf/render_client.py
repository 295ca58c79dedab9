"""The window's side of a render process: ``RemoteRenderer``, and how to start the child.

A heavy page (large images, seconds of vector art) renders in a child process, so it never
stalls the interface's Python thread: the caller only blocks in a pipe read, which releases
the GIL. The child is a plain ``python -c`` subprocess (not multiprocessing, which would
re-run the caller's ``__main__``); a frozen build routes ``WORKER_FLAG`` through
``core.child.main.run_worker_if_asked`` in its ``main``.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from typing import Any

from reviewer_app.core.pdf import ipc
from reviewer_app.core.pdf.geometry import DocumentInfo, Rect
from reviewer_app.core.pdf.render import RenderedPage

WORKER_FLAG = "--render-worker"  # a frozen app's main routes this flag to the child
CHILD_ENTRY = "from reviewer_app.core.child.main import serve; serve()"
_entry_installed = False


def mark_entry_installed() -> None:
    """The app's ``main`` routes ``WORKER_FLAG`` to the child (see ``worker_command``)."""
    global _entry_installed
    _entry_installed = True


def worker_command() -> list[str]:
    """How to start a child: ``python -c`` from source, the app's flag frozen."""
    if getattr(sys, "frozen", False):
        if not _entry_installed:
            raise RenderError("this build does not route --render-worker to the renderer")
        return [sys.executable, WORKER_FLAG]
    return [sys.executable, "-c", CHILD_ENTRY]


PIPE_BYTES = 1 << 20  # pipe buffer asked for (Linux allows up to 1 MB unprivileged)


def widen_pipes(proc: subprocess.Popen) -> None:
    """Bigger pipe buffers to and from a child, where the system allows (Linux).

    A page at 150% is 5.8 MB; through the default 64 KB buffer that is ~90 round trips
    between the processes: 10 ms, more than rendering it. With 1 MB: 4 ms."""
    try:
        import fcntl

        setsize = getattr(fcntl, "F_SETPIPE_SZ", 1031)
    except ImportError:
        return
    for stream in filter(None, (proc.stdin, proc.stdout)):
        try:
            fcntl.fcntl(stream.fileno(), setsize, PIPE_BYTES)
        except (OSError, ValueError, AttributeError):
            pass  # at the system's limit already, or not a pipe: the default works


class RenderError(RuntimeError):
    """The renderer could not produce a page (damaged page, dead renderer process)."""


class RemoteRenderer:
    """``PageRenderer``'s API, served by a child process that owns the Document.

    Like ``PageRenderer`` it belongs to one thread. The process is reused across
    documents (``open`` replaces the Document) and ends with ``close``; it also ends by
    itself when this process goes away (its stdin closes).
    """

    def __init__(self, data: bytes | None = None):
        flags = (getattr(subprocess, "CREATE_NO_WINDOW", 0)
                 | getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0))
        from reviewer_app.core.pdf.tile_buffer import ParentBuffer

        self._shared = ParentBuffer()  # pixels through shared memory where possible
        pass_fds = (self._shared.fd,) if self._shared.available else ()
        try:
            self._proc = subprocess.Popen(worker_command(), stdin=subprocess.PIPE,
                                          stdout=subprocess.PIPE, creationflags=flags,
                                          pass_fds=pass_fds, env=self._shared.child_env())
        except BaseException:
            self._shared.close()
            raise
        widen_pipes(self._proc)
        self._ready = False
        self.broken = False  # the pipe failed: the process is gone or unusable
        self.page_count = 0
        if data is not None:
            self.open(data)

    def _call(self, *msg: Any) -> Any:
        assert self._proc.stdin is not None and self._proc.stdout is not None  # pipes
        try:
            if not self._ready:
                self.wait_ready()
            ipc.write_frame(self._proc.stdin, msg)
            reply = ipc.read_frame(self._proc.stdout)
            status, value = reply[0], reply[1]
            if status == "shared":
                return replace(value, samples=self._shared.take(reply[2]))
            if status == "image":
                samples = ipc.read_raw(self._proc.stdout)
                if msg[0] == "render":
                    self._shared.grow(len(samples))  # room for such tiles next time
                return replace(value, samples=samples)
        except (EOFError, OSError, ipc.FrameError) as exc:
            self.broken = True
            raise RenderError(f"the render process stopped ({exc})") from exc
        if status != "ok":
            raise RenderError(value)
        return value

    def wait_ready(self) -> None:
        """Block until the child has imported MuPDF and said so (its first message)."""
        if not self._ready:
            assert self._proc.stdout is not None  # started with pipes
            status, _pid = ipc.read_frame(self._proc.stdout)
            if status != "ready":
                raise RenderError(f"the render process did not start ({status})")
            self._ready = True

    def open(self, data: bytes) -> None:
        self.page_count = self._call("open", data)

    def info(self, geometry: bool | str = True, labels: bool = True,
             outline: bool = True) -> DocumentInfo:
        return self._call("info", geometry, labels, outline)

    def render(self, pno: int, scale: float, clip: Rect | None = None) -> RenderedPage:
        return self._call("render", pno, scale, clip, self._shared.size)

    def close(self) -> None:
        assert self._proc.stdin is not None and self._proc.stdout is not None  # pipes
        if self._proc.stdin.closed:
            return
        try:
            ipc.write_frame(self._proc.stdin, ("quit",))
            self._proc.stdin.close()
        except OSError:
            pass
        try:
            self._proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait(timeout=3)
        self._proc.stdout.close()
        self._shared.close()

    @property
    def pid(self) -> int:
        return self._proc.pid

    def alive(self) -> bool:
        return self._proc.poll() is None
