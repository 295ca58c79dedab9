"""Text from a review, a standards set or a PDF reaches packet.pdf as text, never markup
(issue 15): every field holds reportlab markup and must print literally, without a live
link, an embedded local image or a traceback."""

from __future__ import annotations

import pymupdf
import pytest

from reviewer_app.core.packet import export_packet
from reviewer_app.core.packet.model import gather
from reviewer_app.core.packet.text_safety import chunks, clean, cut, esc
from tests.core.packet.hostile import ALL_FIELDS, MARKUP, hostile_review
from tests.factories.packets import normalized


def _packet_text(path) -> tuple[str, list, int]:
    with pymupdf.open(path) as doc:
        text = normalized(" ".join(p.get_text() for p in doc))
        links = [lk for p in doc for lk in p.get_links()]
        images = sum(len(p.get_images()) for p in doc)
        toc = " ".join(t for _, t, _ in doc.get_toc())
    return text + " " + toc, links, images


@pytest.mark.parametrize("kind", sorted(MARKUP))
def test_markup_in_every_field_prints_as_text(tmp_path, kind):
    markup = MARKUP[kind]
    store = hostile_review(tmp_path / "r.review", lambda field: f"[{field}]{markup}")
    try:
        # the heading comes from the PDF's typography, which may not find one
        found_heading = any(e.section for i in gather(store).items for e in i.evidence)
        result = export_packet(store, tmp_path / "packet")
    finally:
        store.close()
    text, links, images = _packet_text(result.packet_pdf)
    literal = normalized(markup).lower()  # the state is stored upper-case
    fields = [f for f in ALL_FIELDS if f != "heading" or found_heading]
    missing = [f for f in fields if f"[{f}]{literal}" not in text.lower()]
    assert not missing, f"{kind}: not printed literally in {missing}"
    assert f"rename document to policy [doc_title]{literal}" in text.lower()  # the log
    assert not [lk for lk in links if lk.get("kind") == pymupdf.LINK_URI]
    assert images <= 2  # the evidence crop(s), no local file pulled in by <img>


def test_contents_entry_of_a_marked_up_title_is_text(tmp_path):
    """The table of contents sets its entries as markup: the title must arrive escaped."""
    store = hostile_review(tmp_path / "r.review", lambda f: MARKUP["font"] if
                           f == "item_title" else f)
    try:
        result = export_packet(store, tmp_path / "packet")
    finally:
        store.close()
    with pymupdf.open(result.packet_pdf) as doc:
        contents = next(p for p in doc if "Contents" in p.get_text())
        spans = [s for b in contents.get_text("dict")["blocks"] for ln in b.get("lines", [])
                 for s in ln["spans"]]
        words = normalized(contents.get_text())
    assert MARKUP["font"] in words
    assert all(s["size"] < 25 for s in spans if "RED" in s["text"])  # no size=30


def test_control_characters_never_reach_the_packet(tmp_path):
    store = hostile_review(tmp_path / "r.review",
                           lambda f: f"{f}\x1b[31mX\x07\x00\x1b]0;pwn\x07\u202eZ",
                           quote="Officers render first aid at once.")
    try:
        result = export_packet(store, tmp_path / "packet")
    finally:
        store.close()
    with pymupdf.open(result.packet_pdf) as doc:
        raw = "".join(p.get_text() for p in doc)
    assert not any(ch in raw for ch in "\x1b\x07\x00\u202e")
    assert "agency_name[31mX]0;pwnZ" in raw.replace("\n", "")


def test_helpers_escape_cut_and_chunk():
    assert esc("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"
    assert clean("a\x00b\x1bc\td\ne\ud800") == "abc\td\ne"
    long = "word " * 1000
    short = cut(long, 100)
    assert len(short) < 150 and "more characters not shown" in short
    assert cut("short", 100) == "short"
    pieces = chunks("x" * 3000, 1200)
    assert [len(p) for p in pieces] == [1200, 1200, 600]
    assert "".join(chunks(long, 1200)).replace(" ", "") == long.replace(" ", "")


def test_export_progress_never_prints_control_characters(tmp_path, capsys):
    from reviewer_app.cli import run_cli

    store = hostile_review(tmp_path / "r.review", lambda f: f"{f}\x1b]0;pwn\x07\x1b[2J",
                           quote="Officers render first aid at once.")
    store.close()
    assert run_cli(["export", str(tmp_path / "r.review"), "--out", str(tmp_path / "p")]) == 0
    captured = capsys.readouterr()
    assert "Rendering evidence from Policy doc_title" in captured.err
    assert "\x1b" not in captured.err + captured.out
