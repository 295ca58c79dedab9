"""Caseload fixtures: a real PostgreSQL server (the office of edge cases is in tests/).

The server is started by the test session in a temporary folder with ``initdb`` and
``pg_ctl`` (Debian's ``postgresql`` package, which ``.ci/run`` installs); as root it runs
as the ``postgres`` user, since PostgreSQL refuses to run as root. Where no server can be
had the tests skip saying why, except in CI (``CI=true``), where that is a failure.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

import pytest

from tests.factories.ci import in_ci

PG_PASSWORD = "caseload-test-pw"


def unavailable(reason: str) -> NoReturn:
    if in_ci():
        pytest.fail(f"PostgreSQL tests cannot run in CI: {reason}")
    pytest.skip(f"PostgreSQL not available: {reason}")


def _pg_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                      key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    return versions[-1] if versions else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """URL of a PostgreSQL server with password authentication, run for this session."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        unavailable("psycopg is not installed (pip install 'psycopg[binary]')")
    initdb, pg_ctl = _pg_bin("initdb"), _pg_bin("pg_ctl")
    if not initdb or not pg_ctl:
        unavailable("initdb/pg_ctl not found (apt-get install postgresql)")
    prefix: list[str] = []
    owner = None
    if os.geteuid() == 0:  # initdb refuses root: run the server as the postgres user
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            unavailable("running as root and there is no 'postgres' user to run it as")
        prefix = ["runuser", "-u", "postgres", "--"]
    base = Path(tempfile.mkdtemp(prefix="caseload-pg-"))
    pwfile = base / "pw"
    pwfile.write_text(PG_PASSWORD + "\n")
    if owner is not None:
        for p in (base, pwfile):
            os.chown(p, owner.pw_uid, owner.pw_gid)
    data, port = base / "data", _free_port()
    try:
        subprocess.run([*prefix, initdb, "-D", str(data), "-U", "postgres", "-E", "UTF8",
                        "--auth=scram-sha-256", f"--pwfile={pwfile}", "--no-sync"],
                       check=True, capture_output=True, timeout=120)
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-l", str(base / "log"), "-w",
                        "-o", f"-p {port} -k {base} -c listen_addresses=127.0.0.1 "
                              "-c fsync=off", "start"],
                       check=True, capture_output=True, timeout=120)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        shutil.rmtree(base, ignore_errors=True)
        err = getattr(exc, "stderr", b"") or b""
        unavailable(f"the test server did not start ({exc}; {err.decode()[-300:]})")
    try:
        yield f"postgresql://postgres:{PG_PASSWORD}@127.0.0.1:{port}"
    finally:
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server, request) -> str:
    """A fresh, empty database on the session's server."""
    import psycopg

    name = "t_" + "".join(c if c.isalnum() else "_" for c in request.node.name)[:50].lower()
    with psycopg.connect(f"{pg_server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{pg_server}/{name}"

