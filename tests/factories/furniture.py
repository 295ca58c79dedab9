"""A generated policy with a running header and a "Page N of M" footer on every page and a
clause that crosses a page break, as Lake County's use-of-force order prints them."""

from __future__ import annotations

import pymupdf

HEADER = ("Use of Force", "Policy Number: 1.6.01")
BEFORE = ("VI. Duty to Intervene", "A. Officers have an affirmative duty. It is the")
AFTER = ("duty of every employee present at a scene where physical force is being applied",
         "to stop another employee when force is being inappropriately applied.")
CROSSING = "It is the duty of every employee present at a scene"
WORDS = ("members officers supervisors force restraint report review training weapons "
         "vehicle custody warrant detention arrest suspect witness camera record medical "
         "annual policy order state county court deadly lethal verbal warning").split()


def _filler(n: int) -> str:
    """A distinct body line (no two lines alike, digits aside, on any two pages)."""
    picked = [WORDS[(n * k * 7 + k) % len(WORDS)] for k in range(1, 9)]
    return f"Line {n}: the {' '.join(picked)} shall apply."


def furniture_policy(pages: int = 4) -> bytes:
    """``pages`` pages; the clause crosses from page 2 to page 3 (when pages >= 3)."""
    doc = pymupdf.open()
    for n in range(1, pages + 1):
        page = doc.new_page(width=612, height=792)
        page.insert_text((72, 40), HEADER[0], fontname="hebo", fontsize=10)
        page.insert_text((72, 54), HEADER[1], fontname="helv", fontsize=9)
        page.insert_text((470, 54), f"Page {n} of {pages}", fontname="helv", fontsize=9)
        lines = [_filler(40 * n + k) for k in range(30)]
        if n == 2:
            lines = lines[:28] + list(BEFORE)
        if n == 3:
            lines = list(AFTER) + lines[:28]
        y = 110.0
        for line in lines:
            page.insert_text((72, y), line, fontname="helv", fontsize=10)
            y += 20
        page.insert_text((72, 760), "Lake Example Sheriff's Office - General Orders",
                         fontname="helv", fontsize=8)
    doc.set_metadata({"title": "Use of Force 1.6.01"})
    return doc.tobytes()
