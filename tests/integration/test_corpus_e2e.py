"""End to end on real policies: build reviews with the commands a script would use.

Every labelled quote of every text-layer corpus document is linked with ``link`` (the
first document through a real subprocess), findings are set from the labels, and
``status --json`` must report each quote as intact evidence and the right outcome.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from reviewer_app.main import main
from tests.factories.corpus import CORPUS, corpus_pdf

pytestmark = pytest.mark.corpus

STRENGTH_RESULT = {"full": "met", "partial": "partial"}


def _documents() -> list[str]:
    path = CORPUS / "labels.json"
    if not path.exists():
        return ["harrisonburg-va_use-of-force.pdf"]  # skipped by corpus_pdf below
    docs = json.loads(path.read_text())["documents"]
    return [Path(d["file"]).name for d in docs if d["text_layer"] != "image-only"]


def _run(args: list, real_process: bool) -> tuple[int, str]:
    args = [str(a) for a in args]
    if real_process:
        p = subprocess.run([sys.executable, "-m", "reviewer_app", *args], capture_output=True,
                           text=True)
        assert "Traceback" not in p.stderr
        return p.returncode, p.stdout + p.stderr
    return main(args), ""


@pytest.mark.parametrize("name", _documents())
def test_link_every_labelled_quote_and_report_status(name, labels, tmp_path, capsys):
    pdf = corpus_pdf(name)
    entry = next(d for d in labels["documents"] if d["file"].endswith(name))
    real = name.startswith("harrisonburg")
    f = tmp_path / "agency.review"
    assert _run(["new", f, "--agency", entry["agency"], "--state", "IL",
                 "--assessor", "Corpus Test"], real)[0] == 0
    assert _run(["add-doc", f, pdf], real)[0] == 0
    expected: dict[str, list[tuple[int, str]]] = {}
    for item, label in entry["labels"].items():
        result = "not_met"
        if label:
            for q in label["quotes"]:
                code, out = _run(["link", f, "--item", item, "--quote", q["text"],
                                  "--page", q["page"]], real)
                assert code == 0, f"{item}: {q['text'][:60]!r} {out}"
                expected.setdefault(item, []).append((q["page"], q["text"]))
            result = STRENGTH_RESULT[label["strength"]]
        assert _run(["finding", f, "--item", item, "--result", result], real)[0] == 0
    capsys.readouterr()
    assert main(["status", str(f), "--json"]) == 0
    status = json.loads(capsys.readouterr().out)
    by_id = {i["id"]: i for i in status["items"]}
    for item, quotes in expected.items():
        got = by_id[item]["evidence"]
        assert [e["page"] for e in got] == [p for p, _ in quotes]
        assert all(e["intact"] for e in got)
        for e, (_, text) in zip(got, quotes, strict=True):
            squash = "".join(text.split()).lower()
            assert "".join(e["quote"].split()).lower().replace("\u00ad", "") == squash or \
                len(e["quote"]) >= len(text) * 0.9
    choke, legal = entry["labels"]["chokehold"], entry["labels"]["legal_compliance"]
    if choke and legal and choke["strength"] == legal["strength"] == "full":
        assert status["outcome"]["status"] == "Certified"
    elif not choke or not legal or "partial" in (choke["strength"], legal["strength"]):
        assert status["outcome"]["status"] == "Not certified"
    assert status["outcome"]["assessed"] == len(entry["labels"])
