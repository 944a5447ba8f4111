"""Structure rules a reviewer would otherwise have to remember.

The layering itself (api → core → ui/cli, the simulator alone) is import-linter's job:
`lint-imports` runs from .ci/test with the contracts in pyproject.toml. Here: module size,
the one rule import-linter cannot express, and that the contracts know every CLI module.
"""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "airforce_studio"
MAX_LINES = 400
# Modules still being split; remove an entry once its split lands (a stale entry fails).
TOO_LONG_FOR_NOW: set[str] = set()


def line_counts() -> dict[str, int]:
    return {str(path.relative_to(PACKAGE)): len(path.read_text("utf-8").splitlines())
            for path in sorted(PACKAGE.rglob("*.py"))}


def test_no_module_passes_400_lines():
    too_long = {name: n for name, n in line_counts().items()
                if n > MAX_LINES and name not in TOO_LONG_FOR_NOW}
    assert not too_long, f"split these modules (over {MAX_LINES} lines): {too_long}"


def test_the_allow_list_holds_only_modules_still_too_long():
    counts = line_counts()
    stale = {name for name in TOO_LONG_FOR_NOW if counts.get(name, 0) <= MAX_LINES}
    assert not stale, f"no longer too long (or gone): drop from TOO_LONG_FOR_NOW: {stale}"


def test_the_size_check_can_fail():
    assert max(line_counts().values()) > 100  # it reads real files, not an empty list


def test_every_cli_module_is_in_the_import_contracts():
    """import-linter has no partial wildcards (`cli_*`): each CLI module is listed."""
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))[
        "tool"]["importlinter"]["contracts"]
    above = next(c for c in contracts if c["name"].startswith("Nothing below the CLI"))
    cli_sources = next(c for c in contracts if c["name"].startswith("The CLI uses core"))
    modules = {f"airforce_studio.{p.stem}" for p in PACKAGE.glob("cli*.py")}
    assert len(modules) >= 5
    assert modules <= set(above["forbidden_modules"]), modules - set(above["forbidden_modules"])
    assert modules <= set(cli_sources["source_modules"])


def imported_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_core_uses_no_widgets():
    """DESIGN: core may use QtCore/QtGui (e.g. QImage), never widgets."""
    widgets = ("PySide6.QtWidgets", "PySide6.QtMultimediaWidgets")
    offenders = [f"{path.name}: {name}" for path in (PACKAGE / "core").rglob("*.py")
                 for name in imported_names(path) if name.startswith(widgets)]
    assert not offenders


def test_the_widget_check_sees_imports():
    assert "PySide6.QtWidgets" in imported_names(PACKAGE / "ui" / "main_window.py") | \
        imported_names(PACKAGE / "ui" / "editor.py")
