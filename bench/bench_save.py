"""Per-edit save latency of the store on a file database (run by hand).

    python bench/bench_save.py [--edits 10000] [--db PATH]

Each edit is what the app sends while someone types: mostly an update of the
point being typed, sometimes a new point, a new turn, a bullet or a header field.
Every edit is its own transaction (WAL, synchronous=FULL), as in the app.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from minutes_tui.model import Attendee
from minutes_tui.store import Store


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def run(edits: int, path: Path) -> dict[str, float]:
    store = Store.open(path)
    meeting = store.create_meeting(series="Bench", title="Save latency")
    for n in range(10):
        store.add_attendee(meeting.id, Attendee(f"Person {n}", f"Org {n}"))
    turn = store.add_turn(meeting.id, "Org 0")
    point = store.add_point(turn.id, "")
    timings: list[float] = []
    text = ""
    for n in range(edits):
        text += "abcdefghij"[n % 10]
        start = time.perf_counter()
        if n % 500 == 499:
            turn = store.add_turn(meeting.id, f"Org {n % 10}")
            point = store.add_point(turn.id, "")
            text = ""
        elif n % 50 == 49:
            point = store.add_point(turn.id, "")
            text = ""
        elif n % 97 == 0:
            store.add_bullet(meeting.id, "comments", f"comment {n}")
        elif n % 211 == 0:
            store.update_meeting(meeting.id, place=f"Room {n}")
        else:
            store.update_point(point.id, text)
        timings.append((time.perf_counter() - start) * 1000)
    store.close()
    return {
        "edits": edits,
        "p50_ms": percentile(timings, 0.50),
        "p99_ms": percentile(timings, 0.99),
        "max_ms": max(timings),
        "mean_ms": statistics.fmean(timings),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=10_000)
    parser.add_argument("--db", type=Path, help="database file (default: a new temporary one)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = args.db or Path(folder) / "bench.db"
        result = run(args.edits, path)
    print(
        f"{result['edits']} edits on a file database: p50 {result['p50_ms']:.3f} ms, "
        f"p99 {result['p99_ms']:.3f} ms, max {result['max_ms']:.2f} ms, mean {result['mean_ms']:.3f} ms"
    )


if __name__ == "__main__":
    main()
