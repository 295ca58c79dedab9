"""Review files edited with a database tool: named, never a traceback, never certified."""

from __future__ import annotations

import sqlite3
from contextlib import closing

import pymupdf
import pytest

from tests.factories.pdfs import SAMPLE_PAGES, make_pdf

QUOTE = "Chokeholds are prohibited unless deadly force is authorized by law."


@pytest.fixture
def built(cli_review, cli):
    """The sample review with evidence and a Not met finding for B."""
    assert cli("link", cli_review, "--item", "chokehold", "--quote", QUOTE)[0] == 0
    assert cli("finding", cli_review, "--item", "chokehold", "--result", "not_met")[0] == 0
    assert cli("finding", cli_review, "--item", "legal_compliance", "--result", "met")[0] == 0
    return cli_review


def tamper(path, *sql: str) -> None:
    """Edit the file as an attacker with sqlite3 would: no constraints, no triggers."""
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA ignore_check_constraints = ON")
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("DROP TRIGGER IF EXISTS log_no_delete")
        conn.execute("DROP TRIGGER IF EXISTS log_no_update")
        for statement in sql:
            conn.execute(statement)
        conn.execute("CREATE TRIGGER log_no_update BEFORE UPDATE ON log BEGIN "
                     "SELECT RAISE(ABORT, 'the review log is append-only'); END")
        conn.execute("CREATE TRIGGER log_no_delete BEFORE DELETE ON log BEGIN "
                     "SELECT RAISE(ABORT, 'the review log is append-only'); END")
        conn.commit()


def refused_export(cli, path, tmp_path, *words: str) -> None:
    code, out, err = cli("export", path, "--out", tmp_path / "packet", "--quiet")
    assert code == 2, out
    assert "Traceback" not in err and "changed outside the app" in err
    for w in words:
        assert w in err
    assert not (tmp_path / "packet" / "packet.pdf").exists()


def test_untouched_review_checks_clean_and_exports(built, cli, tmp_path):
    code, out, _ = cli("check", built)
    assert code == 0 and "no problems" in out
    assert cli("export", built, "--out", tmp_path / "p", "--quiet")[0] == 0
    code, out, _ = cli("verify", tmp_path / "p", "--review", built)
    assert code == 3 and "tampered" not in out  # 3: intact, not signed


def test_flipped_finding_with_its_log_row_deleted(built, cli, tmp_path):
    tamper(built, "UPDATE findings SET result = 'met' WHERE item_id = 'chokehold'",
           "DELETE FROM log WHERE id = (SELECT max(id) FROM log WHERE action = 'set_finding'"
           " AND payload LIKE '%chokehold%')")
    refused_export(cli, built, tmp_path, "findings")
    code, out, _ = cli("check", built)
    assert code == 1 and "findings differ" in out


def test_flipped_finding_with_the_last_log_row_deleted(built, cli, tmp_path):
    tamper(built, "UPDATE findings SET result = 'met' WHERE item_id = 'chokehold'",
           "DELETE FROM log WHERE id = (SELECT max(id) FROM log)")
    refused_export(cli, built, tmp_path, "findings")


def test_edited_log_row(built, cli, tmp_path):
    tamper(built, "UPDATE log SET summary = 'nothing to see' WHERE id = 2")
    refused_export(cli, built, tmp_path, "log entry #2")


def test_edited_standards_copy(built, cli, tmp_path):
    tamper(built, "UPDATE review SET standards_json = replace(standards_json, "
                  "'\"mandatory\": true', '\"mandatory\": false')")
    refused_export(cli, built, tmp_path, "standards copy")


def test_edited_standards_copy_with_its_hash_updated(built, cli, tmp_path):
    from reviewer_app.core.checklist.standards import standards_from_json

    with closing(sqlite3.connect(built)) as conn:
        text = conn.execute("SELECT standards_json FROM review").fetchone()[0]
    edited = text.replace('"mandatory": true', '"mandatory": false')
    sha = standards_from_json(edited).sha256
    tamper(built, f"UPDATE review SET standards_json = '{edited.replace(chr(39), chr(39) * 2)}'"
                  f", standards_sha256 = '{sha}'")
    refused_export(cli, built, tmp_path, "review's details")


def test_swapped_document_bytes_with_the_hash_kept(built, cli, tmp_path):
    edited = make_pdf([SAMPLE_PAGES[0].replace("prohibited", "allowed"), SAMPLE_PAGES[1]])
    with closing(sqlite3.connect(built)) as conn:
        conn.execute("UPDATE documents SET data = ?", (edited,))
        conn.commit()
    refused_export(cli, built, tmp_path, "bytes were replaced")
    code, out, _ = cli("verify", tmp_path / "nothing", "--review", built)
    assert code != 0


def test_verify_review_names_a_tampered_file(built, cli, tmp_path):
    assert cli("export", built, "--out", tmp_path / "p", "--quiet")[0] == 0
    tamper(built, "UPDATE log SET actor = 'mallory' WHERE id = 3")
    code, out, _ = cli("verify", tmp_path / "p", "--review", built)
    assert code == 1 and "tampered" in out and "log entry #3" in out


