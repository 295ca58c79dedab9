"""Render reviewer-app.svg to the PNG sizes installers and window managers ask for.

Run from the project root: ``QT_QPA_PLATFORM=offscreen .venv/bin/python
resources/icons/render_app_icon.py``. The PNGs are committed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent


def render(size: int, out: Path) -> None:
    renderer = QSvgRenderer(str(HERE / "reviewer-app.svg"))
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    image.save(str(out))


if __name__ == "__main__":
    app = QGuiApplication([])
    render(256, HERE / "reviewer-app.png")
    render(512, HERE / "reviewer-app-512.png")
    print("rendered", ", ".join(p.name for p in sorted(HERE.glob("reviewer-app*.png"))))
