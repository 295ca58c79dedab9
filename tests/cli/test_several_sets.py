"""Done-when of issue 17 for several sets in one review: a 300-item state-style set imported
from a generated workbook, assessed beside the DOJ set with a crosswalk between them; a
clause linked to a DOJ item is proposed for the mapped state item, accepted, and each set
gets its own findings, outcome and packet, each verified and valid OSCAL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.factories.pdfs import CHOKE, INTERVENE
from tests.factories.standards_sheets import state_rows, write_xlsx

CROSSWALK = ('id = "il-leap_to_doj"\ntitle = "LEAP onto DOJ"\nfrom = "il-leap"\n'
             'to = "doj-2020"\nsource = "comparative table, 2024"\n\n[[map]]\n'
             'from = "2.01"\nto = "B"\n\n[[map]]\nfrom = "2.02"\n'
             'to = ["duty_to_intervene"]\nrelation = "partial"\n')


@pytest.fixture
def state_set(tmp_path, cli) -> tuple[Path, Path]:
    src = write_xlsx(tmp_path / "state.xlsx", state_rows(300))
    toml = tmp_path / "il-leap.toml"
    code, _, err = cli("standards", "import", src, "--id", "il-leap", "--title",
                       "Illinois Law Enforcement Accreditation Program", "--edition", "2024",
                       "--out", toml)
    assert code == 0, err
    crosswalk = tmp_path / "il-leap_to_doj.toml"
    crosswalk.write_text(CROSSWALK, encoding="utf-8")
    return toml, crosswalk


@pytest.fixture
def two_sets(tmp_path, cli, sample_pdf, state_set) -> Path:
    toml, crosswalk = state_set
    review = tmp_path / "r.review"
    pdf = tmp_path / "policy.pdf"
    pdf.write_bytes(sample_pdf)
    code, out, err = cli("new", review, "--agency", "Test PD", "--assessor", "Ann",
                         "--standards", "doj-2020", "--also", toml, "--crosswalk", crosswalk)
    assert code == 0, err
    assert "also assessing il-leap" in out and "il-leap_to_doj: il-leap -> doj-2020" in out
    assert cli("add-doc", review, pdf, "--title", "Use of Force")[0] == 0
    return review


def test_two_sets_propose_accept_and_export_a_packet_each(tmp_path, cli, two_sets):
    models = pytest.importorskip("trestle.oscal.assessment_results")
    review = two_sets
    code, out, err = cli("link", review, "--item", "B", "--quote", CHOKE)
    assert code == 0, err
    assert "proposed for il-leap 2.01 Neck restraints" in out
    code, out, _ = cli("proposals", review, "--set", "il-leap")
    assert "il-leap 2.01 Neck restraints: proposed from B" in out and CHOKE[:40] in out
    out = cli("status", review, "--set", "il-leap")[1]
    assert "proposed: 1 clause(s) linked to doj-2020 B; accept" in out
    # nothing counts for the state set until accepted
    code, out, _ = cli("status", review, "--set", "il-leap", "--json")
    leap = json.loads(out)
    item = next(i for i in leap["items"] if i["code"] == "2.01")
    assert item["id"] == "item-2.01" and item["evidence"] == []
    code, out, err = cli("accept", review, "--set", "il-leap", "--item", "2.01")
    assert code == 0 and "for il-leap 2.01" in out, err
    assert "no evidence is proposed" in cli("proposals", review, "--set", "il-leap")[1]
    # a clause linked to the state item is proposed the other way, for DOJ item 2
    code, out, err = cli("link", review, "--item", "il-leap/2.02", "--quote", INTERVENE)
    assert code == 0 and "proposed for doj-2020 2" in out, err
    assert cli("accept", review, "--set", "doj-2020", "--all")[0] == 0
    # each set its own findings and outcome
    assert cli("finding", review, "--item", "B", "--result", "met")[0] == 0
    assert cli("finding", review, "--item", "il-leap/2.01", "--result", "met")[0] == 0
    assert cli("finding", review, "--item", "il-leap/2.02", "--result", "partial",
               "--note", "No duty to report.")[0] == 0
    code, out, _ = cli("status", review, "--json")
    doj = json.loads(out)
    assert doj["standards"]["id"] == "doj-2020" and doj["outcome"]["assessed"] == 1
    assert doj["other_sets"][0]["id"] == "il-leap" and doj["other_sets"][0]["assessed"] == 2
    leap = json.loads(cli("status", review, "--set", "il-leap", "--json")[1])
    assert list(leap)[:6] == list(doj)[:6] and leap["outcome"]["assessed"] == 2
    item = next(i for i in leap["items"] if i["code"] == "2.01")
    assert item["result"] == "met" and item["evidence"][0]["quote"] == CHOKE
    assert "il-leap" not in json.dumps([i["id"] for i in leap["items"]])

    packet = tmp_path / "packet"
    code, out, err = cli("export", review, "--out", packet, "--quiet")
    assert code == 0, err
    assert "doj-2020: outcome" in out and "il-leap: outcome" in out
    assert "2 of 300 items assessed" in out and "1 of 14 items assessed" in out
    ids = set()
    for set_id, expected in (("doj-2020", "chokehold"), ("il-leap", "item-2.01")):
        folder = packet / set_id
        code, out, err = cli("verify", folder, "--review", review)
        assert code == 0 and "packet intact" in out, out + err
        findings = json.loads((folder / "findings.json").read_text(encoding="utf-8"))
        ar = models.AssessmentResults.model_validate(findings["assessment-results"])
        targets = {f.target.target_id: f for f in ar.results[0].findings}
        assert targets[expected].target.status.state.value == "satisfied"
        assert not any("/" in t for t in targets)
        ids.add(json.loads((folder / "manifest.json").read_text())["packet_id"])
    assert len(ids) == 2  # two packets, told apart


def test_a_review_of_one_set_exports_as_before(tmp_path, cli, cli_review):
    packet = tmp_path / "p"
    code, out, err = cli("export", cli_review, "--out", packet, "--quiet")
    assert code == 0 and (packet / "manifest.json").exists(), err
    assert not (packet / "doj-2020").exists() and "doj-2020:" not in out
    assert "other_sets" not in json.loads(cli("status", cli_review, "--json")[1])


def test_bad_sets_and_crosswalks_are_refused_with_nothing_made(tmp_path, cli, state_set):
    toml, _ = state_set
    review = tmp_path / "r.review"
    code, _, err = cli("new", review, "--agency", "X", "--also", "no-such-set")
    assert code == 2 and "unknown standards set 'no-such-set'" in err
    assert not review.exists()
    code, _, err = cli("new", review, "--agency", "X", "--also", "doj-2020")
    assert code == 2 and "already assesses the set 'doj-2020'" in err and not review.exists()
    wrong = tmp_path / "wrong.toml"
    wrong.write_text(CROSSWALK.replace('to = "B"', 'to = "Z9"'), encoding="utf-8")
    code, _, err = cli("new", review, "--agency", "X", "--also", toml, "--crosswalk", wrong)
    assert code == 2 and "wrong.toml:7: 'Z9' is not an item of doj-2020" in err
    assert not review.exists()
    itself = tmp_path / "itself.toml"
    itself.write_text(CROSSWALK.replace('to = "doj-2020"', 'to = "il-leap"'),
                      encoding="utf-8")
    code, _, err = cli("new", review, "--agency", "X", "--also", toml, "--crosswalk", itself)
    assert code == 2 and "maps the set 'il-leap' onto itself" in err and not review.exists()
    code, _, err = cli("new", review, "--agency", "X", "--crosswalk", wrong)
    assert code == 2 and "does not assess 'il-leap'" in err and not review.exists()


def test_adding_a_set_later_and_naming_items(tmp_path, cli, cli_review, state_set):
    toml, crosswalk = state_set
    code, out, err = cli("add-set", cli_review, toml, "--crosswalk", crosswalk)
    assert code == 0 and "also assessing il-leap" in out, err
    code, _, err = cli("add-set", cli_review, toml)
    assert code == 2 and "already assesses the set 'il-leap'" in err
    code, _, err = cli("finding", cli_review, "--item", "calea/4.1.1", "--result", "met")
    assert code == 2 and "this review assesses no set 'calea'" in err
    code, _, err = cli("finding", cli_review, "--item", "2.01", "--result", "met")
    assert code == 2 and "il-leap/CODE" in err
    code, _, err = cli("accept", cli_review, "--set", "il-leap", "--all")
    assert code == 2 and "no evidence is proposed for il-leap" in err
    code, _, err = cli("status", cli_review, "--set", "texas")
    assert code == 2 and "no set 'texas'" in err


def test_upgrading_a_further_set_flags_its_reworded_findings(tmp_path, cli, two_sets):
    review = two_sets
    assert cli("link", review, "--item", "il-leap/2.01", "--quote", CHOKE)[0] == 0
    assert cli("finding", review, "--item", "il-leap/2.01", "--result", "met")[0] == 0
    assert cli("finding", review, "--item", "il-leap/2.03", "--result", "not_met",
               "--note", "No aid clause.")[0] == 0
    rows = state_rows(300)
    rows[31][2] = "The agency bans chokeholds and all neck restraints."  # 2.01 reworded
    del rows[33]  # 2.03 dropped
    src = write_xlsx(tmp_path / "state-2025.xlsx", rows)
    new = tmp_path / "il-leap-2025.toml"
    assert cli("standards", "import", src, "--id", "il-leap", "--title", "Illinois LEAP",
               "--edition", "2025", "--out", new)[0] == 0
    code, out, err = cli("standards", "upgrade", review, "--to", new)
    assert code == 0, err
    assert "il-leap: edition 2024 -> 2025: 298 unchanged, 1 reworded, 0 renamed, 0 added, " \
           "1 dropped" in out
    leap = {i["code"]: i for i in json.loads(cli("status", review, "--set", "il-leap",
                                                 "--json")[1])["items"]}
    assert leap["2.01"]["needs_rereview"] and leap["2.01"]["evidence"]
    assert "2.03" not in leap and leap["2.02"]["result"] == "not_assessed"
    doj = json.loads(cli("status", review, "--json")[1])
    assert doj["standards"]["edition"] == "2020-10-28"  # the other set is untouched
    assert cli("check", review)[0] == 0


def test_a_revised_policy_carries_every_sets_evidence(tmp_path, cli, two_sets):
    from tests.factories.pdfs import revised_pdf

    review = two_sets
    assert cli("link", review, "--item", "B", "--quote", CHOKE)[0] == 0
    assert cli("accept", review, "--set", "il-leap", "--all")[0] == 0
    assert cli("finding", review, "--item", "il-leap/2.01", "--result", "met")[0] == 0
    revised = tmp_path / "revised.pdf"
    revised.write_bytes(revised_pdf())
    code, out, err = cli("replace-doc", review, "Use of Force", revised)
    assert code == 0, err
    leap = {i["code"]: i for i in json.loads(cli("status", review, "--set", "il-leap",
                                                 "--json")[1])["items"]}
    doj = {i["code"]: i for i in json.loads(cli("status", review, "--json")[1])["items"]}
    new_sha = doj["B"]["evidence"][0]["doc_sha256"]
    assert leap["2.01"]["evidence"][0]["doc_sha256"] == new_sha
    assert leap["2.01"]["evidence"][0]["status"] == doj["B"]["evidence"][0]["status"]
    assert cli("check", review)[0] == 0
