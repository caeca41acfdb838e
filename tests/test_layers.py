"""The domain, the store and the exporters import no Textual; the model imports no SQLite."""

from __future__ import annotations

import subprocess
import sys

import pytest


def modules_after_import(module: str) -> set[str]:
    code = f"import sys, {module}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    return set(out.split())


@pytest.mark.parametrize(
    "module",
    [
        "minutes_tui.model",
        "minutes_tui.store",
        "minutes_tui.store.store",
        "minutes_tui.export",
        "minutes_tui.export.docx",
        "minutes_tui.interchange",
        "minutes_tui.session",
        "minutes_tui.cli",
        "minutes_tui.papers",
    ],
)
def test_no_textual_outside_the_tui(module):
    assert not any(name == "textual" or name.startswith("textual.") for name in modules_after_import(module))


def test_model_imports_no_database():
    loaded = modules_after_import("minutes_tui.model")
    assert "sqlite3" not in loaded and "sqlite_utils" not in loaded


def test_papers_readers_know_no_store():
    """The agenda and paper readers are pure: no store, no database, no Textual."""
    loaded = modules_after_import("minutes_tui.papers")
    assert not {"sqlite3", "sqlite_utils", "minutes_tui.store", "textual"} & loaded


def test_only_the_store_imports_sqlite3():
    """SQLite is the store's business: no other module imports sqlite3 (checked in the source)."""
    import ast
    from pathlib import Path

    import minutes_tui

    root = Path(minutes_tui.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        if path.is_relative_to(root / "store"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            if any(name.split(".")[0] == "sqlite3" for name in names):
                offenders.append(str(path.relative_to(root)))
    assert offenders == []
