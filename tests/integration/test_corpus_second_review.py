"""Issue 12 end to end on a real policy (Harrisonburg, VA): the assessor links the
labelled clauses and records every item; a second reviewer, blind, disagrees on three;
the agreement is checked against figures computed here; the three are reconciled, the
approving official signs off, and the packet prints the chain and validates as OSCAL."""

from __future__ import annotations

import json
from collections import Counter

import pymupdf
import pytest

from reviewer_app.main import main
from tests.factories.corpus import corpus_pdf

pytestmark = pytest.mark.corpus

DOC = "harrisonburg-va_use-of-force.pdf"
STRENGTH_RESULT = {"full": "met", "partial": "partial"}
EXTRA = {"termination_of_force": "not_met", "warning_shots": "not_met",
         "no_knock": "not_applicable"}  # items the labels do not cover
SECOND_DIFFERS = {"deescalation": "met", "identify_warn": "not_met",
                  "early_intervention": "partial"}
FINAL = {"deescalation": "partial", "identify_warn": "partial",
         "early_intervention": "not_met"}


def cli(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def independent_kappa(first: list[str], second: list[str]) -> tuple[float, float]:
    """Percent agreement and kappa from the confusion table, written apart from the app."""
    n = len(first)
    table = Counter(zip(first, second, strict=True))
    cats = sorted(set(first) | set(second))
    po = sum(table[(c, c)] for c in cats) / n
    pe = sum(sum(table[(c, d)] for d in cats) * sum(table[(d, c)] for d in cats)
             for c in cats) / n ** 2
    return 100 * po, (po - pe) / (1 - pe)


def test_second_review_reconciliation_sign_off_and_packet(labels, tmp_path, capsys):
    pdf = corpus_pdf(DOC)
    entry = next(d for d in labels["documents"] if d["file"].endswith(DOC))
    f = tmp_path / "harrisonburg.review"
    ann = ("--as", "Ann Assessor")
    assert cli(capsys, *ann, "new", f, "--agency", entry["agency"], "--state", "VA",
               "--assessor", "Ann Assessor")[0] == 0
    assert cli(capsys, *ann, "add-doc", f, pdf)[0] == 0

    first: dict[str, str] = dict(EXTRA)
    for item, label in entry["labels"].items():
        first[item] = "not_met"
        if label:
            for q in label["quotes"]:
                code, _, err = cli(capsys, *ann, "link", f, "--item", item, "--quote",
                                   q["text"], "--page", q["page"])
                assert code == 0, err
            first[item] = STRENGTH_RESULT[label["strength"]]
    for item, result in first.items():
        code, _, err = cli(capsys, *ann, "finding", f, "--item", item, "--result", result,
                           "--note", f"Assessor on {item}: {result}.")
        assert code == 0, err
    assert len(first) == 14
    assert cli(capsys, *ann, "submit", f, "--second-reviewer", "Sam Second")[0] == 0

    # the second reviewer, blind: neither `second` nor `status` shows the first results
    sam = ("--as", "Sam Second")
    second = {**first, **SECOND_DIFFERS}
    for item, result in second.items():
        code, out, err = cli(capsys, *sam, "second", f, "--item", item, "--result", result,
                             "--note", f"Second on {item}.")
        assert code == 0, err
        assert "Assessor on" not in out and "assessor" not in out.lower()
    code, out, _ = cli(capsys, *sam, "status", f)
    assert code == 0 and "Stage: Second review" in out and "Assessor on" not in out
    assert "Partially met" not in out and "Outcome" not in out
    code, _, err = cli(capsys, *sam, "agreement", f)
    assert code == 2 and "blind" in err
    code, out, err = cli(capsys, *sam, "submit", f)
    assert code == 0 and "reconciliation" in out, err

    code, out, _ = cli(capsys, "agreement", f, "--json")
    data = json.loads(out)
    items = list(first)
    percent, kappa = independent_kappa([first[i] for i in items], [second[i] for i in items])
    assert data["items_compared"] == 14 and data["items_agreeing"] == 11
    assert data["percent_agreement"] == pytest.approx(percent, abs=0.01)
    assert data["cohens_kappa"] == pytest.approx(kappa, abs=1e-4)
    assert {d["item"] for d in data["disagreements"]} == set(SECOND_DIFFERS)
    de = next(d for d in data["disagreements"] if d["item"] == "deescalation")
    assert de["assessor"] == {"result": "partial",
                              "rationale": "Assessor on deescalation: partial."}
    assert de["second_reviewer"]["result"] == "met"
    assert de["second_reviewer"]["person"] == "Sam Second"

    rae = ("--as", "Rae Reconciler")
    code, _, err = cli(capsys, *rae, "signoff", f, "--name", "Olga Official", "--role", "x")
    assert code == 2 and "not reconciled yet" in err
    for item, result in FINAL.items():
        code, _, err = cli(capsys, *rae, "reconcile", f, "--item", item, "--result", result,
                           "--note", f"Settled {item} on the clause's wording.")
        assert code == 0, err
    code, out, err = cli(capsys, "--as", "Olga Official", "signoff", f, "--name",
                         "Olga Official", "--role", "Director of Certification")
    assert code == 0 and "Signed off by Olga Official" in out, err
    code, _, err = cli(capsys, *ann, "finding", f, "--item", "B", "--result", "not_met")
    assert code == 2 and "signed off by Olga Official on" in err and "reopen" in err

    code, out, _ = cli(capsys, "status", f, "--json")
    status = json.loads(out)
    assert status["stage"]["stage"] == "signed_off"
    assert status["outcome"]["label"] == "Certified"
    by_id = {i["id"]: i for i in status["items"]}
    assert {i: by_id[i]["result"] for i in FINAL} == FINAL
    code, out, _ = cli(capsys, "log", f, "--json")
    log = json.loads(out)
    assert {e["actor"] for e in log if e["action"] == "add_evidence"} == {"Ann Assessor"}
    assert {e["actor"] for e in log if e["action"] == "second_result"} == {"Sam Second"}
    assert {e["actor"] for e in log if e["action"] == "reconcile"} == {"Rae Reconciler"}

    packet = tmp_path / "packet"
    code, out, err = cli(capsys, "export", f, "--out", packet, "--quiet")
    assert code == 0 and "outcome: Certified" in out, err
    with pymupdf.open(packet / "packet.pdf") as doc:
        cover = " ".join(doc[0].get_text().split())
    assert "CERTIFIED" in cover and "RECOMMENDATION" not in cover
    assert "ASSESSOR Ann Assessor" in cover
    assert f"SECOND REVIEWER Sam Second; agreement with the assessor: 11 of 14 items " \
           f"agree ({percent:.1f}%), Cohen's kappa {kappa:.2f}; 3 disagreement(s)" in cover
    assert "APPROVING OFFICIAL Olga Official, Director of Certification; signed off" in cover
    with pymupdf.open(packet / "packet.pdf") as doc:
        text = " ".join(" ".join(p.get_text() for p in doc).split())
    assert "SECOND REVIEW Assessor: Partially met (Assessor on deescalation: partial.) " \
           "Second reviewer Sam Second: Met (Second on deescalation.) Reconciled as " \
           "Partially met by Rae Reconciler: Settled deescalation" in text
    findings = json.loads((packet / "findings.json").read_text())
    meta = findings["assessment-results"]["metadata"]
    names = {p["name"] for p in meta["parties"]}
    assert {"Ann Assessor", "Sam Second", "Olga Official"} <= names
    roles = {r["role-id"] for r in meta["responsible-parties"]}
    assert {"assessor", "second-reviewer", "approving-official"} <= roles
    props = {p["name"]: p["value"] for p in findings["assessment-results"]["results"][0]
             ["props"]}
    assert props["stage"] == "signed-off" and props["signed-off-by"] == "Olga Official"
    assert float(props["cohens-kappa"]) == pytest.approx(kappa, abs=1e-4)
    models = pytest.importorskip("trestle.oscal.assessment_results")
    models.AssessmentResults.model_validate(findings["assessment-results"])
    assert cli(capsys, "verify", packet)[0] == 3  # intact, not signed


def test_the_signed_off_packet_is_signed_as_a_determination(labels, tmp_path, capsys,
                                                            monkeypatch):
    """The same review signed with the office key: the PDF signature's reason is the
    determination (a recommendation before sign-off), verify --cert holds, poppler's pdfsig
    sees a valid signature, the issue's re-hashed forged findings.json fails."""
    from pyhanko.pdf_utils.reader import PdfFileReader

    from reviewer_app.core.packet.keys import PASSPHRASE_ENV
    from tests.factories.keys import PASSPHRASE, forge_findings, pdfsig

    test_second_review_reconciliation_sign_off_and_packet(labels, tmp_path, capsys)
    f, packet = tmp_path / "harrisonburg.review", tmp_path / "signed"
    monkeypatch.setenv(PASSPHRASE_ENV, PASSPHRASE)
    p12 = tmp_path / "office.p12"
    assert cli(capsys, "keys", "new", p12, "--name", "Virginia Certification Office")[0] == 0
    code, out, err = cli(capsys, "export", f, "--out", packet, "--sign", p12, "--quiet")
    assert code == 0 and "signed by Virginia Certification Office" in out, err
    with (packet / "packet.pdf").open("rb") as fh:
        (sig,) = PdfFileReader(fh).embedded_signatures
        assert sig.sig_object["/Reason"] == "Certification determination"
    code, out, _ = cli(capsys, "verify", packet, "--cert", p12.with_suffix(".crt"))
    assert code == 0 and "signature valid, unchanged since signing" in out
    report = pdfsig(packet / "packet.pdf")
    assert "Signature is Valid" in report and "Total document signed" in report, report
    forge_findings(packet)
    code, out, _ = cli(capsys, "verify", packet, "--cert", p12.with_suffix(".crt"))
    assert code == 1 and "PACKET NOT INTACT" in out
