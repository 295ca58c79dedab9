"""``reviewer-app --self-test``: prove that an installation works, offline, on this machine.

An office without IT staff (or the installer's smoke test) runs it once after installing.
It opens a COPY of the demo review in a temporary folder (the user's own copy, settings and
recent files are never touched), shows it in the real window offscreen, links a quote
with the same commands the window uses, exports a certification packet and verifies it,
then signs one with a throwaway office key and verifies that (``selftest_signing``).
Every Python-level network attempt is recorded by an audit hook and fails the test; the
installer's smoke test also watches the whole process (Qt included) with strace.

Prints one line per step with its time; the exit code is 0 only when every step passed.
Options: ``--keep`` keeps the work folder, ``--show`` uses the real display instead of
the offscreen one, ``--verbose`` prints tracebacks of failed steps.
"""

from __future__ import annotations

import hashlib
import os
import platform
import shutil
import socket
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from reviewer_app import __version__
from reviewer_app.resources import is_frozen, resource_path

_NET_EVENTS = {"socket.connect", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo",
               "socket.gethostbyname", "socket.gethostbyaddr", "http.client.connect",
               "urllib.Request"}


class StepFailed(Exception):
    """A step's check did not hold; the message says which and why."""


class NetworkGuard:
    """Audit hook recording every network attempt made through Python's socket module.

    Unix-domain sockets are local IPC, not network, and are ignored. An audit hook cannot
    be removed, so it records only while ``active``.
    """

    def __init__(self) -> None:
        self.active = False
        self.attempts: list[str] = []

    def __call__(self, event: str, args: tuple) -> None:
        if not self.active or event not in _NET_EVENTS:
            return
        if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
            sock, args = args[0], args[1:]
            if getattr(sock, "family", None) == getattr(socket, "AF_UNIX", object()):
                return
        self.attempts.append(f"{event} {args!r}"[:160])


_GUARD: NetworkGuard | None = None


def network_guard() -> NetworkGuard:
    global _GUARD
    if _GUARD is None:
        _GUARD = NetworkGuard()
        sys.addaudithook(_GUARD)
    return _GUARD


def sha256_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@dataclass
class Context:
    workdir: Path
    review_path: Path | None = None
    user_review: Path | None = None
    user_review_sha: str = ""
    packet_dir: Path | None = None

    def need(self, value, what: str):
        if value is None:
            raise StepFailed(f"not run: {what} is missing (an earlier step failed)")
        return value


# -- steps ---------------------------------------------------------------------------------
def step_bundled_files(ctx: Context) -> str:
    from reviewer_app.core.checklist.standards import STANDARDS_DIR, bundled_sets, resolve_standards

    sets = bundled_sets()
    if not sets:
        raise StepFailed(f"no standards sets in {STANDARDS_DIR}")
    loaded = [resolve_standards(set_id) for set_id in sets]
    where = "frozen build" if is_frozen() else "source checkout"
    counts = ", ".join(f"{s.id} ({len(s.items)} items)" for s in loaded)
    return f"{where}; standards: {counts}"


def step_demo_review(ctx: Context) -> str:
    """Copy the demo review into the work folder; the user's copy is only read.

    Without a demo in the user's data folder, one is built in the work folder instead, so
    the self-test never creates files of its own there.
    """
    from reviewer_app.core import demo

    target = ctx.workdir / "self-test.review"

    user_copy = demo.data_dir() / "demo" / demo.DEMO_FILENAME
    if user_copy.exists():
        source = Path(demo.demo_review_path())
        ctx.user_review, ctx.user_review_sha = source, sha256_file(source)
        how = f"copied the user's demo from {source.parent}"
    else:
        source = Path(demo.demo_review_path(ctx.workdir / "built"))
        how = "built the demo (none in the user's data folder yet)"
    shutil.copy2(source, target)
    ctx.review_path = target
    with_evidence = _count(target)
    return f"{how}; {with_evidence}"


def _count(path: Path) -> str:
    from reviewer_app.core.review.store import ReviewStore

    with ReviewStore.open(path, read_only=True) as store:
        docs, evidence = store.documents(), store.evidence()
        return (f"{len(docs)} document(s), {sum(d.page_count for d in docs)} pages, "
                f"{len(evidence)} evidence, {len(store.findings())} findings")


def step_window(ctx: Context) -> str:
    return show_in_window(ctx.need(ctx.review_path, "the review copy"), ctx.workdir)


