"""Renders the app icon (SVG) into a hicolor icon theme folder, for desktop menus.

Usage: python render_icon.py SOURCE.svg THEME_DIR

Writes THEME_DIR/scalable/apps/cloud-checkup.svg and one PNG per size under
THEME_DIR/NxN/apps/; the 256 pixel PNG is also what Windows and macOS builds turn
into their .ico and .icns.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICON_NAME = "cloud-checkup"
SIZES = (16, 32, 48, 64, 128, 256, 512)


def render(source: Path, theme: Path) -> None:
    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"render_icon.py: {source} is not an SVG image Qt can draw")
    scalable = theme / "scalable" / "apps" / f"{ICON_NAME}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, scalable)
    for size in SIZES:
        target = theme / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"
        target.parent.mkdir(parents=True, exist_ok=True)
        if not _raster(renderer, size).save(str(target)):
            raise SystemExit(f"render_icon.py: could not write {target}")


def _raster(renderer: QSvgRenderer, size: int) -> QImage:
    image = QImage(QSize(size, size), QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    return image


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    # QImage and QSvgRenderer need an application but no display.
    app = QGuiApplication(["render_icon", "-platform", "offscreen"])  # noqa: F841
    render(Path(argv[0]), Path(argv[1]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
