"""standards import FILE.json: an OSCAL catalog's controls become items, its groups groups,
its statement and guidance parts the requirement and guidance."""

from __future__ import annotations

import json

import pytest

from reviewer_app.core.checklist.standards import load_standards_file


def control(cid: str, label: str, title: str, statement: str, guidance: str = "",
            **extra: object) -> dict:
    parts: list[dict] = [{"id": f"{cid}_smt", "name": "statement", "prose": statement}]
    if guidance:
        parts.append({"id": f"{cid}_gdn", "name": "guidance", "prose": guidance})
    return {"id": cid, "title": title, "props": [{"name": "label", "value": label}],
            "parts": parts, **extra}


def catalog() -> dict:
    force = control("uof-1", "UOF-1", "Use of force policy",
                    "The agency reviews its use of force policy "
                    "{{ insert: param, uof-1_prm_1 }}, {{ insert: param, uof-1_prm_2 }}.",
                    "Look for the review date.",
                    params=[{"id": "uof-1_prm_1", "label": "frequency"},
                            {"id": "uof-1_prm_2", "select": {"how-many": "one-or-more",
                                                             "choice": ["yearly", "after an "
                                                                        "incident"]}}],
                    controls=[control("uof-1.1", "UOF-1(1)", "Neck restraints",
                                      "Neck restraints are prohibited.")])
    nested = control("tr-1", "TR-1", "Annual training", "")
    nested["parts"][0]["parts"] = [
        {"id": "tr-1_smt.a", "name": "item", "props": [{"name": "label", "value": "a."}],
         "prose": "Officers train yearly;"},
        {"id": "tr-1_smt.b", "name": "item", "props": [{"name": "label", "value": "b."}],
         "prose": "training is recorded."}]
    return {"catalog": {
        "uuid": "8b4a3f0e-8f1e-4a36-9c8c-0c2d4a0b7d11",
        "metadata": {"title": "Model Policing Controls", "last-modified":
                     "2024-01-01T00:00:00+00:00", "version": "1.0", "oscal-version": "1.1.2"},
        "groups": [{"id": "uof", "title": "Use of Force", "controls": [force]},
                   {"id": "ops", "title": "Operations",
                    "groups": [{"id": "tr", "title": "Training", "controls": [nested]}]}]}}


def test_catalog_controls_groups_and_parts(tmp_path, cli):
    trestle = pytest.importorskip("trestle.oscal.catalog")
    data = catalog()
    trestle.Catalog.model_validate(data["catalog"])  # the test's catalog is real OSCAL
    src = tmp_path / "cat.json"
    src.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "cat.toml"
    code, stdout, err = cli("standards", "import", src, "--id", "mpc", "--out", out)
    assert code == 0, err
    s = load_standards_file(out)
    assert s.title == "Model Policing Controls" and s.edition == "1.0"
    assert [c.id for c in s.categories] == ["uof", "tr"]
    assert [(i.id, i.code, i.category) for i in s.items] == [
        ("uof-1", "UOF-1", "uof"), ("uof-1.1", "UOF-1(1)", "uof"), ("tr-1", "TR-1", "tr")]
    assert s.item("uof-1").requirement == ("The agency reviews its use of force policy "
                                           "[Assignment: frequency], [Selection (one or "
                                           "more): yearly; after an incident].")
    assert s.item("uof-1").guidance == "Look for the review date."
    assert s.item("tr-1").requirement == "a. Officers train yearly; b. training is recorded."
    assert "3 controls as items, 2 groups as groups" in stdout


@pytest.mark.parametrize("text, message", [
    ("{", "cat.json:1: not valid JSON"),
    ('{"profile": {}}', "not an OSCAL catalog"),
    ('{"catalog": {"groups": [{"id": "g", "controls": [{"title": "no id"}]}]}}',
     "catalog.groups[0].controls[0]: a control needs an 'id'"),
    ('{"catalog": {"controls": [{"id": "c-1", "title": "T", "parts": []}]}}',
     "catalog.controls[0] ('c-1'): no 'statement' part"),
])
def test_bad_catalogs_are_named_by_path(tmp_path, cli, text, message):
    src = tmp_path / "cat.json"
    src.write_text(text, encoding="utf-8")
    code, _, err = cli("standards", "import", src, "--id", "x", "--out", tmp_path / "x.toml")
    assert code == 2 and message in err and "Traceback" not in err, err
    assert not (tmp_path / "x.toml").exists()
