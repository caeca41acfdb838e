"""Two at once: separate OS processes writing one database through the Store and the CLI.

Every edit a process saw succeed must be in the database afterwards, seen by the
other process on reload (on its still-open connection) and by a fresh one; no
process may see an error. The workers are ``tests/fault_worker.py``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.db import integrity
from support.fault_worker import check_sees, wait_for
from support.samples import full_meeting, without_history

from minutes_tui.interchange import meeting_to_dict
from minutes_tui.store import Store

WORKER = Path(__file__).parent / "support" / "fault_worker.py"


def start_worker(db: Path, name: str, shared: int, edits: int, folder: Path, other: str | None = None):
    args = [sys.executable, str(WORKER), str(db), name, str(shared), str(edits), str(folder)]
    return subprocess.Popen(
        [*args, *([other] if other else [])], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def finish(process: subprocess.Popen, timeout: float = 120) -> None:
    out, err = process.communicate(timeout=timeout)
    assert process.returncode == 0, err.decode(errors="replace")
    assert err == b"", err.decode(errors="replace")


@pytest.fixture
def shared_db(tmp_path) -> tuple[Path, int]:
    db = tmp_path / "shared.db"
    store = Store.open(db)
    shared = store.create_meeting(series="Skills Board", title="Shared meeting").id
    store.close()
    return db, shared


def run_writers(db: Path, shared: int, folder: Path, names: list[str], edits: int) -> list[dict]:
    """Start one worker per name, let them go at once, and return their journals."""
    others = names[1:] + names[:1]
    workers = [start_worker(db, n, shared, edits, folder, o) for n, o in zip(names, others)]
    for name in names:
        wait_for(folder / f"{name}.ready")
    (folder / "go").touch()
    for worker in workers:
        finish(worker)
    return [json.loads((folder / f"{n}.json").read_text()) for n in names]


def test_two_processes_interleaving_edits_lose_nothing(shared_db, tmp_path):
    db, shared = shared_db
    journals = run_writers(db, shared, tmp_path, ["a", "b"], edits=150)
    store = Store.open(db)
    for journal in journals:
        check_sees(store, shared, journal)
    overview = store.get_meeting(shared).sections["overview"]
    assert len(overview) == sum(len(j["bullets"]) for j in journals)
    # The two really ran at the same time: their bullets alternate in the order saved.
    owners = [
        ("a" if str(b.id) in journals[0]["bullets"] else "b") for b in sorted(overview, key=lambda b: b.id)
    ]
    switches = sum(1 for x, y in zip(owners, owners[1:]) if x != y)
    assert switches >= 2, f"the workers did not interleave: {''.join(owners)}"
    store.close()
    assert integrity(db) == "ok"


@pytest.mark.slow
def test_four_processes_many_edits_lose_nothing(shared_db, tmp_path):
    db, shared = shared_db
    journals = run_writers(db, shared, tmp_path, ["a", "b", "c", "d"], edits=400)
    store = Store.open(db)
    for journal in journals:
        check_sees(store, shared, journal)
    store.close()
    assert integrity(db) == "ok"


def cli(db: Path, *args: str, timeout: float = 60) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "minutes_tui", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_cli_import_export_actions_while_another_process_writes(shared_db, tmp_path):
    db, shared = shared_db
    source = tmp_path / "meeting.json"
    source.write_text(json.dumps(meeting_to_dict(full_meeting())), encoding="utf-8")
    writer = start_worker(db, "a", shared, 400, tmp_path)
    wait_for(tmp_path / "a.ready")
    (tmp_path / "go").touch()
    imported = []
    rounds = 0
    try:
        while writer.poll() is None or rounds < 2:
            rounds += 1
            done = cli(db, "import", str(source), "--force")  # the same meeting again, on purpose
            assert (done.returncode, done.stderr) == (0, ""), done.stderr
            imported.append(int(done.stdout))
            for args in (
                ["export", str(imported[-1]), "--format", "json", "-o", str(tmp_path / f"out{rounds}.json")],
                ["export", str(shared), "--format", "md", "-o", str(tmp_path / f"out{rounds}.md")],
                ["actions", "--format", "csv", "-o", str(tmp_path / f"out{rounds}.csv")],
                ["list"],
            ):
                done = cli(db, *args)
                assert (done.returncode, done.stderr) == (0, ""), f"{args}: {done.stderr}"
            exported = json.loads((tmp_path / f"out{rounds}.json").read_text(encoding="utf-8"))
            assert without_history(exported) == meeting_to_dict(full_meeting())
    finally:
        finish(writer)
    store = Store.open(db)
    check_sees(store, shared, json.loads((tmp_path / "a.json").read_text()))
    for meeting_id in imported:
        assert without_history(meeting_to_dict(store.get_meeting(meeting_id))) == meeting_to_dict(
            full_meeting()
        )
    store.close()
    assert integrity(db) == "ok"


OPEN_AND_ADD = """
import sys, time
from pathlib import Path
from minutes_tui.store import Store
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.002)
store = Store.open(sys.argv[1])
print(store.create_meeting(title=sys.argv[3]).id)
"""


def test_several_processes_creating_the_same_new_database(tmp_path):
    db = tmp_path / "new" / "minutes.db"
    go = tmp_path / "go"
    names = [f"first meeting {n}" for n in range(4)]
    processes = [
        subprocess.Popen(
            [sys.executable, "-c", OPEN_AND_ADD, str(db), str(go), name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for name in names
    ]
    time.sleep(0)  # all start, then all open at once
    go.touch()
    for process in processes:
        finish(process)
    store = Store.open(db)
    assert sorted(m.title for m in store.list_meetings()) == names
    store.close()
    assert integrity(db) == "ok"
