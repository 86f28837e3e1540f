"""Linux desktop integration: the menu entry matches the window; the icon renders."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess

import pytest
from desktop_entry import DESKTOP_FILE, PACKAGING, desktop_entry
from PySide6.QtGui import QImage

from cloud_checkup.ui.main import create_application

APP_ICON = PACKAGING.parent / "cloud_checkup" / "ui" / "icons" / "app.svg"


def _render_icon_module():
    path = PACKAGING / "render_icon.py"
    spec = importlib.util.spec_from_file_location("render_icon", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_startup_wm_class_is_the_class_qt_gives_the_window(qapp):
    # On X11 Qt sets WM_CLASS to (program name, application name); docks match the
    # class against StartupWMClass to group the window under the menu entry.
    app = create_application([])

    assert desktop_entry()["StartupWMClass"] == app.applicationName()


def test_desktop_entry_starts_the_app_without_a_terminal():
    entry = desktop_entry()

    assert entry["Type"] == "Application"
    assert entry["Exec"] == "cloud-checkup"
    assert entry["Terminal"] == "false"
    assert entry["Icon"] == _render_icon_module().ICON_NAME
    assert entry["Categories"].endswith(";")


def test_icon_is_rendered_into_a_hicolor_theme(qapp, tmp_path):
    render_icon = _render_icon_module()

    render_icon.render(APP_ICON, tmp_path)

    assert (tmp_path / "scalable" / "apps" / "cloud-checkup.svg").read_bytes() == (
        APP_ICON.read_bytes()
    )
    for size in render_icon.SIZES:
        image = QImage(str(tmp_path / f"{size}x{size}" / "apps" / "cloud-checkup.png"))
        assert (image.width(), image.height()) == (size, size)
    assert _has_visible_pixels(QImage(str(tmp_path / "64x64/apps/cloud-checkup.png")))


def _has_visible_pixels(image: QImage) -> bool:
    return any(
        image.pixelColor(x, y).alpha() > 0
        for x in range(image.width())
        for y in range(image.height())
    )


@pytest.mark.parametrize("uninstall", [False, True])
def test_install_script_adds_and_removes_the_menu_entry(tmp_path, uninstall):
    app = tmp_path / "My Apps" / "cloud-checkup"
    (app / "share" / "applications").mkdir(parents=True)
    shutil.copy(DESKTOP_FILE, app / "share" / "applications")
    (app / "share" / "icons" / "hicolor" / "scalable" / "apps").mkdir(parents=True)
    shutil.copy(APP_ICON, app / "share/icons/hicolor/scalable/apps/cloud-checkup.svg")
    (app / "cloud-checkup").write_text("#!/bin/sh\n")
    shutil.copy(PACKAGING / "linux" / "install.sh", app)
    home = tmp_path / "home"
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin"}

    subprocess.run(["sh", str(app / "install.sh")], env=env, check=True)
    installed = home / ".local/share/applications/cloud-checkup.desktop"
    if uninstall:
        subprocess.run(
            ["sh", str(app / "install.sh"), "--uninstall"], env=env, check=True
        )
        assert not installed.exists()
        assert not (home / ".local/bin/cloud-checkup").exists()
        return

    assert desktop_entry(installed)["Exec"] == f'"{app / "cloud-checkup"}"'
    assert (home / ".local/bin/cloud-checkup").resolve() == app / "cloud-checkup"
    assert (
        home / ".local/share/icons/hicolor/scalable/apps/cloud-checkup.svg"
    ).exists()
