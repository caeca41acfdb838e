"""A second process for the concurrency tests: edits a database through the Store.

Run as ``python fault_worker.py DB NAME SHARED_ID EDITS FOLDER [OTHER]``. It opens the
store, touches ``FOLDER/NAME.ready``, waits for ``FOLDER/go``, then makes ``EDITS`` edits, interleaved with whoever else is running:
bullets and round-robin points in the shared meeting, header fields of it, and a
meeting of its own with actions. Every edit that returned is written to
``FOLDER/NAME.json``; then, if ``OTHER`` is given, it waits for ``FOLDER/OTHER.json``
and checks, on its own still-open store, that every edit of the other is there.

Any exception is a failure: it is printed to stderr and the exit code is 1.
"""

from __future__ import annotations

import json
import random
import sys
import time
from pathlib import Path

from minutes_tui.model import Action
from minutes_tui.store import Store

#: The header field of the shared meeting each worker edits.
FIELDS = {"a": "place", "b": "chair", "c": "time", "d": "minute_taker"}


def wait_for(path: Path, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{path} did not appear within {timeout} s")
        time.sleep(0.005)


def run(db: str, name: str, shared_id: int, edits: int, folder: Path, other: str | None) -> None:
    rng = random.Random(name)
    store = Store.open(db)
    (folder / f"{name}.ready").touch()
    wait_for(folder / "go")
    own = store.create_meeting(series=f"Series {name}", title=f"Own meeting of {name}")
    bullets: dict[int, str] = {}  # bullet id -> its latest text (in the shared meeting)
    points: list[int] = []
    actions: dict[int, str] = {}
    turn = store.add_turn(shared_id, f"Speaker {name}")
    header = {FIELDS.get(name, "place"): ""}
    for n in range(edits):
        time.sleep(rng.random() * 0.003)  # a typist's pause, which lets the other process in
        choice = rng.random()
        if choice < 0.35 or not bullets:
            bullet = store.add_bullet(shared_id, "overview", f"{name} bullet {n}")
            bullets[bullet.id] = bullet.text
        elif choice < 0.5:
            bullet_id = rng.choice(list(bullets))
            bullets[bullet_id] = store.update_bullet(bullet_id, f"{name} edited {n}").text
        elif choice < 0.7:
            points.append(store.add_point(turn.id, f"{name} point {n}").id)
        elif choice < 0.85:
            field = next(iter(header))
            header[field] = getattr(store.update_meeting(shared_id, **{field: f"{name} {n}"}), field)
        else:
            action = store.add_action(own.id, Action(f"{name} action {n}", owner=name))
            actions[action.id] = action.text
    journal = {
        "own": own.id,
        "turn": turn.id,
        "bullets": bullets,
        "points": points,
        "actions": actions,
        "header": header,
    }
    tmp = folder / f"{name}.json.tmp"
    tmp.write_text(json.dumps(journal))
    tmp.rename(folder / f"{name}.json")
    if other:
        wait_for(folder / f"{other}.json")
        theirs = json.loads((folder / f"{other}.json").read_text())
        check_sees(store, shared_id, theirs)
    store.close()


def check_sees(store: Store, shared_id: int, journal: dict) -> None:
    """Raise AssertionError unless ``store`` shows every edit in ``journal``."""
    shared = store.get_meeting(shared_id)
    texts = {b.id: b.text for b in shared.sections["overview"]}
    for bullet_id, text in journal["bullets"].items():
        assert texts.get(int(bullet_id)) == text, (
            f"bullet {bullet_id}: {texts.get(int(bullet_id))!r} != {text!r}"
        )
    turn = next(t for t in shared.round_robin if t.id == journal["turn"])
    assert [p.id for p in turn.points] == journal["points"]
    own = store.get_meeting(journal["own"])
    assert {a.id: a.text for a in own.actions} == {int(k): v for k, v in journal["actions"].items()}
    for field, value in journal["header"].items():
        if value:
            assert getattr(shared, field) == value, f"{field}: {getattr(shared, field)!r} != {value!r}"


if __name__ == "__main__":
    db, name, shared, count, folder = sys.argv[1:6]
    run(db, name, int(shared), int(count), Path(folder), sys.argv[6] if len(sys.argv) > 6 else None)
