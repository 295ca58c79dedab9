import json
import subprocess
import sys

import pytest

from reviewer_app import __version__
from reviewer_app.main import main


def cli(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture
def policy(tmp_path, sample_pdf):
    path = tmp_path / "policy.pdf"
    path.write_bytes(sample_pdf)
    return path


def test_full_flow_and_status_json(tmp_path, policy, capsys):
    f = tmp_path / "r.review"
    assert cli(capsys, "new", f, "--agency", "Test PD", "--ori", "IL0000000", "--state", "il",
               "--assessor", "Ann")[0] == 0
    code, out, _ = cli(capsys, "add-doc", f, policy, "--title", "Use of Force")
    assert code == 0 and "2 pages" in out
    code, out, _ = cli(capsys, "link", f, "--item", "chokehold", "--quote",
                       "Chokeholds are prohibited unless deadly force is authorized by law.")
    assert code == 0 and "linked evidence 1 to B" in out
    assert cli(capsys, "finding", f, "--item", "chokehold", "--result", "met",
               "--note", "Explicit ban")[0] == 0
    assert cli(capsys, "finding", f, "--item", "legal_compliance", "--result", "met")[0] == 0
    code, out, _ = cli(capsys, "status", f, "--json")
    data = json.loads(out)
    assert data["outcome"]["status"] == "Certified"
    assert data["review"]["agency_state"] == "IL"
    choke = next(i for i in data["items"] if i["id"] == "chokehold")
    assert choke["result"] == "met" and choke["rationale"] == "Explicit ban"
    (ev,) = choke["evidence"]
    assert ev["intact"] and ev["page"] == 1 and ev["doc"] == "Use of Force"
    assert ev["quote"].startswith("Chokeholds are prohibited")
    code, out, _ = cli(capsys, "status", f)
    # 2 of 14 assessed and A met without evidence: never "Certified" (issue 16)
    assert "Outcome: In process (mandatory conditions met)" in out
    assert "met, but no evidence clause is linked" in out
    code, out, _ = cli(capsys, "log", f)
    assert out.count("\n") == 5


@pytest.mark.parametrize("args, message", [
    (["link", "{f}", "--item", "nope", "--quote", "x"], "no item 'nope'"),
    (["link", "{f}", "--item", "chokehold", "--quote", "absent words"], "quote not found"),
    (["link", "{f}", "--item", "chokehold", "--quote", "officer", "--page", "9"], "outside"),
    (["finding", "{f}", "--item", "chokehold", "--result", "good"], "is not a result"),
    (["status", "{tmp}/missing.review"], "no such review file"),
    (["add-doc", "{f}", "{tmp}/missing.pdf"], "no such file"),
    (["new", "{f}", "--agency", "X"], "exists already"),
    (["new", "{tmp}/n.review", "--agency", "X", "--standards", "nope"], "unknown standards"),
])
def test_user_mistakes_are_one_line_errors(tmp_path, policy, capsys, args, message):
    f = tmp_path / "r.review"
    cli(capsys, "new", f, "--agency", "Test PD")
    cli(capsys, "add-doc", f, policy)
    argv = [a.format(f=f, tmp=tmp_path) for a in args]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse rejects bad values itself, also with exit 2
        code = exc.code
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err


def test_not_a_pdf_is_refused_and_nothing_stored(tmp_path, capsys):
    f = tmp_path / "r.review"
    cli(capsys, "new", f, "--agency", "Test PD")
    junk = tmp_path / "notes.pdf"
    junk.write_text("just text")
    code, _, err = cli(capsys, "add-doc", f, junk)
    assert code == 2 and "not a PDF" in err
    code, out, _ = cli(capsys, "status", f, "--json")
    assert json.loads(out)["documents"] == []


def test_standards_commands(tmp_path, capsys):
    code, out, _ = cli(capsys, "standards", "list")
    assert code == 0 and "doj-2020" in out and "2 mandatory" in out
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "x"\n')
    code, _, err = cli(capsys, "standards", "check", bad)
    assert code == 2 and "bad.toml" in err and "title" in err


def test_entry_point_version_and_help():
    out = subprocess.run([sys.executable, "-m", "reviewer_app", "--version"],
                         capture_output=True, text=True)
    assert out.returncode == 0 and __version__ in out.stdout
    out = subprocess.run([sys.executable, "-m", "reviewer_app", "--help"],
                         capture_output=True, text=True)
    assert out.returncode == 0 and "add-doc" in out.stdout and "status" in out.stdout


def test_status_and_log_work_while_the_window_has_the_review(tmp_path, policy, capsys):
    from reviewer_app.core.review.store import ReviewStore

    f = tmp_path / "r.review"
    cli(capsys, "new", f, "--agency", "Test PD")
    with ReviewStore.open(f):  # holds the write lock, like an open window
        code, out, err = cli(capsys, "status", f, "--json")
        assert code == 0, err
        assert json.loads(out)["review"]["agency_name"] == "Test PD"
        assert cli(capsys, "log", f)[0] == 0
        other = subprocess.run([sys.executable, "-m", "reviewer_app", "add-doc", str(f),
                                str(policy)], capture_output=True, text=True)
        assert other.returncode == 2 and "is open in another window" in other.stderr


def test_damaged_review_file_is_named_not_a_traceback(tmp_path, capsys):
    f = tmp_path / "r.review"
    cli(capsys, "new", f, "--agency", "Test PD")
    data = bytearray(f.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page, keep the header
    f.write_bytes(bytes(data))
    for p in tmp_path.glob("r.review-*"):
        p.unlink()
    code, _, err = cli(capsys, "status", f)
    assert code == 2 and "damaged" in err and "Traceback" not in err


def test_the_fast_command_list_matches_the_parser():
    from reviewer_app.cli import COMMAND_NAMES, command_names

    assert set(COMMAND_NAMES) == command_names()