ROWS = {
    "bogus result": ("UPDATE findings SET result = 'bogus' WHERE item_id = 'chokehold'",
                     "not a result"),
    "missing document": ("UPDATE evidence SET doc_id = 99", "not in the review"),
    "quads not JSON": ("UPDATE evidence SET quads = '[[0, [1, 2'", "not JSON"),
    "quads 1e308": ("UPDATE evidence SET quads = '[[0, [1e308, 0, 10, 10]]]'",
                    "impossible coordinates"),
    "review row deleted": ("DELETE FROM review", "details"),
    "standards {}": ("UPDATE review SET standards_json = '{}'", "standards copy"),
    "log payload not JSON": ("UPDATE log SET payload = '{oops' WHERE id = 2", "not JSON"),
    "date not ISO": ("UPDATE findings SET updated_at = 'yesterday'", "ISO 8601"),
    "empty document": ("UPDATE documents SET data = x''", "no bytes"),
}


@pytest.mark.parametrize("case", sorted(ROWS))
@pytest.mark.parametrize("command", ["status", "log", "finding", "export"])
def test_tampered_row_gives_one_clear_message(built, cli, tmp_path, case, command):
    sql, words = ROWS[case]
    tamper(built, sql)
    args = {"status": [], "log": [], "finding": ["--item", "chokehold", "--result", "met"],
            "export": ["--out", tmp_path / "p"]}[command]
    code, out, err = cli(command, built, *args)
    assert code == 2 and "Traceback" not in err
    assert err.count("\n") == 1 and words in err, err


def test_check_reports_every_problem_at_once(built, cli):
    tamper(built, *(sql for key, (sql, _) in ROWS.items()
                    if key not in ("review row deleted", "standards {}")))
    code, out, _ = cli("check", built)
    assert code == 1
    for key, (_, words) in ROWS.items():
        if key not in ("review row deleted", "standards {}"):
            assert words in out, key
    assert "log entry" in out  # the chain notices the edited payload too


def test_old_file_is_chained_from_its_upgrade(built, cli, tmp_path):
    with closing(sqlite3.connect(built)) as conn:
        for column in ("prev_hash", "state_hash", "row_hash"):
            conn.execute(f"ALTER TABLE log DROP COLUMN {column}")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm004_log_chain'")
        conn.execute("PRAGMA user_version = 2")
        conn.commit()
    code, out, err = cli("finding", built, "--item", "chokehold", "--result", "met")
    assert code == 0, err
    code, out, _ = cli("log", built)
    assert "Log sealed on upgrade" in out
    assert cli("check", built)[0] == 0
    tamper(built, "UPDATE log SET summary = 'x' WHERE id = 1")  # a row from before
    code, out, _ = cli("check", built)
    assert code == 1 and "before the upgrade" in out


def test_a_pdf_page_is_not_a_review(tmp_path, cli):
    pdf = tmp_path / "x.review"
    pdf.write_bytes(pymupdf.open().tobytes() if False else make_pdf(["x"]))
    code, _, err = cli("check", pdf)
    assert code == 2 and "not a review file" in err


def test_writable_old_file_is_upgraded_by_a_read_only_command(built, cli, tmp_path):
    with closing(sqlite3.connect(built)) as conn:
        for column in ("prev_hash", "state_hash", "row_hash"):
            conn.execute(f"ALTER TABLE log DROP COLUMN {column}")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm004_log_chain'")
        conn.execute("PRAGMA user_version = 2")
        conn.commit()
    code, out, err = cli("status", built)
    assert code == 0 and "writable place" not in err, err
    code, out, err = cli("export", built, "--out", tmp_path / "p", "--quiet")
    assert code == 0, err


def test_old_file_on_write_protected_media_names_the_reason(built, cli, tmp_path, monkeypatch):
    from reviewer_app.core.review import store as store_module

    with closing(sqlite3.connect(built)) as conn:
        for column in ("prev_hash", "state_hash", "row_hash"):
            conn.execute(f"ALTER TABLE log DROP COLUMN {column}")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm004_log_chain'")
        conn.execute("PRAGMA user_version = 3")
        conn.commit()
    monkeypatch.setattr(store_module, "_write_blocker", lambda path: "a locked USB stick")
    code, out, err = cli("status", built)
    assert code == 2 and "a locked USB stick" in err and "copy it to a writable" in err
    code, out, _ = cli("check", built)  # an unchained file is read, not called tampered
    assert code == 0, out


def test_many_tampered_rows_give_a_bounded_message(built, cli, tmp_path):
    for n in range(40):
        assert cli("finding", built, "--item", "chokehold", "--result",
                   ("met", "not_met")[n % 2])[0] == 0
    tamper(built, "UPDATE log SET summary = 'rewritten'")
    code, _, err = cli("export", built, "--out", tmp_path / "p", "--quiet")
    assert code == 2 and err.count("\n") == 1 and len(err) < 1500, len(err)
    code, out, _ = cli("check", built)
    assert code == 1 and "further log entries are broken" in out
    assert out.count("\n") < 12


def test_a_finding_of_an_unknown_item_is_named(built, cli):
    tamper(built, "INSERT INTO findings (item_id, result, updated_at) VALUES "
                  "('zz_not_an_item', 'met', '2026-01-01T00:00:00Z')")
    code, _, err = cli("status", built)
    assert code == 2 and "zz_not_an_item" in err
