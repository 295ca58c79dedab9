"""Generated documents for the benchmarks: a 2,000-page policy manual and a revised manual.

Both are built once and cached under ``.bench/`` (git-ignored); the name carries a version so
a change here rebuilds them. The policy is fictional, deterministic (seeded) and laid out like
a Lexipol manual: chapters, numbered sections, running header and footer, body paragraphs.
The revision of a corpus manual inserts and deletes pages and rewords a few clauses, which is
what a real annual revision does to evidence.
"""

from __future__ import annotations

import random
from pathlib import Path

import pymupdf

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / ".bench"
POLICY_VERSION = 1
REVISION_VERSION = 3

# A clause that occurs exactly once in the generated policy, for ``link`` timings.
LINK_QUOTE = ("Officers assigned to the Harbor Unit shall not use a chokehold or any carotid "
              "restraint unless deadly force is authorized by law.")
LINK_PAGE = 1499  # 0-based

_SUBJECTS = ("Officers", "Supervisors", "Members", "The shift sergeant", "Each employee",
             "The watch commander", "Dispatch personnel", "Investigators", "The department")
_VERBS = ("shall document", "should review", "shall report", "may request", "shall ensure",
          "should consider", "shall maintain", "must notify", "shall complete", "may authorize")
_OBJECTS = ("the incident report", "all available evidence", "the chain of custody",
            "a supervisor's approval", "the training records", "any use of force",
            "the vehicle inspection form", "the property log", "written notice to the chief",
            "the body-worn camera recording", "the arrestee's medical condition",
            "the court's order", "the complaint intake form", "the duty roster")
_TAILS = ("before the end of the shift", "within 24 hours", "as soon as practical",
          "unless exigent circumstances exist", "in accordance with state law",
          "consistent with department training", "when it is safe and feasible to do so",
          "as directed by the Chief of Police", "prior to release of the subject",
          "and forward a copy to the Records Section")
_TOPICS = ("Use of Force", "Vehicle Pursuits", "Evidence Handling", "Body-Worn Cameras",
           "Crisis Intervention", "Search and Seizure", "Juvenile Contacts", "Property Control",
           "Domestic Violence", "Records Retention", "Officer Wellness", "Traffic Enforcement",
           "Missing Persons", "Hate Crimes", "Firearms Qualification", "Canine Operations")
_HEADS = ("PURPOSE AND SCOPE", "POLICY", "DEFINITIONS", "PROCEDURE", "RESPONSIBILITIES",
          "REPORTING", "TRAINING", "SUPERVISORY REVIEW")


def _sentence(rng: random.Random) -> str:
    return (f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)} "
            f"{rng.choice(_TAILS)}.")


def _page_text(rng: random.Random, pno: int) -> tuple[str, str]:
    """(heading line, body) for one page: a section number and a few paragraphs."""
    chapter = 300 + pno // 8
    section = pno % 8 + 1
    heading = f"{chapter}.{section} {_HEADS[section - 1]}"
    paras = []
    for _ in range(rng.randint(4, 6)):
        paras.append(" ".join(_sentence(rng) for _ in range(rng.randint(3, 5))))
    if pno == LINK_PAGE:
        paras.insert(1, LINK_QUOTE)
    return heading, "\n\n".join(paras)


def policy_path(pages: int = 2000) -> Path:
    return CACHE / f"policy-{pages}-v{POLICY_VERSION}.pdf"


def generated_policy(pages: int = 2000) -> Path:
    """The generated policy manual, built on first use (about 10 s for 2,000 pages)."""
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen import canvas

    path = policy_path(pages)
    if path.exists():
        return path
    CACHE.mkdir(exist_ok=True)
    rng = random.Random(20240611)
    tmp = path.with_suffix(".tmp")
    c = canvas.Canvas(str(tmp), pagesize=(612, 792), pageCompression=1, invariant=1)
    c.setTitle(f"Riverton Police Department Policy Manual ({pages} pages)")
    for pno in range(pages):
        chapter = 300 + pno // 8
        topic = _TOPICS[(pno // 8) % len(_TOPICS)]
        c.setFont("Helvetica", 9)
        c.drawString(72, 744, "Riverton Police Department")
        c.drawString(72, 732, "Policy Manual")
        c.setFont("Helvetica-Bold", 14)
        c.drawString(72, 706, f"Policy {chapter}: {topic}")
        heading, text = _page_text(rng, pno)
        c.setFont("Helvetica-Bold", 11)
        c.drawString(72, 688, heading)
        body = c.beginText(72, 668)
        body.setFont("Helvetica", 10.5)
        body.setLeading(13)
        for para in text.split("\n\n"):
            for line in simpleSplit(para, "Helvetica", 10.5, 468):
                body.textLine(line)
            body.textLine("")
        c.drawText(body)
        c.setFont("Helvetica", 8)
        c.drawString(72, 32, "Fictional policy manual generated for benchmarks")
        c.drawString(500, 32, f"Page {pno + 1}")
        c.showPage()
    c.save()
    tmp.replace(path)
    return path


# --- a revised corpus manual -------------------------------------------------------------

# (0-based page, old words, new words): clause rewordings made by the revision.
REWORDINGS = (
    (49, "should use non-violent", "shall use non-violent"),
    (53, "Officers will receive", "Officers shall receive"),
)
INSERT_AT = (20, 400)  # new pages inserted before these (0-based, original numbering)
DELETE = 700  # an original page dropped by the revision


def revision_path(source: Path) -> Path:
    return CACHE / f"{source.stem}-revised-v{REVISION_VERSION}.pdf"


def revised_manual(source: Path) -> Path:
    """``source`` as its next revision: two pages inserted, one removed, two clauses reworded."""
    path = revision_path(source)
    if path.exists():
        return path
    CACHE.mkdir(exist_ok=True)
    doc = pymupdf.open(source)
    for pno, old, new in REWORDINGS:
        page = doc[pno]
        hits = page.search_for(old)  # one rectangle per word in these manuals
        if hits:
            words = [r for r in hits[:len(old.split())] if abs(r.y0 - hits[0].y0) < 1]
            box = pymupdf.Rect(hits[0])
            for r in words:
                box |= r
            page.add_redact_annot(box, text=new, fontname="helv", fontsize=9)
        page.apply_redactions(images=pymupdf.PDF_REDACT_IMAGE_NONE)
    doc.delete_page(DELETE)
    for at in sorted(INSERT_AT, reverse=True):
        page = doc.new_page(at, width=doc[0].rect.width, height=doc[0].rect.height)
        page.insert_textbox(pymupdf.Rect(72, 72, 540, 720),
                            "REVISION NOTICE\n\nThis page was added by the annual revision. "
                            "Sections that follow were renumbered where needed.", fontsize=11)
    tmp = path.with_suffix(".tmp")
    doc.save(tmp, garbage=1, deflate=True)
    doc.close()
    tmp.replace(path)
    return path


if __name__ == "__main__":  # pragma: no cover - manual use
    import sys
    import time

    t = time.perf_counter()
    print(generated_policy(int(sys.argv[1]) if len(sys.argv) > 1 else 2000),
          f"{time.perf_counter() - t:.1f}s")
