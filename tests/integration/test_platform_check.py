"""Issue 16, a fresh machine: without libxcb-icccm4 and libxcb-keysyms1 the window must
say which packages to install, not die in Qt's abort (exit 134).

The subprocess test hides the two libraries from the real check with an ``ldd`` first on
PATH that reports them "not found" (the loader's own answer on a machine without them),
so it runs the same way whether or not the machine has them installed."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reviewer_app import platform_check as pc

ROOT = Path(__file__).resolve().parents[2]
HIDDEN = ("libxcb-icccm.so.4", "libxcb-keysyms.so.1")

LDD_OUTPUT = """\
	linux-vdso.so.1 (0x00007ffd)
	libQt6XcbQpa.so.6 => /x/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f93)
	libxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f93)
	libxcb-icccm.so.4 => not found
	libxcb-keysyms.so.1 => not found
	libxcb-icccm.so.4 => not found
"""


def test_ldd_output_names_the_exact_debian_packages():
    missing = pc.not_found(LDD_OUTPUT)
    assert missing == list(HIDDEN)
    text = pc.message(missing)
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in text
    assert "libxcb-cursor0" not in text  # installed: not what Qt's abort blames


def test_only_xcb_on_linux_is_checked():
    assert not pc.applies({"QT_QPA_PLATFORM": "offscreen"})
    assert pc.applies({"QT_QPA_PLATFORM": "xcb"}) == sys.platform.startswith("linux")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 plugin: Linux only")
def test_window_without_the_two_libraries_gets_the_message_not_a_crash(tmp_path):
    if pc.xcb_plugin() is None:
        pytest.fail("PySide6 has no xcb platform plugin to check")
    fake = tmp_path / "bin"
    fake.mkdir()
    real = subprocess.run(["sh", "-c", "command -v ldd"], capture_output=True,
                          text=True).stdout.strip()
    assert real, "ldd is needed on Linux"
    pattern = "|".join(h.replace(".", r"\.") for h in HIDDEN)
    (fake / "ldd").write_text(textwrap.dedent(f"""\
        #!/bin/sh
        # the real loader's answer, with {', '.join(HIDDEN)} absent from the system
        {real} "$@" | sed -E 's#^\\s*({pattern}) => .*#\\t\\1 => not found#'
        """))
    (fake / "ldd").chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM",
                                                             "WAYLAND_DISPLAY")}
    env.update(PATH=f"{fake}{os.pathsep}{env.get('PATH', '')}", QT_QPA_PLATFORM="xcb",
               DISPLAY=":97", PYTHONPATH=str(ROOT),
               REVIEWER_APP_DATA_DIR=str(tmp_path / "data"),
               REVIEWER_APP_SETTINGS=str(tmp_path / "settings.ini"))
    run = subprocess.run([sys.executable, "-m", "reviewer_app"], capture_output=True,
                         text=True, env=env, timeout=120, cwd=tmp_path)
    assert run.returncode == pc.EXIT_MISSING, run.stderr[-800:]
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in run.stderr
    assert "could not load the Qt platform plugin" not in run.stderr
    make = subprocess.run([sys.executable, "-m", "reviewer_app.platform_check"],
                          capture_output=True, text=True, env=env, timeout=60)
    assert make.returncode == pc.EXIT_MISSING and "libxcb-keysyms1" in make.stderr
