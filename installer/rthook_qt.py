"""Run-time hook replacing PyInstaller's ``pyi_rth_pyside6`` in the frozen app.

PyInstaller's hook imports ``PySide6.QtCore`` at the start of every process to register a
``qt.conf``, which the PySide6 wheel already registers itself when QtCore is imported.
That import costs ~0.2 s of CPU in processes that never use Qt: each PDF render worker
(``--render-worker``) and every command-line call. This hook keeps the rest: Qt finds
its plugins in the bundle, and only there.
"""

import os
import sys


def _point_qt_at_the_bundle() -> None:
    if sys.platform.startswith("win"):
        qt_dir = os.path.join(sys._MEIPASS, "PySide6")
    else:
        qt_dir = os.path.join(sys._MEIPASS, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt_dir, "plugins")


_point_qt_at_the_bundle()
del _point_qt_at_the_bundle
