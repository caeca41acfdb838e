"""Time to open the action log with 5,000 actions across 500 meetings (run by hand).

    python bench/bench_actions.py [--meetings 500] [--actions-per-meeting 10] [--runs 20]

Reports p50/p99 of: opening the store and loading the whole log (the CLI's
`minutes actions`), the overdue filter, and, when the app's action log screen
exists, starting the app on that screen to its first frame. Target: under 300 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import tempfile
import time
from pathlib import Path

from minutes_tui.model import Action, Attendee
from minutes_tui.store import Store


def build(path: Path, meetings: int, per_meeting: int) -> None:
    rng = random.Random(7)
    store = Store.open(path)
    owners = [f"Officer {n}" for n in range(40)]
    start = dt.date(2015, 1, 1)
    with store.db.atomic():
        for n in range(meetings):
            m = store.create_meeting(
                series=f"Series {n % 12}", title=f"Meeting {n}", date=start + dt.timedelta(days=7 * n)
            )
            store.add_attendee(m.id, Attendee("Chair", "Council"))
            for k in range(per_meeting):
                due = m.date + dt.timedelta(days=rng.randint(7, 90))
                status = rng.choice(["open", "done", "done", "on_hold", "dropped"])
                store.add_action(
                    m.id, Action(f"Action {k} of meeting {n}: follow up", rng.choice(owners), due, status)
                )
    store.close()


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def timed(fn, runs: int) -> tuple[float, float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return percentile(times, 0.5), percentile(times, 0.99)


def open_and_list(path: Path, **filters) -> int:
    store = Store.open(path)
    try:
        return len(store.list_actions(**filters))
    finally:
        store.close()


def app_first_frame(path: Path) -> tuple[float, float] | None:
    """Milliseconds from starting the app to its first frame, and from opening the
    action log screen to the log's first frame (None if the screen does not exist)."""
    try:
        from minutes_tui.tui.app import make_app
        from minutes_tui.tui.screens.action_log import ActionLogScreen
    except ImportError:
        return None

    async def run() -> tuple[float, float]:
        start = time.perf_counter()
        store = Store.open(path)
        app = make_app(store)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            started = time.perf_counter()
            await app.push_screen(ActionLogScreen(store))
            await pilot.pause()
            shown = time.perf_counter()
        store.close()
        return (started - start) * 1000, (shown - started) * 1000

    return asyncio.run(run())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=500)
    parser.add_argument("--actions-per-meeting", type=int, default=10)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "actions.db"
        build(path, args.meetings, args.actions_per_meeting)
        total = open_and_list(path)
        p50, p99 = timed(lambda: open_and_list(path), args.runs)
        print(f"{total} actions in {args.meetings} meetings")
        print(f"open store + whole action log: p50 {p50:.1f} ms, p99 {p99:.1f} ms")
        p50, p99 = timed(lambda: open_and_list(path, overdue=True), args.runs)
        print(f"open store + overdue filter:   p50 {p50:.1f} ms, p99 {p99:.1f} ms")
        frames = [app_first_frame(path) for _ in range(min(args.runs, 10))]
        if frames[0] is None:
            print("app action log screen: not built yet")
            return
        starts, logs = [f[0] for f in frames], [f[1] for f in frames]
        print(
            f"app start to first frame (headless): p50 {percentile(starts, 0.5):.0f} ms, max {max(starts):.0f} ms"
        )
        print(
            f"action log key to its first frame:   p50 {percentile(logs, 0.5):.0f} ms, "
            f"max {max(logs):.0f} ms ({len(frames)} runs)"
        )


if __name__ == "__main__":
    main()
