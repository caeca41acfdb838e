"""The type checker passes: mypy over the targets configured in pyproject.toml.

The model, the store, the exporters and the meeting session are checked strictly (see ``[tool.mypy]``).
Deselect with ``-m "not types"``.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.types


def test_mypy_finds_no_errors():
    assert importlib.util.find_spec("mypy"), "mypy is not installed: pip install -e '.[test]'"
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout
