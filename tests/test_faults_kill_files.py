"""`kill -9` during `minutes backup` and `minutes export`: nothing partial under the final name.

Real processes on a database big enough that both take a moment, each killed at
a random point. After every kill the final name is either absent or a complete
file: a backup that passes ``quick_check`` and holds every meeting and point, a
Word file that opens and ends with the meeting's last point. The next run to the
same folder sweeps the temporary files the killed one left. The tally (tries,
killed part way, complete files, losses) is printed for the record.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import docx
import pytest

from minutes_tui.model import Bullet, Meeting, Point, Turn
from minutes_tui.store import Store

pytestmark = pytest.mark.slow

KILLS = 20
SEED = int(os.environ.get("MINUTES_KILL_SEED", "20251203"))
LAST_POINT = "The very last point of the meeting"


@pytest.fixture
def big_db(tmp_path) -> tuple[Path, int]:
    """A database of about 40 MB: 40 meetings of 1,000 points; returns its path and point count."""
    path = tmp_path / "data" / "big.db"
    store = Store.open(path)
    filler = "Progress on the apprenticeship offer was reported in detail. " * 8
    for n in range(40):
        meeting = Meeting(series="Board", title=f"Meeting {n}", date=dt.date(2024, 1, 1) + dt.timedelta(n))
        meeting.sections["overview"] = [Bullet(f"{n}.{k} {filler}") for k in range(500)]
        points = [Point(f"{n}.{k} {filler}") for k in range(499)] + [Point(LAST_POINT)]
        meeting.round_robin = [Turn("Chair", points)]
        store.add_meeting(meeting)
    store.close()
    return path, 40 * 1000


def _spawn(db: Path, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "minutes_tui", "--db", str(db), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _kill_loop(run, check, timings: list[float]) -> dict[str, int]:
    """Start ``run(i)`` KILLS times, kill -9 it after a delay; ``check(i)`` judges the final name."""
    tally = {"tries": 0, "killed": 0, "complete": 0, "absent": 0, "losses": 0}
    rng = random.Random(SEED)
    for i in range(KILLS):
        process = run(i)
        time.sleep(rng.uniform(0.05, max(timings) * 1.5))
        finished = process.poll() is not None
        if not finished:
            os.kill(process.pid, signal.SIGKILL)
            tally["killed"] += 1
        process.wait()
        tally["tries"] += 1
        verdict = check(i)
        tally[verdict] += 1
    return tally


def _timed(process: subprocess.Popen) -> float:
    started = time.monotonic()
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    return time.monotonic() - started


def test_kill_9_during_backup_leaves_nothing_partial(big_db, tmp_path, capsys):
    db, points = big_db
    out = tmp_path / "backups"
    out.mkdir()
    timings = [_timed(_spawn(db, "backup", str(out / "warmup.db")))]

    def check(i: int) -> str:
        target = out / f"copy-{i}.db"
        if not target.exists():
            return "absent"
        conn = sqlite3.connect(f"{target.as_uri()}?mode=ro", uri=True)
        try:
            ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            meetings = conn.execute("SELECT count(*) FROM meetings").fetchone()[0]
            held = conn.execute(
                "SELECT (SELECT count(*) FROM bullets) + (SELECT count(*) FROM points)"
            ).fetchone()[0]
        except sqlite3.Error:
            ok, meetings, held = False, 0, 0
        finally:
            conn.close()
        return "complete" if ok and meetings == 40 and held == points else "losses"

    tally = _kill_loop(lambda i: _spawn(db, "backup", str(out / f"copy-{i}.db")), check, timings)
    with capsys.disabled():
        print(f"\nbackup kill loop (backup took {timings[0]:.2f}s): {tally}")
    assert tally["losses"] == 0, tally
    assert tally["killed"] > 0, tally
    _timed(_spawn(db, "backup", str(out / "final.db")))
    assert [p.name for p in out.iterdir() if p.name.startswith(".minutes-")] == []


def test_kill_9_during_export_leaves_nothing_partial(big_db, tmp_path, capsys):
    db, _ = big_db
    out = tmp_path / "exports"
    timings = [_timed(_spawn(db, "export", "40", "-o", str(out / "warmup.docx")))]

    def check(i: int) -> str:
        target = out / f"minutes-{i}.docx"
        if not target.exists():
            return "absent"
        try:
            texts = [p.text for p in docx.Document(str(target)).paragraphs if p.text.strip()]
        except Exception:
            return "losses"
        return "complete" if LAST_POINT in texts else "losses"

    tally = _kill_loop(
        lambda i: _spawn(db, "export", "40", "-o", str(out / f"minutes-{i}.docx")), check, timings
    )
    with capsys.disabled():
        print(f"\nexport kill loop (export took {timings[0]:.2f}s): {tally}")
    assert tally["losses"] == 0, tally
    assert tally["killed"] > 0, tally
    _timed(_spawn(db, "export", "40", "-o", str(out / "final.docx")))
    assert [p.name for p in out.iterdir() if p.name.startswith(".minutes-")] == []
