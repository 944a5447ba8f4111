"""The one architectural rule, checked: imports point down (ui → core → api), never up."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "airforce_studio"


def imports_of(path: Path) -> set[str]:
    """Absolute module names a file imports (relative imports resolved)."""
    module = ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                name = ".".join(base + ([node.module] if node.module else []))
            else:
                name = node.module or ""
            found.add(name)
            found.update(f"{name}.{alias.name}" for alias in node.names)
    return found


def files(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


@pytest.mark.parametrize(("layer", "forbidden"), [
    ("api", ("PySide6", "airforce_studio.core", "airforce_studio.ui", "airforce_studio.cli",
             "airforce_studio.simulator", "airforce_studio.app")),
    ("core", ("PySide6.QtWidgets", "PySide6.QtMultimediaWidgets", "airforce_studio.ui",
              "airforce_studio.cli", "airforce_studio.app", "airforce_studio.simulator")),
    ("simulator", ("PySide6", "airforce_studio.core", "airforce_studio.ui",
                   "airforce_studio.cli", "airforce_studio.app", "airforce_studio.api.client")),
    ("ui", ("httpx", "airforce_studio.api.client", "airforce_studio.api.stream",
            "airforce_studio.api.download", "airforce_studio.cli", "airforce_studio.app",
            "airforce_studio.simulator")),
])
def test_no_layer_imports_upward_or_sideways(layer, forbidden):
    offenders = [
        f"{path.relative_to(PACKAGE)} imports {name}"
        for path in files(layer)
        for name in imports_of(path)
        if any(name == bad or name.startswith(bad + ".") for bad in forbidden)
    ]
    assert not offenders, offenders


def test_the_checker_sees_relative_imports():
    """Guard against a check that cannot fail: ui really does import core."""
    names = imports_of(PACKAGE / "ui" / "main_window.py")
    assert "airforce_studio.core.session" in names
    assert "airforce_studio.api.errors" in names
