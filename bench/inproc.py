"""In-process timings that bench/run.py runs in a fresh subprocess (imports once, then times).

    python bench/inproc.py export DB RUNS FOLDER   # export_meeting of the loaded meeting, Word
    python bench/inproc.py load DB RUNS            # Store.get_meeting
    python bench/inproc.py search DB RUNS          # every query shape of bench_archive.py

Prints one line of JSON: a list of milliseconds, or for ``search`` a dict of them by
query shape. ``DB`` is a work copy (opening it may upgrade it).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from minutes_tui.export import export_meeting
from minutes_tui.model import Meeting
from minutes_tui.store import Store

#: Elapsed time, or this process's CPU time with bench/run.py --clock cpu.
CLOCK = time.process_time if os.environ.get("MINUTES_BENCH_CLOCK") == "cpu" else time.perf_counter


def times(fn, runs: int) -> list[float]:
    """Milliseconds of each of ``runs`` calls of ``fn``; what a call returns is freed after
    its clock stops (freeing a loaded meeting is its caller's work, not the load's)."""
    result = []
    for _ in range(runs):
        started = CLOCK()
        value = fn()
        result.append((CLOCK() - started) * 1000)
        del value
    return result


def only_meeting(store: Store) -> int:
    return store.list_meetings(limit=1)[0].id


def export(store: Store, runs: int, folder: Path) -> list[float]:
    meeting = store.get_meeting(only_meeting(store))
    # Warm up on an empty meeting: first-use costs (template, styles) without a second big export.
    export_meeting(Meeting(title="Warm-up"), "docx", folder / "warm-up.docx", overwrite=True, template=None)
    path = folder / "minutes.docx"
    return times(lambda: export_meeting(meeting, "docx", path, overwrite=True, template=None), runs)


def load(store: Store, runs: int) -> list[float]:
    meeting_id = only_meeting(store)
    store.get_meeting(meeting_id)
    return times(lambda: store.get_meeting(meeting_id), runs)


def search(store: Store, runs: int) -> dict[str, list[float]]:
    from bench_archive import query_shapes

    result = {}
    for name, fn in query_shapes(store).items():
        for _ in range(3):
            fn()
        result[name] = times(fn, runs)
    return result


def main(argv: list[str]) -> None:
    what, db, runs = argv[0], Path(argv[1]), int(argv[2])
    store = Store.open(db, create_folder=False)
    try:
        if what == "export":
            result: object = export(store, runs, Path(argv[3]))
        elif what == "load":
            result = load(store, runs)
        elif what == "search":
            result = search(store, runs)
        else:
            raise SystemExit(f"unknown measurement {what!r}")
    finally:
        store.close()
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
