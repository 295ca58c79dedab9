"""Publishing to a real PostgreSQL server the session starts (see conftest): two offices
into one database, twice, give exactly their union; failures write nothing."""

from __future__ import annotations

import json
import shutil

import pytest

from reviewer_app.main import main

pytestmark = pytest.mark.postgres


@pytest.fixture
def two_offices(edge_office, tmp_path):
    """Office A holds most edge cases; office B the rest plus a copy of one of A's."""
    src = edge_office["current"].parent
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    for p in src.glob("*.review"):
        shutil.copy2(p, (b if p.stem in ("other_body", "rereview") else a) / p.name)
    shutil.copy2(src / "stick" / "current-copy.review", b / "current-copy.review")
    dbs = (tmp_path / "a.sqlite", tmp_path / "b.sqlite")
    for folder, db in zip((a, b), dbs, strict=True):
        assert main(["caseload", "scan", str(folder), "--db", str(db)]) == 0
    return dbs


def _rows(url):
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute("SELECT review_uuid::text, credentialing_body, agency, outcome, "
                            "office, published_at FROM caseload_reviews "
                            "ORDER BY review_uuid, credentialing_body").fetchall()


def test_two_offices_twice_give_exactly_their_union(two_offices, pg_url, capsys):
    a, b = two_offices
    for db, office in ((a, "office-a"), (b, "office-b")):
        assert main(["caseload", "publish", "--postgres", pg_url, "--db", str(db),
                     "--office", office]) == 0
    out = capsys.readouterr().out
    assert "published 6 reviews: 6 new or changed" in out
    assert "published 3 reviews: 2 new or changed, 1 already up to date" in out
    first = _rows(pg_url)
    for db, office in ((a, "office-a"), (b, "office-b")):
        assert main(["caseload", "publish", "--postgres", pg_url, "--db", str(db),
                     "--office", office]) == 0
    assert "0 new or changed" in capsys.readouterr().out
    assert _rows(pg_url) == first  # republishing changed nothing, not even published_at
    agencies = sorted(r[2] for r in first)
    assert agencies == sorted(["Current PD", "Expired Jan 30 PD", "Expires Jan 31 PD",
                               "Certified Feb 1 PD", "Not Certified PD", "In Process PD",
                               "Re-review PD", "Other Body PD"])
    assert main(["caseload", "list", "--postgres", pg_url, "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert sorted(r["agency"] for r in listed) == agencies
    assert all("documents" not in r and r["path"].startswith("office-") for r in listed)


def test_a_change_is_published_once_and_an_older_copy_never_wins(two_offices, pg_url,
                                                                 tmp_path, capsys):
    from reviewer_app.core.review import commands as cmd
    from reviewer_app.core.review.store import ReviewStore

    a, b = two_offices
    assert main(["caseload", "publish", "--postgres", pg_url, "--db", str(a)]) == 0
    with ReviewStore.open(tmp_path / "b" / "current-copy.review") as store:
        cmd.run(store, cmd.SetFinding("chokehold", "not_met"))
    assert main(["caseload", "scan", str(tmp_path / "b"), "--db", str(b)]) == 0
    assert main(["caseload", "publish", "--postgres", pg_url, "--db", str(b)]) == 0
    assert main(["caseload", "publish", "--postgres", pg_url, "--db", str(a)]) == 0
    current = [r for r in _rows(pg_url) if r[2] == "Current PD"]
    assert len(current) == 1 and current[0][3] == "Not certified"


def test_wrong_password_and_server_down_are_one_line(two_offices, pg_url, capsys):
    a, _ = two_offices
    bad = pg_url.replace("caseload-test-pw", "S3cretNope")
    assert main(["caseload", "publish", "--postgres", bad, "--db", str(a)]) == 2
    err = capsys.readouterr().err
    assert "password authentication failed" in err and err.count("\n") == 1
    assert "S3cretNope" not in err and "nothing was written" in err
    import socket

    with socket.socket() as s:  # a port where nothing listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    down = f"postgresql://postgres:x@127.0.0.1:{port}/none"
    assert main(["caseload", "list", "--postgres", down]) == 2
    err = capsys.readouterr().err
    assert "Connection refused" in err and err.count("\n") == 1


def test_a_connection_dropped_mid_publish_leaves_nothing_half_written(two_offices, pg_url,
                                                                      capsys):
    import psycopg

    a, b = two_offices
    assert main(["caseload", "publish", "--postgres", pg_url, "--db", str(b)]) == 0
    before = _rows(pg_url)
    with psycopg.connect(pg_url, autocommit=True) as conn:  # the server ends the session
        conn.execute("""
            CREATE FUNCTION drop_me() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.agency = 'Not Certified PD' THEN
                    PERFORM pg_terminate_backend(pg_backend_pid());
                END IF;
                RETURN NEW;
            END $$""")
        conn.execute("CREATE TRIGGER drop_me BEFORE INSERT ON caseload_reviews "
                     "FOR EACH ROW EXECUTE FUNCTION drop_me()")
    assert main(["caseload", "publish", "--postgres", pg_url, "--db", str(a)]) == 2
    err = capsys.readouterr().err
    assert "terminat" in err and "nothing was written" in err and err.count("\n") == 1
    assert _rows(pg_url) == before
