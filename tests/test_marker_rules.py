"""The suite's own rules (tests/conftest.py), checked by running pytest on a few made-up
tests in a child process: with CI=true a skipped corpus test fails, other skips stay skips;
a test using the ``labels`` fixture counts as a corpus test; unknown markers are refused."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.factories.paths import ROOT

CONFTEST = '''
import pytest

from tests.conftest import pytest_collection_modifyitems, pytest_runtest_makereport  # noqa


@pytest.fixture
def labels():  # the corpus is absent here
    pytest.skip("corpus labels not available (../shared absent)")
'''

TESTS = '''
import pytest

from tests.factories.corpus import corpus_pdf


@pytest.mark.corpus
def test_marked():
    pytest.skip("the corpus went missing")


def test_helper():
    corpus_pdf("no-such-policy.pdf")


def test_fixture(labels):
    pass


def test_unrelated():
    pytest.skip("nothing to do with the corpus")


@pytest.mark.corpus
def test_present():
    pass
'''


def run_pytest(tmp_path, ci: str | None, *args: str) -> subprocess.CompletedProcess:
    (tmp_path / "conftest.py").write_text(CONFTEST)
    (tmp_path / "test_rules.py").write_text(TESTS)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"),
         "--rootdir", str(tmp_path), "-p", "no:cacheprovider", "-rfEs", "-q", *args,
         str(tmp_path)], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)


def outcomes(out: str) -> dict[str, str]:
    """FAILED / ERROR by test name, SKIPPED by reason, from the short summary."""
    found = {}
    for line in out.splitlines():
        word = line.split(" ", 1)[0]
        if word in ("FAILED", "ERROR"):
            found[line.split("::test_", 1)[1].split(" ", 1)[0]] = word
        elif word == "SKIPPED":
            found[line.rsplit(": ", 1)[-1]] = word
    return found


def test_outside_ci_corpus_tests_skip_cleanly(tmp_path):
    proc = run_pytest(tmp_path, None)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "1 passed, 4 skipped" in proc.stdout


def test_in_ci_a_skipped_corpus_test_fails_and_says_why(tmp_path):
    proc = run_pytest(tmp_path, "true")
    out = proc.stdout
    assert proc.returncode == 1, out + proc.stderr
    got = outcomes(out)
    # skipped in the test body: failed; skipped by the fixture at setup: an error
    assert got == {"marked": "FAILED", "helper": "FAILED", "fixture": "ERROR",
                   "nothing to do with the corpus": "SKIPPED"}, out
    assert out.count("corpus test skipped in CI") >= 3, out
    assert "no-such-policy.pdf not available (../shared absent)" in out
    assert "1 passed" in out


def test_labels_fixture_marks_a_test_corpus(tmp_path):
    proc = run_pytest(tmp_path, None, "-m", "corpus", "--collect-only")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "3/5 tests collected" in proc.stdout, proc.stdout


def test_an_unregistered_marker_is_refused(tmp_path):
    (tmp_path / "test_typo.py").write_text(
        "import pytest\n\n@pytest.mark.corpsu\ndef test_typo():\n    pass\n")
    proc = run_pytest(tmp_path, None)
    assert proc.returncode != 0
    assert "'corpsu' not found in `markers` configuration option" in proc.stdout + proc.stderr
