"""State law notes in a standards set: read, checked with file and line, kept through the
copy inside a review, and chosen by the review's state."""

from __future__ import annotations

import pytest

from reviewer_app.core.checklist import standards as std
from reviewer_app.core.checklist.state_notes import cited_at, notes_for
from reviewer_app.core.errors import StandardsError

BASE = std.bundled_sets()["doj-2020"].read_text(encoding="utf-8")
VA_NECK = 'citation = "Va. Code § 19.2-83.4(A), § 19.2-83.3"'


def variant(tmp_path, old: str, new: str):
    assert BASE.count(old) == 1, old
    path = tmp_path / "set.toml"
    path.write_text(BASE.replace(old, new), encoding="utf-8")
    return path


def line_of(path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def test_bundled_set_ships_il_and_va_notes_for_the_two_mandatory_items():
    s = std.resolve_standards("doj-2020")
    for item in ("chokehold", "legal_compliance"):
        for state in ("IL", "VA"):
            notes = notes_for(s.state_notes, item, state.lower())
            assert notes, (item, state)
            assert all(n.source.startswith("https://") and n.citation for n in notes)
    assert {n.citation for n in notes_for(s.state_notes, "chokehold", "IL")} == \
        {"720 ILCS 5/7-5.5(a)-(d)"}
    assert notes_for(s.state_notes, "chokehold", "TX") == []
    assert notes_for(s.state_notes, "chokehold", "") == []
    assert notes_for(s.state_notes, "warning_shots", "IL") == []


def test_notes_survive_the_copy_inside_a_review_and_a_set_without_notes_keeps_its_hash():
    s = std.resolve_standards("doj-2020")
    again = std.standards_from_json(s.to_json())
    assert again.state_notes == s.state_notes and again.sha256 == s.sha256
    assert "state_notes" in s.to_dict()
    bare = std.StandardsSet(**{k: getattr(s, k) for k in (
        "id", "title", "edition", "publisher", "certification_months", "categories",
        "items", "disclaimer", "source")})
    assert "state_notes" not in bare.to_dict()  # old reviews' recorded hashes still match
    assert std.standards_from_json(bare.to_json()).sha256 == bare.sha256


@pytest.mark.parametrize(("old", "new", "message", "at"), [
    ('state = "VA"\ncitation = "Va. Code § 19.2-83.4(A)', 'state = "XV"\ncitation = '
     '"Va. Code § 19.2-83.4(A)', "unknown state code 'XV'", 'state = "XV"'),
    (VA_NECK + "\n", "", "'citation' is missing", None),
    (VA_NECK, 'citation = ""', "'citation' must be non-empty text", 'citation = ""'),
    (VA_NECK, VA_NECK + '\nstatue = "typo"', "unknown key(s) ['statue']", 'statue = "typo"'),
    ('source = "https://law.lis.virginia.gov/vacode/title19.2/chapter7.1/section19.2-83.4/"\n'
     '\n[[items]]', 'source = "Code of Virginia"\n\n[[items]]',
     "'source' must be the address", 'source = "Code of Virginia"'),
])
def test_a_bad_note_is_refused_naming_file_line_and_problem(tmp_path, old, new, message, at):
    path = variant(tmp_path, old, new)
    with pytest.raises(StandardsError) as exc:
        std.load_standards_file(path)
    text = str(exc.value)
    assert message in text, text
    assert "item 'chokehold' state note 2" in text, text
    line = line_of(path, at) if at else max(
        n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if line.strip() == "[[items.state_notes]]"
        and n < line_of(path, "(ch. 7.1): neck restraints"))
    assert text.startswith(f"{path}:{line}: "), text


def test_notes_that_are_not_tables_are_refused(tmp_path):
    path = tmp_path / "set.toml"
    path.write_text(BASE.replace('id = "warning_shots"', 'id = "warning_shots"\n'
                                 'state_notes = "IL bans them"'), encoding="utf-8")
    with pytest.raises(StandardsError, match="'state_notes' must be a list"):
        std.load_standards_file(path)


def test_a_citation_is_found_as_policies_write_it():
    text = ("See 720 ILCS 5/7-5 and ILCS 720 5/7-5.5, not 720 ILCS 5/7-50; Va. Code "
            "§ 19.2-83.4(A) but not 19.2-83.45. End 720 ILCS 5/7-5.")
    assert [text[i:i + 14] for i in cited_at(text, "720 ILCS 5/7-5")] == \
        ["720 ILCS 5/7-5", "720 ILCS 5/7-5"]
    assert len(cited_at(text, "720 ILCS 5/7-5.5(a)-(d)")) == 1  # "ILCS 720 5/7-5.5"
    assert len(cited_at(text, "Va. Code § 19.2-83.4(B), (C)")) == 1
    assert cited_at(text, "50 ILCS 705/10.6") == []
    assert cited_at(text, "EO 13929 Sec. 2") == []  # not a form it knows: nothing claimed


def test_cited_at_finds_what_the_pattern_finds_over_the_whole_text():
    """The literal prefilter never loses a citation the plain scan finds, nor adds one."""
    from reviewer_app.core.checklist.state_notes import citation_pattern, cited_at

    text = ("Per 720 ILCS 5/7-5.5 and ILCS 720   5/7-5.5, not 720 ILCS 5/7-5.55 nor "
            "1720 ILCS 5/7-5.5; see also 720 ILCS 5/7-5 (arrest). " * 40
            + "Va. Code § 19.2-83.4 and 19.2-83.4(B), not 119.2-83.4 or 19.2-83.45. ") * 3
    for citation in ("720 ILCS 5/7-5.5(a)-(d)", "720 ILCS 5/7-5", "Va. Code § 19.2-83.4",
                     "50 ILCS 705/10.6"):
        pattern = citation_pattern(citation)
        assert pattern is not None
        assert cited_at(text, citation) == [m.start() for m in pattern.finditer(text)]
    assert len(cited_at(text, "720 ILCS 5/7-5.5")) == 2 * 40 * 3
    assert cited_at(text, "no statute here") == []
