"""The rules that keep the frozen build small without dropping what the app needs."""

from __future__ import annotations

import importlib.util
import plistlib

import pytest

from tests.factories.paths import ROOT


def _load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "installer" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


rules = _load("bundle_rules")
app_meta = _load("app_meta")

QT = "PySide6/Qt"


@pytest.mark.parametrize("dest", [
    f"{QT}/lib/libQt6Core.so.6", f"{QT}/lib/libQt6Gui.so.6", f"{QT}/lib/libQt6Widgets.so.6",
    f"{QT}/lib/libQt6Svg.so.6", f"{QT}/lib/libQt6DBus.so.6", f"{QT}/lib/libQt6XcbQpa.so.6",
    f"{QT}/plugins/platforms/libqxcb.so", f"{QT}/plugins/platforms/libqoffscreen.so",
    f"{QT}/plugins/platforms/libqwayland.so", f"{QT}/plugins/imageformats/libqsvg.so",
    f"{QT}/plugins/iconengines/libqsvgicon.so", "PySide6/plugins/platforms/qwindows.dll",
    "PySide6/QtWidgets.abi3.so", "pymupdf/libmupdf.so.28.5", "libpython3.11.so.1.0",
    f"{QT}/lib/QtWidgets.framework/Versions/A/QtWidgets", "PySide6/Qt6Widgets.dll",
    f"{QT}/plugins/platforms/libqcocoa.dylib", "PySide6/plugins/styles/qmodernwindowsstyle.dll",
])
def test_keeps_what_the_app_needs(dest):
    assert rules.keep_binary(dest)


@pytest.mark.parametrize("dest", [
    f"{QT}/lib/libQt6Network.so.6", f"{QT}/lib/libQt6Qml.so.6", f"{QT}/lib/libQt6Quick.so.6",
    f"{QT}/lib/libQt6OpenGL.so.6", f"{QT}/lib/libQt6Pdf.so.6", "Qt6Network.dll",
    f"{QT}/plugins/platforms/libqeglfs.so", f"{QT}/plugins/platforms/libqvnc.so",
    f"{QT}/plugins/tls/libqopensslbackend.so", f"{QT}/plugins/sqldrivers/libqsqlite.so",
    f"{QT}/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so",
    f"{QT}/plugins/platformthemes/libqgtk3.so", f"{QT}/plugins/imageformats/libqtiff.so",
    f"{QT}/plugins/generic/libqtuiotouchplugin.so", "PySide6/QtNetwork.abi3.so",
    f"{QT}/lib/QtNetwork.framework/Versions/A/QtNetwork",
    "PySide6/plugins/tls/qschannelbackend.dll",
])
def test_drops_unused_qt_parts(dest):
    assert not rules.keep_binary(dest)


@pytest.mark.parametrize("dest, kept", [
    (f"{QT}/translations/qtbase_de.qm", False),
    ("PySide6/QtCore.pyi", False),
    (f"{QT}/qml/QtQuick/qmldir", False),
    ("resources/demo/make_sample_policy.py", False),
    ("resources/demo/sample-policy.pdf", True),
    ("resources/fonts/OFL.txt", True),
    ("standards/doj-2020.toml", True),
    ("reportlab/fonts/Vera.ttf", True),
    (f"{QT}/lib/QtNetwork.framework/Resources/Info.plist", False),
    (f"{QT}/lib/QtGui.framework/Resources/Info.plist", True),
])
def test_data_rules(dest, kept):
    assert rules.keep_data(dest) is kept


def test_system_libraries_only_dropped_parts_needed_are_left_out():
    binaries = [
        ("PySide6/Qt/lib/libQt6Gui.so.6", "/venv/PySide6/Qt/lib/libQt6Gui.so.6", "BINARY"),
        ("libX11.so.6", "/usr/lib/x86_64-linux-gnu/libX11.so.6", "BINARY"),
        ("libxcb.so.1", "/usr/lib/x86_64-linux-gnu/libxcb.so.1", "BINARY"),
        ("libkrb5.so.3", "/usr/lib/x86_64-linux-gnu/libkrb5.so.3", "BINARY"),
        ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK"),
    ]
    needs = {"/venv/PySide6/Qt/lib/libQt6Gui.so.6": [("libX11.so.6", "/usr/lib/libX11.so.6")],
             "/usr/lib/x86_64-linux-gnu/libX11.so.6": [("libxcb.so.1", "/usr/lib/libxcb.so.1")]}
    kept, dropped = rules.drop_unneeded_system_libs(binaries, lambda src: needs.get(src, []))
    assert dropped == ["libkrb5.so.3"]
    assert [e[0] for e in kept] == ["PySide6/Qt/lib/libQt6Gui.so.6", "libX11.so.6",
                                    "libxcb.so.1", "libQt6Gui.so.6"]


def test_symlinks_to_pruned_files_are_removed():
    binaries = [("PySide6/Qt/lib/libQt6Gui.so.6", "/x/libQt6Gui.so.6", "BINARY"),
                ("libQt6Gui.so.6", "PySide6/Qt/lib/libQt6Gui.so.6", "SYMLINK")]
    datas = [("libQt6Network.so.6", "PySide6/Qt/lib/libQt6Network.so.6", "SYMLINK")]
    kept_bins, kept_datas = rules.drop_dangling_symlinks(binaries, datas)
    assert kept_bins == binaries and kept_datas == []


def test_app_metadata_and_platform_files_agree():
    import re

    text = (ROOT / "reviewer_app" / "__init__.py").read_text()
    assert app_meta.version() == re.search(r'__version__ = "(.+)"', text).group(1)
    assert app_meta.find_icon(".png") is not None  # the Linux menu and Windows/macOS icons
    desktop = (ROOT / "installer" / "linux" / "reviewer-app.desktop").read_text()
    assert f"Name={app_meta.APP_NAME}" in desktop and "Exec=reviewer-app %f" in desktop
    plist = plistlib.loads((ROOT / "installer" / "macos" / "Info.plist").read_bytes())
    (doc_type,) = plist["UTExportedTypeDeclarations"]
    assert doc_type["UTTypeTagSpecification"]["public.filename-extension"] == ["review"]
    iss = (ROOT / "installer" / "windows" / "reviewer_app.iss").read_text()
    assert f'"{app_meta.APP_NAME}"' in iss and ".review" in iss
