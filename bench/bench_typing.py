"""Typing speed on the meeting screen, and time to first frame. Run by hand:

    python bench/bench_typing.py [--keys 400] [--cases]

1. CPU time (process time) per keystroke typed into the round robin's point
   field (Pilot, headless, 100x30) for an empty meeting and for one with 2,000
   turns holding 4,000 points (and 2,000 agreed points and 200 attendees), and
   the ratio. The target is at most 1.3x. Also the CPU time per point saved (Enter).
   With ``--cases``: instead, CPU per key at typing pace (a save every 3 keys) and per
   Enter with 2,000 attendees, one turn of 2,000 points and a 50,000-character point
   open, against the empty meeting (targets: 1.3x a key, 1.5x an Enter).
2. Wall time from starting ``minutes`` (``python -m minutes_tui``) in a
   pseudo-terminal to its first frame, against a bare Textual app that exits on
   mount (median of several runs).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from minutes_tui.model import Attendee
from minutes_tui.store import Store
from minutes_tui.tui.app import make_app
from minutes_tui.tui.screens.meeting import MeetingScreen

TEXT = "The employer offer needs a single contact and a clear timetable for the trial. "


def build(store: Store, big: bool) -> int:
    meeting = store.create_meeting(series="Bench", title="Big" if big else "Empty")
    if big:
        for n in range(200):
            store.add_attendee(meeting.id, Attendee(f"Person {n}", f"Organisation {n}"))
        for n in range(2000):
            store.add_turn(meeting.id, f"Organisation {n % 200}", points=[f"{TEXT}{n}a", f"{TEXT}{n}b"])
            store.add_bullet(meeting.id, "agreed", f"{TEXT}{n}")
    return meeting.id


async def measure_typing(store: Store, meeting_id: int, keys: int) -> tuple[float, float, int]:
    """(CPU ms per key, CPU ms per Enter, rows in the round robin list)."""
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(MeetingScreen(meeting_id, section="round_robin"))
        await pilot.pause()
        rows = len(app.screen.query_one("#l-round_robin").rows)
        text = (TEXT * (keys // len(TEXT) + 1))[:keys]
        for char in text[:20]:  # warm up
            await pilot.press(char)
        await pilot.press("enter")
        await pilot.pause()
        start = time.process_time()
        for char in text:
            await pilot.press(char)
        await pilot.pause()
        per_key = (time.process_time() - start) * 1000 / len(text)
        enters = 20
        start = time.process_time()
        for _ in range(enters):
            await pilot.press("x", "enter")
        await pilot.pause()
        per_enter = (time.process_time() - start) * 1000 / enters - per_key
    return per_key, per_enter, rows


def build_case(store: Store, case: str) -> tuple[int, str, int | None]:
    """A meeting for ``case``: (its id, the section typed in, a point to open for editing)."""
    meeting = store.create_meeting(series="Bench", title=case)
    if case == "attendees":
        for n in range(2000):
            store.add_attendee(meeting.id, Attendee(f"Person {n}", f"Organisation {n}"))
        return meeting.id, "attendees", None
    store.add_attendee(meeting.id, Attendee("Priya", "Cogent"))
    if case == "long turn":
        store.add_turn(meeting.id, "Cogent", points=[f"{TEXT}{n}" for n in range(2000)])
    if case == "long point":
        turn = store.add_turn(meeting.id, "Cogent", points=[(TEXT * 700)[:50_000]])
        return meeting.id, "round_robin", turn.points[0].id
    return meeting.id, "round_robin", None


async def measure_case(store: Store, meeting_id: int, section: str, point: int | None, keys: int):
    """(CPU ms per key with a save every 3 keys, CPU ms per Enter) typing in ``section``."""
    app = make_app(store)
    async with app.run_test(size=(100, 30)) as pilot:
        await app.push_screen(MeetingScreen(meeting_id, section=section))
        await pilot.pause()
        screen = app.screen
        if point is not None:  # the point is open in the entry, its cursor at the end
            await pilot.press("up", "enter", "end")  # into the list, Enter on the point
            await pilot.pause()
        text = (TEXT * (keys // len(TEXT) + 1))[:keys]
        for char in text[:9]:  # warm up
            await pilot.press(char)
        screen.flush()
        await pilot.pause()
        start = time.process_time()
        for n, char in enumerate(text, 1):
            await pilot.press(char)
            if n % 3 == 0:
                screen.flush()  # typing pace: the debounce saves about every third key
        await pilot.pause()
        per_key = (time.process_time() - start) * 1000 / len(text)
        if point is not None:
            return per_key, float("nan")
        enters = 20
        start = time.process_time()
        for _ in range(enters):
            await pilot.press("x", "enter")
        await pilot.pause()
        per_enter = (time.process_time() - start) * 1000 / enters - per_key
    return per_key, per_enter


CASES = ("empty", "attendees", "long turn", "long point")
CASE_LABELS = {
    "empty": "empty meeting (round robin)",
    "attendees": "2,000 attendees (attendees)",
    "long turn": "one turn of 2,000 points",
    "long point": "a 50,000-character point open",
}


def run_cases(store: Store, keys: int) -> None:
    """Typing at typing pace in each case, against the empty meeting."""
    results = {}
    for case in CASES:
        meeting_id, section, point = build_case(store, case)
        results[case] = asyncio.run(measure_case(store, meeting_id, section, point, keys))
    base_key, base_enter = results["empty"]
    print(f"{'case':<34}{'ms/key':>8}{'ratio':>8}{'ms/Enter':>10}{'ratio':>8}")
    for case, (key, enter) in results.items():
        enter_text = "" if enter != enter else f"{enter:10.2f}{enter / base_enter:7.2f}x"
        print(f"{CASE_LABELS[case]:<34}{key:8.2f}{key / base_key:7.2f}x{enter_text}")
    print("targets: a key at most 1.3x the empty meeting, Enter at most 1.5x")


def time_to_output(argv: list[str], marker: bytes | None, timeout: float = 30.0) -> float:
    """Seconds from spawn until ``marker`` appears on the terminal (or, with None, until exit)."""
    master, slave = pty.openpty()
    os.set_blocking(master, False)
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    seen = b""
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([master], [], [], 0.01)
            if ready:
                with contextlib.suppress(OSError):
                    seen += os.read(master, 65536)
            if marker is not None and marker in seen:
                return time.perf_counter() - start
            if marker is None and proc.poll() is not None:
                return time.perf_counter() - start
        raise RuntimeError(f"timed out; saw {seen[-300:]!r}")
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        os.close(master)


BARE = """
from textual.app import App
class Bare(App):
    def on_mount(self):
        self.exit()
