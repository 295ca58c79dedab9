"""Crosswalks: the shipped DOJ -> CALEA mapping and bad crosswalks named by file and line."""

from __future__ import annotations

import pytest

from reviewer_app.core.checklist import crosswalk as cwk
from reviewer_app.core.checklist.standards import load_standards_file, resolve_standards
from reviewer_app.core.errors import StandardsError

SHIPPED = cwk.bundled_crosswalks()["doj-2020_to_calea"]
CALEA_CODES = ["1.2.10", "4.1.1", "4.1.2", "4.1.3", "4.1.5", "4.1.6", "4.1.7"]


def calea_set(tmp_path, codes=CALEA_CODES):
    """A stand-in for an office's licensed CALEA set: the numbers, placeholder text."""
    items = "".join(f'\n[[items]]\nid = "calea-{c}"\ncode = "{c}"\ntitle = "Standard {c}"\n'
                    f'category = "ch"\nrequirement = "Text of {c}."\n' for c in codes)
    path = tmp_path / "calea.toml"
    path.write_text('id = "calea"\ntitle = "CALEA"\n\n[[categories]]\nid = "ch"\n'
                    f'title = "Chapters"\n{items}', encoding="utf-8")
    return path


def test_shipped_crosswalk_holds_every_calea_number_the_doj_set_cites():
    cw = cwk.load_crosswalk(SHIPPED)
    doj = resolve_standards("doj-2020")
    cited = {(i.id, r.removeprefix("CALEA ")) for i in doj.items for r in i.references
             if r.startswith("CALEA ")}
    mapped = {(m.source_item, t) for m in cw.mappings for t in m.target_items}
    assert mapped == cited and len(cited) == 6
    assert cwk.check_against(cw, doj, None).mappings == cw.mappings
    assert cw.targets_of("chokehold")[0].target_items == ("4.1.6", "4.1.7")


def test_checked_against_a_calea_set_items_are_named_by_id(tmp_path, cli):
    cw = cwk.check_against(cwk.load_crosswalk(SHIPPED), resolve_standards("doj-2020"),
                           load_standards_file(calea_set(tmp_path)))
    assert cw.targets_of("chokehold")[0].target_items == ("calea-4.1.6", "calea-4.1.7")
    code, out, err = cli("standards", "crosswalk", "doj-2020_to_calea",
                         "--to", calea_set(tmp_path))
    assert code == 0 and "5 items mapped (4 one to one, 1 one to many; 5 partial)" in out, err
    assert "checked against calea (7 items)" in out


def test_an_item_missing_from_a_set_is_named_by_line(tmp_path, cli):
    calea = calea_set(tmp_path, [c for c in CALEA_CODES if c != "4.1.5"])
    code, _, err = cli("standards", "crosswalk", SHIPPED, "--to", calea)
    line = next(n for n, t in enumerate(SHIPPED.read_text().splitlines(), 1) if "medical" in t)
    assert code == 2 and f"{SHIPPED}:{line - 1}: '4.1.5' is not an item of calea" in err, err


def write(tmp_path, text):
    path = tmp_path / "cw.toml"
    path.write_text(text, encoding="utf-8")
    return path


HEAD = 'id = "x"\ntitle = "X"\nfrom = "doj-2020"\nto = "state"\nsource = "table 3"\n'


@pytest.mark.parametrize("text, message", [
    (HEAD.replace('"state"', '"doj-2020"') + '\n[[map]]\nfrom = "A"\nto = ["B"]\n',
     "cw.toml:4: maps the set 'doj-2020' onto itself"),
    (HEAD + '\n[[map]]\nfrom = "A"\nto = ["1"]\nrelation = "close"\n',
     "cw.toml:7: map[0]: relation 'close' is not one of equivalent, partial"),
    (HEAD + '\n[[map]]\nfrom = "A"\nto = ["1"]\n\n[[map]]\nfrom = "A"\nto = ["2"]\n',
     "cw.toml:11: map[1]: 'A' is mapped again (first on line 7)"),
    (HEAD + '\n[[map]]\nfrom = "A"\nto = []\n', "cw.toml:7: map[0]: 'to' must be"),
    (HEAD.replace('source = "table 3"\n', "") + '\n[[map]]\nfrom = "A"\nto = "1"\n',
     "top level: 'source' must be non-empty text"),
    (HEAD, "at least one [[map]] entry is needed"),
])
def test_bad_crosswalks_are_refused_with_a_line(tmp_path, cli, text, message):
    code, _, err = cli("standards", "crosswalk", write(tmp_path, text))
    assert code == 2 and message in err and "Traceback" not in err, err


def test_an_unknown_source_item_is_named(tmp_path):
    path = write(tmp_path, HEAD + '\n[[map]]\nfrom = "Z"\nto = "1"\n')
    with pytest.raises(StandardsError, match=r"cw.toml:7: 'Z' is not an item of doj-2020"):
        cwk.check_against(cwk.load_crosswalk(path), resolve_standards("doj-2020"), None)


def test_standards_list_names_the_bundled_crosswalks(cli):
    code, out, _ = cli("standards", "list")
    assert code == 0 and "crosswalk doj-2020_to_calea: doj-2020 -> calea, 5 items mapped" in out