def show_in_window(path: Path, workdir: Path) -> str:
    """Open the review in the real main window (settings kept in the work folder), render
    it as a user would see it, and check that the checklist and the pages are drawn."""
    import PySide6
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from reviewer_app.ui.common.style import apply_style
    from reviewer_app.ui.dialogs import common as dialogs
    from reviewer_app.ui.window.main_window import MainWindow
    from reviewer_app.ui.window.screenshot import take_screenshot
    from reviewer_app.ui.window.settings import Settings

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "reviewer-app"])
    _quiet_offscreen_warning()
    assert isinstance(app, QApplication)  # not a bare QCoreApplication: the window needs one
    apply_style(app)
    interactive, dialogs.NONINTERACTIVE = dialogs.NONINTERACTIVE, True
    settings = Settings(QSettings(str(workdir / "settings.ini"), QSettings.Format.IniFormat))
    win = MainWindow(settings)
    try:
        if not win.open_review(path):
            raise StepFailed("the window could not open the review (see the message above)")
        items = len(win.checklist.visible_item_ids())
        assert win.session is not None  # opened
        expected = len(win.session.standards.items)
        if items != expected:
            raise StepFailed(f"the checklist shows {items} of {expected} items")
        shot = workdir / "window.png"
        if not take_screenshot(win, shot):
            raise StepFailed("the pages in view were not rendered within 30 s")
        failed = getattr(getattr(win.view, "render_service", None), "failed", {})
        if failed:
            raise StepFailed(f"{len(failed)} page tile(s) failed to render: "
                             f"{next(iter(failed.values()))}")
        colours = _distinct_colours(shot)
        if colours < 16:
            raise StepFailed(f"the window looks blank ({colours} colours in {shot.name})")
    finally:
        win.close()
        win.deleteLater()
        app.processEvents()
        dialogs.NONINTERACTIVE = interactive
    return (f"Qt {PySide6.__version__} on '{app.platformName()}': {items} items listed, pages "
            f"rendered, {colours} colours in a {shot.stat().st_size // 1024} KB screenshot")


def _quiet_offscreen_warning() -> None:
    """Drop the one harmless warning of the offscreen platform; pass every other on."""
    from PySide6.QtCore import qInstallMessageHandler

    previous = None

    def handler(mode, context, message) -> None:
        if "propagateSizeHints" in message:
            return
        if previous is not None:
            previous(mode, context, message)
        else:
            print(message, file=sys.stderr)

    previous = qInstallMessageHandler(handler)


def _distinct_colours(png: Path) -> int:
    from PySide6.QtGui import QImage

    image = QImage(str(png)).scaled(96, 60)
    return len({image.pixel(x, y) for x in range(image.width()) for y in range(image.height())})


def step_link_quote(ctx: Context) -> str:
    from reviewer_app.core.review.commands import AddEvidence, CommandStack
    from reviewer_app.core.review.store import ReviewStore

    with ReviewStore.open(ctx.need(ctx.review_path, "the review copy")) as store:
        docs = store.documents()
        if not docs:
            raise StepFailed("the review has no documents")
        item, doc, anchor = choose_quote(store)
        before = len(store.evidence(item_id=item.id))
        stack = CommandStack(store)
        cmd = stack.execute(AddEvidence(
            item_id=item.id, item_code=item.code, doc_id=doc.id, kind="text", page=anchor.page,
            quads=anchor.quads, start=anchor.start, end=anchor.end, exact=anchor.exact,
            prefix=anchor.prefix, suffix=anchor.suffix, note="linked by the self-test"))
        stack.undo()
        if len(store.evidence(item_id=item.id)) != before:
            raise StepFailed("undo did not remove the linked quote")
        stack.redo()
        assert cmd.evidence is not None  # set by apply
        linked = store.evidence_by_id(cmd.evidence.id)
        if linked.exact != anchor.exact or not linked.quads:
            raise StepFailed("the stored evidence does not match the quote")
    quote = anchor.exact if len(anchor.exact) <= 50 else anchor.exact[:47] + "..."
    return (f"{item.code or item.id} <- {doc.title}, page {doc.page_label(anchor.page)}: "
            f"\"{quote}\" (undo/redo ok)")


def step_export_packet(ctx: Context) -> str:
    from reviewer_app.core.packet import export_packet
    from reviewer_app.core.review.store import ReviewStore

    out = ctx.workdir / "packet"
    with ReviewStore.open(ctx.need(ctx.review_path, "the review copy")) as store:
        before = store.file_sha256()
        result = export_packet(store, out)
        if store.file_sha256() != before:
            raise StepFailed("exporting the packet changed the review file")
    files = [p for p in out.rglob("*") if p.is_file()]
    if not files:
        raise StepFailed(f"the packet folder {out} is empty")
    ctx.packet_dir = out
    size = sum(p.stat().st_size for p in files)
    return (f"{len(files)} files, {size / 1024:.0f} KB, report of {result.pages} pages, "
            f"outcome: {result.outcome}")


def step_verify_packet(ctx: Context) -> str:
    """Verify the packet, then prove the check can fail: a changed copy must be refused."""
    from reviewer_app.core.packet import verify_packet

    folder = ctx.need(ctx.packet_dir, "the packet")
    report = verify_packet(folder)
    if not report.ok:
        raise StepFailed("; ".join(report.problems[:3]) or "a file does not match its hash")
    tampered = ctx.workdir / "packet-tampered"
    shutil.copytree(folder, tampered)
    victim = max((p for p in tampered.rglob("*") if p.is_file() and p.suffix != ".json"),
                 key=lambda p: p.stat().st_size)
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF
    victim.write_bytes(bytes(data))
    if verify_packet(tampered).ok:
        raise StepFailed(f"verify_packet accepted a packet whose {victim.name} was changed")
    return f"{len(report.files)} files intact; a changed {victim.name} is detected"