Bare().run()
"""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--keys", type=int, default=400, help="keystrokes to time (default 400)")
    parser.add_argument("--runs", type=int, default=5, help="startups to time (default 5)")
    parser.add_argument(
        "--cases", action="store_true", help="only the cases at typing pace (2,000 attendees, ...)"
    )
    args = parser.parse_args()
    if args.cases:
        with tempfile.TemporaryDirectory() as tmp:
            store = Store.open(Path(tmp) / "cases.db")
            run_cases(store, args.keys)
            store.close()
        return

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        store = Store.open(db)
        empty_id = build(store, big=False)
        t = time.perf_counter()
        big_id = build(store, big=True)
        print(f"built the big meeting in {time.perf_counter() - t:.1f} s")
        t = time.perf_counter()
        store.get_meeting(big_id)
        print(f"loading it from SQLite: {(time.perf_counter() - t) * 1000:.0f} ms")

        empty_key, empty_enter, empty_rows = asyncio.run(measure_typing(store, empty_id, args.keys))
        big_key, big_enter, big_rows = asyncio.run(measure_typing(store, big_id, args.keys))
        store.close()
        print()
        print(f"CPU per keystroke, empty meeting      : {empty_key:6.2f} ms  ({empty_rows} rows)")
        print(f"CPU per keystroke, 2,000 turns/4,000 pts: {big_key:6.2f} ms  ({big_rows} rows)")
        print(f"ratio                                 : {big_key / empty_key:6.2f}x  (target <= 1.3x)")
        print(f"CPU per point saved (Enter), empty    : {empty_enter:6.2f} ms")
        print(f"CPU per point saved (Enter), big      : {big_enter:6.2f} ms")

        print()
        minutes_times = []
        for _ in range(args.runs):
            fresh = Path(tmp) / "start.db"
            minutes_times.append(
                time_to_output([sys.executable, "-m", "minutes_tui", "--db", str(fresh)], b"No meetings yet")
            )
        bare_times = [time_to_output([sys.executable, "-c", BARE], None) for _ in range(args.runs)]
        m, b = statistics.median(minutes_times), statistics.median(bare_times)
        print(f"minutes: start to first frame (median of {args.runs}) : {m * 1000:6.0f} ms")
        print(f"bare Textual app, start to exit on mount      : {b * 1000:6.0f} ms")
        print(f"difference                                    : {(m - b) * 1000:+6.0f} ms")


if __name__ == "__main__":
    main()
