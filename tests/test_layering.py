"""The core must stay usable without Qt: check what importing it pulls in."""

import subprocess
import sys

from tests.factories.paths import ROOT

CORE = ROOT / "reviewer_app" / "core"


def test_core_imports_no_qt():
    modules = [f"reviewer_app.core.{p.stem}" for p in CORE.glob("*.py") if p.stem != "__init__"]
    modules += [f"reviewer_app.core.{p.name}" for p in CORE.iterdir()
                if p.is_dir() and (p / "__init__.py").exists()]
    code = ("import importlib, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')"
            " or m.startswith('reviewer_app.ui')]\n"
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"core pulled in: {out.stdout}"
    assert len(modules) >= 8
