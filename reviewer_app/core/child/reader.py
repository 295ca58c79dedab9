"""Reading a PDF for a review in a child process: checking, extracting and segmenting it.

``AddDocument.prepare`` takes a couple of seconds on a 700-page manual. In a thread of the
window's process it would share the GIL with the interface, and MuPDF keeps the GIL for
the whole of each call (extracting one heavy page, or the first page with its fonts,
takes 50-90 ms), so the window would stand still that long, again and again. Here it runs
in the child process (``core.child.main``, started by ``render_client.worker_command``,
so frozen builds work too), and the result comes back in small pieces (``core.pdf.ipc``
frames, never pickles), each decoded quickly.

When no child can be started the work is done in the calling thread instead.
"""

from __future__ import annotations

import logging
import subprocess
from dataclasses import replace

from reviewer_app.core.errors import DocumentError, ReviewError
from reviewer_app.core.index.segment import Passage
from reviewer_app.core.pdf import ipc
from reviewer_app.core.pdf.documents import PdfInfo
from reviewer_app.core.pdf.render_client import RenderError, widen_pipes, worker_command
from reviewer_app.core.review.commands import AddDocument
from reviewer_app.core.text.textmap import DocumentText, PageText

PAGES_PER_FRAME = 40
PASSAGES_PER_FRAME = 400

log = logging.getLogger(__name__)
ipc.register(PdfInfo, DocumentText, PageText, Passage)


def _chunks(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


def serve_prepare(out, data: bytes, filename: str, password: str | None = None,
                  ocr: bool = False) -> None:
    """In the child: prepare the command and send it in pieces (see ``prepare``)."""
    try:
        cmd = AddDocument.prepare(data, filename, password, ocr=ocr)
    except ReviewError as exc:
        ipc.write_frame(out, ("raise", exc))
        return
    except Exception as exc:  # a bug or a MuPDF failure: reported, the child serves on
        ipc.write_frame(out, ("error", f"{type(exc).__name__}: {exc}"))
        return
    info = cmd.info
    pages = _chunks(list(info.text.pages), PAGES_PER_FRAME)
    passages = _chunks(list(cmd.passages or []), PASSAGES_PER_FRAME)
    decrypted = cmd.data if cmd.data is not data else None  # else the parent has it
    head = replace(info, text=DocumentText([]), data=b"")
    ipc.write_frame(out, ("prepared", head, decrypted, len(pages), len(passages)))
    for chunk in pages + passages:
        ipc.write_frame(out, chunk)


def prepare(data: bytes, filename: str, password: str | None = None,
            ocr: bool = False) -> AddDocument:
    """``AddDocument.prepare`` in a child process (in this thread if none can start).

    Raises what ``prepare`` raises (``DocumentError``, ``PasswordRequired``), and a
    ``DocumentError`` if the child fails or dies while reading (a PDF that crashes
    MuPDF takes the child down, not the window). ``ocr`` also reads the pages without a
    text layer with Tesseract (seconds per page).
    """
    try:
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) | getattr(
            subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0)
        proc = subprocess.Popen(worker_command(), stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, creationflags=flags)
        widen_pipes(proc)
    except (OSError, RenderError) as exc:
        log.warning("no reader process (%s); reading in this thread", exc)
        return AddDocument.prepare(data, filename, password, ocr=ocr)
    try:
        return _receive(proc, data, filename, password, ocr)
    except (EOFError, OSError, ipc.FrameError) as exc:
        raise DocumentError(f"{filename}: the PDF could not be read (the reader stopped: "
                            f"{exc}).") from exc
    finally:
        _finish(proc)


def _receive(proc: subprocess.Popen, data: bytes, filename: str,
             password: str | None, ocr: bool = False) -> AddDocument:
    assert proc.stdin is not None and proc.stdout is not None  # started with pipes
    status, _pid = ipc.read_frame(proc.stdout)
    if status != "ready":
        raise EOFError(f"unexpected first message {status!r}")
    ipc.write_frame(proc.stdin, ("prepare", data, filename, password, ocr))
    status, *rest = ipc.read_frame(proc.stdout)
    if status == "raise":
        raise rest[0]
    if status != "prepared":
        raise DocumentError(f"{filename}: the PDF could not be read ({rest[0]}).")
    head, decrypted, n_pages, n_passages = rest
    pages = [p for _ in range(n_pages) for p in ipc.read_frame(proc.stdout)]
    passages = [p for _ in range(n_passages) for p in ipc.read_frame(proc.stdout)]
    info = replace(head, text=DocumentText(pages),
                   data=bytes(decrypted) if decrypted is not None else data)
    return AddDocument(info.data, filename, info, passages=passages)


def _finish(proc: subprocess.Popen) -> None:
    assert proc.stdin is not None and proc.stdout is not None  # started with pipes
    try:
        ipc.write_frame(proc.stdin, ("quit",))
        proc.stdin.close()
    except OSError:
        pass
    try:
        proc.wait(timeout=3)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=3)
    proc.stdout.close()
