"""Done-when of issue 17 for an imported set: a 300-item state-style set imported from a
generated workbook, checked, used in a review, its packet exported and verified, and its
findings.json valid OSCAL."""

from __future__ import annotations

import json

import pytest

from tests.factories.pdfs import CHOKE, INTERVENE
from tests.factories.standards_sheets import state_rows, write_xlsx


def test_imported_state_set_goes_through_a_review_and_packet(tmp_path, cli, sample_pdf):
    models = pytest.importorskip("trestle.oscal.assessment_results")
    src = write_xlsx(tmp_path / "state.xlsx", state_rows(300))
    toml = tmp_path / "il-leap.toml"
    code, _, err = cli("standards", "import", src, "--id", "il-leap", "--title",
                       "Illinois Law Enforcement Accreditation Program", "--edition", "2024",
                       "--out", toml)
    assert code == 0, err
    code, out, err = cli("standards", "check", toml)
    assert code == 0 and "300 items (10 mandatory)" in out, err
    crosswalk = tmp_path / "il-leap_to_doj.toml"  # as a state's comparative-compliance table
    crosswalk.write_text('id = "il-leap_to_doj"\ntitle = "LEAP onto DOJ"\nfrom = "il-leap"\n'
                         'to = "doj-2020"\nsource = "comparative table, 2024"\n\n[[map]]\n'
                         'from = "2.01"\nto = "B"\n\n[[map]]\nfrom = "2.02"\n'
                         'to = ["duty_to_intervene"]\nrelation = "partial"\n', encoding="utf-8")
    code, out, err = cli("standards", "crosswalk", crosswalk, "--from", toml)
    assert code == 0 and "checked against il-leap (300 items)" in out, err
    assert "checked against doj-2020 (14 items)" in out
    review = tmp_path / "r.review"
    pdf = tmp_path / "policy.pdf"
    pdf.write_bytes(sample_pdf)
    code, out, err = cli("new", review, "--agency", "Test PD", "--assessor", "Ann",
                         "--standards", toml)
    assert code == 0 and "il-leap, 300 items" in out, err
    assert cli("add-doc", review, pdf, "--title", "Use of Force")[0] == 0
    assert cli("link", review, "--item", "2.01", "--quote", CHOKE)[0] == 0
    assert cli("link", review, "--item", "item-2.02", "--quote", INTERVENE)[0] == 0
    assert cli("finding", review, "--item", "2.01", "--result", "met")[0] == 0
    assert cli("finding", review, "--item", "2.02", "--result", "partial",
               "--note", "No duty to report.")[0] == 0
    code, out, err = cli("status", review, "--json")
    assert code == 0, err
    packet = tmp_path / "packet"
    code, out, err = cli("export", review, "--out", packet, "--quiet")
    assert code == 0 and "2 of 300 items assessed" in out, err
    code, out, err = cli("verify", packet, "--review", review)
    assert code == 3, out + err  # unchanged since export, not signed
    findings = json.loads((packet / "findings.json").read_text(encoding="utf-8"))
    ar = models.AssessmentResults.model_validate(findings["assessment-results"])
    targets = {f.target.target_id: f for f in ar.results[0].findings}
    assert {"item-2.01", "item-2.02"} <= set(targets)
    assert targets["item-2.01"].target.status.state.value == "satisfied"
