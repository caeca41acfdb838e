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


def test_meeting_screen_parts_use_only_what_they_declare():
    """The meeting screen's parts rely on Textual's Screen and on ``MeetingScreenBase``, nothing
    else: mypy finds no attribute one of them uses without its declaring it."""
    parts = ("MeetingScreenBase", "CaptureKeys", "RecordCommands", "WatchElsewhere", "AutosaveScreen")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--follow-imports=silent",
            "--no-warn-unused-configs",
            "minutes_tui/tui/screens/meeting/",
            "minutes_tui/tui/typeahead.py",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    undeclared = [
        line
        for line in result.stdout.splitlines()
        if "[attr-defined]" in line and any(f'"{p}"' in line for p in (*parts, "TypeAhead", "MeetingScreen"))
    ]
    assert "error" in result.stdout or "Success" in result.stdout, result.stderr
    assert undeclared == []
