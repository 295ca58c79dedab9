"""Clause segmentation: cut a document's canonical text into passages an assessor cites.

Baseline: one passage per MuPDF text block (a paragraph on most policies).
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewer_app.core.textmap import DocumentText


@dataclass(frozen=True)
class Passage:
    page: int  # 0-based
    start: int  # global canonical offsets
    end: int
    section: str
    heading: str
    text: str


def segment_document(text: DocumentText) -> list[Passage]:
    out: list[Passage] = []
    for pno, page in enumerate(text.pages):
        base = text.page_starts[pno]
        block_start, block = None, None
        for i in range(page.word_count() + 1):
            blk = page.lines[i] // 1000 if i < page.word_count() else None
            if blk != block:
                if block_start is not None:
                    end = page.starts[i] - 1 if i < page.word_count() else len(page.text)
                    out.append(Passage(pno, base + block_start, base + end, "", "",
                                       page.text[block_start:end]))
                block, block_start = blk, page.starts[i] if i < page.word_count() else None
    return out
