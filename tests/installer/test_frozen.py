"""The frozen build in dist/ runs by itself: --version, a CLI command and --self-test.

Skipped unless the build exists (``make installer``) or RUN_INSTALLER_TESTS=1 is set (then
a missing build is a failure). ``installer/smoke_test.sh`` runs the same self-test from
the archive under strace in an empty network namespace.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.factories.paths import ROOT

FROZEN = ROOT / "dist" / "reviewer-app" / "reviewer-app"
REQUIRED = os.environ.get("RUN_INSTALLER_TESTS") == "1"

pytestmark = [
    pytest.mark.frozen,
    pytest.mark.skipif(not FROZEN.exists() and not REQUIRED,
                       reason="no frozen build in dist/ (make installer; RUN_INSTALLER_TESTS=1)"),
]


@pytest.fixture
def frozen() -> Path:
    if not FROZEN.exists():
        pytest.fail(f"RUN_INSTALLER_TESTS=1 but {FROZEN} does not exist: run make installer")
    return FROZEN


def bare_env(tmp_path: Path) -> dict[str, str]:
    """What a desktop session has: no Python variables, a fresh home."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen", "TMPDIR": str(tmp_path)}


def test_frozen_version_and_cli(frozen, tmp_path):
    from reviewer_app import __version__

    env = bare_env(tmp_path)
    out = subprocess.run([str(frozen), "--version"], env=env, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0 and __version__ in out.stdout
    review = tmp_path / "cli.review"
    made = subprocess.run([str(frozen), "new", str(review), "--agency", "Frozen PD"], env=env,
                          capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    status = subprocess.run([str(frozen), "status", str(review)], env=env, capture_output=True,
                            text=True, timeout=60)
    assert status.returncode == 0 and "Frozen PD" in status.stdout


def test_frozen_self_test_passes_offscreen(frozen, tmp_path):
    proc = subprocess.run([str(frozen), "--self-test"], env=bare_env(tmp_path),
                          capture_output=True, text=True, timeout=300, cwd=tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "(frozen build;" in proc.stdout
    assert "FAIL" not in proc.stdout
    assert "self-test passed" in proc.stdout
    home = tmp_path / "home"  # no demo, settings or recent files left behind for the user
    assert not (home / ".local" / "share" / "reviewer-app").exists()
    assert not (home / ".config" / "reviewer-app").exists()
