"""The suite's CI rules (tests/conftest.py) hold: under ``CI`` a skip is a failure."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = """
import pytest

def test_needs_a_tool_that_is_missing():
    pytest.skip("needs frobnicate")

@pytest.mark.skipif(True, reason="needs root")
def test_needs_root():
    pass

@pytest.mark.may_skip(reason="no platform has it")
def test_allowed_to_skip():
    pytest.skip("no platform has it")

@pytest.mark.xfail(strict=True, reason="a known bug")
def test_known_bug():
    assert False

def test_fine():
    pass
"""


def outcome(folder: Path, ci: bool) -> str:
    env = {k: v for k, v in os.environ.items() if k != "CI"} | ({"CI": "1"} if ci else {})
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", "-rfs"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=50,
    )
    return done.stdout.splitlines()[-1]


@pytest.fixture
def suite(tmp_path):
    shutil.copy(Path(__file__).with_name("conftest.py"), tmp_path / "conftest.py")
    (tmp_path / "test_sample.py").write_text(SAMPLE, encoding="utf-8")
    return tmp_path


def test_locally_a_missing_tool_skips(suite):
    assert outcome(suite, ci=False).startswith("1 passed, 3 skipped, 1 xfailed")


def test_under_ci_a_skip_fails_unless_allowed(suite):
    # A skip in the test fails it; a skipif (decided in setup) makes it an error.
    summary = outcome(suite, ci=True)
    assert summary.startswith("1 failed, 1 passed, 1 skipped, 1 xfailed") and "1 error" in summary, summary
