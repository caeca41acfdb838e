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
        "minutes_tui.export",
        "minutes_tui.interchange",
        "minutes_tui.session",
        "minutes_tui.cli",
    ],
)
def test_no_textual_outside_the_tui(module):
    assert not any(name == "textual" or name.startswith("textual.") for name in modules_after_import(module))


def test_model_imports_no_database():
    loaded = modules_after_import("minutes_tui.model")
    assert "sqlite3" not in loaded and "sqlite_utils" not in loaded
