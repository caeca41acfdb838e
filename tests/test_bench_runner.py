"""bench/run.py works end to end at its small size: every row measured (not how fast)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
ROWS = (
    "`minutes --help`",
    "`minutes list`, empty db",
    "`minutes list` / itself",
    "app to first frame",
    "`minutes export ID` (Word)",
    "Word export, in process",
    "`minutes import FILE.json`",
    "load a meeting",
    "search p99: rare word",
    "search p99: common word in a series that stopped long ago",
    "search p99: common word in a small series that stopped long ago",
    "action log: key",
    "typing (Pilot, CPU): per key / empty meeting",
    "typing (Pilot, CPU): per Enter / empty meeting",
)


def files_under(folder: Path) -> set[Path]:
    return {path.relative_to(folder) for path in folder.rglob("*")}


@pytest.mark.timeout(300)  # every row, typing cases included, on a busy machine: over a minute
def test_small_run_measures_every_row_without_writing_into_the_repository(tmp_path):
    before = files_under(BENCH)
    rows_file = tmp_path / "rows.json"
    command = [sys.executable, str(BENCH / "run.py"), "--size", "small", "--runs", "2"]
    command += ["--cache", str(tmp_path / "cache"), "--json", str(rows_file)]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)

    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    heading, *table = done.stdout.splitlines()
    assert re.search(r"\d+ cores · Python 3\.\d+", heading)
    for name in ROWS:
        lines = [line for line in table if line.startswith(name)]
        assert lines, f"no row {name!r} in\n{done.stdout}"
        assert all(re.search(r"\d\.\d", line) for line in lines)
    rows = json.loads(rows_file.read_text())["rows"]
    assert len(rows) == len(table) - 2  # the header and its underline
    assert all(isinstance(row["ours"], float) for row in rows), rows
    growth = [row for row in rows if row["what"].startswith("Word export") and row["ratio"] is not None]
    assert [row["size"] for row in growth] == ["200 items", "400 items"]
    assert any((tmp_path / "cache").rglob("*.db"))
    assert files_under(BENCH) == before


def test_the_cpu_clock_counts_work_not_waiting(monkeypatch):
    """``--clock cpu`` times a process by its own CPU time: a process that sleeps uses little."""
    monkeypatch.syspath_prepend(str(BENCH))
    import timing

    sleeper = [sys.executable, "-c", "import time; time.sleep(0.4)"]
    monkeypatch.setattr(timing, "CLOCK", "wall")
    assert timing.run_process(sleeper, dict(os.environ)) >= 0.4
    monkeypatch.setattr(timing, "CLOCK", "cpu")
    assert 0 < timing.run_process(sleeper, dict(os.environ)) < 0.3