def step_sign_packet(ctx: Context) -> str:
    from reviewer_app.selftest_signing import sign_and_verify

    try:
        return sign_and_verify(ctx.need(ctx.review_path, "the review copy"), ctx.workdir)
    except Exception as exc:  # a key, signing or packet error: the step's one line
        raise StepFailed(str(exc)) from exc


def step_user_copy_untouched(ctx: Context) -> str:
    if ctx.user_review is None:
        return "no user copy involved: the demo was built in the work folder"
    if sha256_file(ctx.user_review) != ctx.user_review_sha:
        raise StepFailed(f"{ctx.user_review} changed during the self-test")
    return f"{ctx.user_review.name} unchanged (sha256 {ctx.user_review_sha[:12]})"


def step_no_network(ctx: Context) -> str:
    attempts = network_guard().attempts
    if attempts:
        raise StepFailed(f"{len(attempts)} network attempt(s): " + "; ".join(attempts[:3]))
    return "no connection or name lookup attempted from Python"


STEPS: list[tuple[str, Callable[[Context], str]]] = [
    ("bundled files", step_bundled_files),
    ("demo review copy", step_demo_review),
    ("window", step_window),
    ("link a quote", step_link_quote),
    ("export packet", step_export_packet),
    ("verify packet", step_verify_packet),
    ("sign packet", step_sign_packet),
    ("user copy untouched", step_user_copy_untouched),
    ("no network", step_no_network),
]


# -- helpers -------------------------------------------------------------------------------
def choose_quote(store):
    """A quote that occurs once: the sentence around an item's first search-term hit."""
    from reviewer_app.core.text.anchoring import anchor_span, find_quote_spans

    standards = store.standards()
    for doc in store.documents():
        text = store.document_text(doc.id)
        if not text.has_text:
            continue
        full = text.text
        for item in standards.ordered_items():
            for term in item.search_terms:
                for start, end in find_quote_spans(text, term)[:3]:
                    lo = max(full.rfind(".", 0, start), full.rfind("\n", 0, start)) + 1
                    stops = [i for i in (full.find(".", end), full.find("\n", end)) if i >= 0]
                    hi = min([*stops, len(full)])
                    quote = full[lo:hi + 1].strip()[:240]
                    if len(quote) >= 20 and len(find_quote_spans(text, quote)) == 1:
                        (s, e), = find_quote_spans(text, quote)
                        return item, doc, anchor_span(text, s, e)
    raise StepFailed("no quotable sentence found in the review's documents")


# -- runner --------------------------------------------------------------------------------
def _out(line: str = "") -> None:
    stream = sys.stdout or sys.stderr
    if stream is not None:
        print(line, file=stream, flush=True)


def run_steps(ctx: Context, steps=None, verbose: bool = False) -> list[tuple[str, bool, float]]:
    results = []
    for name, fn in steps or STEPS:
        t0 = time.perf_counter()
        try:
            detail, ok = fn(ctx), True
        except StepFailed as exc:
            detail, ok = str(exc), False
        except Exception as exc:  # a bug or a broken installation: report, don't crash
            detail, ok = f"{type(exc).__name__}: {exc}", False
            if verbose:
                traceback.print_exc()
        elapsed = time.perf_counter() - t0
        _out(f"{'PASS' if ok else 'FAIL'}  {name:<20} {elapsed * 1000:7.0f} ms  {detail}")
        results.append((name, ok, elapsed))
    return results


def run_self_test(argv: list[str]) -> int:
    """Run every step; 0 when all pass, 1 otherwise."""
    show, keep, verbose = "--show" in argv, "--keep" in argv, "--verbose" in argv
    if not show:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    guard = network_guard()
    guard.active, guard.attempts[:] = True, []
    workdir = Path(tempfile.mkdtemp(prefix="reviewer-app-selftest-"))
    kind = "frozen build" if is_frozen() else "from source"
    _out(f"reviewer-app {__version__} self-test ({kind}; Python {platform.python_version()}, "
         f"{platform.system()} {platform.machine()})")
    _out(f"work folder: {workdir}  app files: {resource_path()}")
    t0 = time.perf_counter()
    ctx = Context(workdir=workdir)
    try:
        results = run_steps(ctx, verbose=verbose)
    finally:
        guard.active = False
        if keep:
            _out(f"kept the work folder {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    failed = [name for name, ok, _ in results if not ok]
    total = time.perf_counter() - t0
    if failed:
        _out(f"self-test FAILED: {len(failed)} of {len(results)} steps "
             f"({', '.join(failed)}) in {total:.2f} s")
        return 1
    _out(f"self-test passed: {len(results)} steps in {total:.2f} s")
    return 0
