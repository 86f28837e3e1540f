"""The layering of DESIGN.md, enforced: Qt only in ui/, checks pure, sandbox apart."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "cloud_checkup"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            prefix = "." * node.level
            names.add(prefix + node.module)
    return names


def _modules(folder: str) -> list[Path]:
    return (
        sorted((PACKAGE / folder).rglob("*.py"))
        if folder
        else sorted(PACKAGE.rglob("*.py"))
    )


def _outside_ui() -> list[Path]:
    return [p for p in _modules("") if "ui" not in p.relative_to(PACKAGE).parts[:1]]


@pytest.mark.parametrize(
    "path", _outside_ui(), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_nothing_outside_ui_imports_qt(path):
    qt = {
        name for name in _imports(path) if name.split(".")[0] in {"PySide6", "qasync"}
    }
    assert not qt, f"{path} imports {qt}"


@pytest.mark.parametrize(
    "path", _modules("checks"), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_checks_import_nothing_from_the_app_or_the_network(path):
    forbidden = {
        name
        for name in _imports(path)
        if name.startswith(("cloud_checkup.app", "cloud_checkup.sandbox", "..app"))
        or name.split(".")[0] in {"aiohttp", "requests", "socket", "urllib", "http"}
    }
    assert not forbidden, f"{path} imports {forbidden}"


@pytest.mark.parametrize(
    "path", _modules("app"), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_the_app_reaches_the_sandbox_only_over_http(path):
    # The runner may start a sandbox for the demo account; nothing else in app/ may
    # import the sandbox, so every answer arrives over HTTP.
    if path.name == "runner.py":
        return
    assert not {n for n in _imports(path) if "sandbox" in n}


def _distribution_names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~\[; ]", requirement)[0] for requirement in requirements}


def _test_only_packages() -> set[str]:
    """Import names of what only the ``test`` extra installs (the Alibaba SDKs)."""
    pyproject = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text())
    project = pyproject["project"]
    test_only = _distribution_names(
        project["optional-dependencies"]["test"]
    ) - _distribution_names(project["dependencies"])
    return {name.replace("-", "_").lower() for name in test_only}


TEST_ONLY = _test_only_packages()


@pytest.mark.parametrize(
    "path", _modules(""), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_the_installed_app_needs_no_test_only_package(path):
    # The app signs OpenAPI, OSS and SLS requests itself; the SDKs are installed for
    # the tests that hold its signers and parsers to theirs, not for the app.
    assert not {n for n in _imports(path) if n.split(".")[0] in TEST_ONLY}
