from pathlib import Path

import pytest

from reviewer_app.core.checklist.standards import (
    load_standards_file,
    resolve_standards,
    standards_from_json,
)
from reviewer_app.core.errors import StandardsError

LABEL_ITEMS = {"chokehold", "legal_compliance", "uof_training", "deescalation",
               "duty_to_intervene", "medical_aid", "identify_warn", "moving_vehicles",
               "early_intervention", "recruitment", "community_engagement"}


def test_doj_set_has_the_labelled_items_and_two_mandatory():
    s = resolve_standards("doj-2020")
    ids = {i.id for i in s.items}
    assert LABEL_ITEMS <= ids
    assert {"termination_of_force", "warning_shots", "no_knock"} <= ids
    assert {i.id for i in s.mandatory_items} == {"legal_compliance", "chokehold"}
    assert s.ordered_items()[0].mandatory and s.ordered_items()[1].mandatory
    assert all(i.requirement and i.search_terms for i in s.items)
    assert "choke holds" in s.item("chokehold").requirement
    assert s.certification_months == 36


def test_roundtrip_through_json_keeps_hash():
    s = resolve_standards("doj-2020")
    again = standards_from_json(s.to_json())
    assert again == s and again.sha256 == s.sha256


def test_errors_name_file_line_and_key(tmp_path: Path):
    bad = tmp_path / "state.toml"
    bad.write_text('id = "state-x"\ntitle = "State"\n[[categories]]\nid = "c"\ntitle = "C"\n'
                   '[[items]]\nid = "one"\ncategory = "nope"\ncode = "1"\nrequirement = "r"\n')
    with pytest.raises(StandardsError) as err:
        load_standards_file(bad)
    msg = str(err.value)
    assert "state.toml:7" in msg  # the line of the item's id
    assert "'title' is missing" in msg and "category 'nope'" in msg


def test_toml_syntax_error_is_reported(tmp_path: Path):
    bad = tmp_path / "broken.toml"
    bad.write_text('id = "x"\ntitle = \n')
    with pytest.raises(StandardsError, match="broken.toml: not valid TOML"):
        load_standards_file(bad)


def test_user_set_makes_its_own_items_mandatory(tmp_path: Path):
    f = tmp_path / "calea.toml"
    f.write_text('id = "calea-lite"\ntitle = "CALEA-style"\n'
                 '[[categories]]\nid = "core"\ntitle = "Core"\nmandatory = true\n'
                 '[[items]]\nid = "4.1.7"\ncode = "4.1.7"\ntitle = "Choke holds"\n'
                 'category = "core"\n'
                 'requirement = "A written directive prohibits choke holds."\n')
    s = resolve_standards(str(f))
    assert [i.id for i in s.mandatory_items] == ["4.1.7"]


def test_unknown_set_is_a_clear_error():
    with pytest.raises(StandardsError, match="unknown standards set 'nope'"):
        resolve_standards("nope")
