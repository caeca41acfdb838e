"""Typing speed on the meeting screen, and time to first frame. Run by hand:

    python bench/bench_typing.py [--keys 400] [--cases]

1. CPU time (process time) per keystroke typed into the round robin's point
   field (Pilot, headless, 100x30) for an empty meeting and for one with 2,000
   turns holding 4,000 points (and 2,000 agreed points and 200 attendees), and
   the ratio. The target is at most 1.3x. Also the CPU time per point saved (Enter).
   With ``--cases``: instead, CPU per key at typing pace (a save every 3 keys) and per
   Enter with 2,000 attendees, one turn of 2,000 points and a 50,000-character point
   open, against the empty meeting (targets: 1.3x a key, 1.5x an Enter). The cases
   take turns (``--runs`` rounds, each in a new order) and the table gives medians;
   ``--json`` prints them as JSON instead (bench/run.py's typing rows), and
   ``--attendees/--points/--chars`` make smaller cases for a quick run.
2. Wall time from starting ``minutes`` (``python -m minutes_tui``) in a
   pseudo-terminal to its first frame, against a bare Textual app that exits on
   mount (median of several runs).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import pty
import select
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from minutes_tui.model import Attendee, Meeting, Point, Turn
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


@dataclass(frozen=True)
class Scale:
    """How big the cases are: attendees, points in the one turn, characters in the open point."""

    attendees: int = 2000
    points: int = 2000
    chars: int = 50_000


def build_case(store: Store, case: str, scale: Scale = Scale()) -> tuple[int, str, int | None]:
    """A new meeting for ``case`` (saved in one go): (its id, the section typed in, a point to
    open for editing)."""
    if case == "attendees":
        people = [Attendee(f"Person {n}", f"Organisation {n}") for n in range(scale.attendees)]
        return store.add_meeting(Meeting(series="Bench", title=case, attendees=people)).id, "attendees", None
    points = {
        "empty": [],
        "long turn": [Point(f"{TEXT}{n}") for n in range(scale.points)],
        "long point": [Point((TEXT * (scale.chars // len(TEXT) + 1))[: scale.chars])],
    }[case]
    meeting = Meeting(
        series="Bench",
        title=case,
        attendees=[Attendee("Priya", "Cogent")],
        round_robin=[Turn("Cogent", points)] if points else [],
    )
    saved = store.add_meeting(meeting)
    point = saved.round_robin[0].points[0].id if case == "long point" else None
    return saved.id, "round_robin", point


async def measure_case(
    store: Store, meeting_id: int, section: str, point: int | None, keys: int, enters: int = 20
):
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
        start = time.process_time()
        for _ in range(enters):
            await pilot.press("x", "enter")
        await pilot.pause()
        per_enter = (time.process_time() - start) * 1000 / enters - per_key
    return per_key, per_enter


CASES = ("empty", "attendees", "long turn", "long point")
CASE_LABELS = {
    "empty": "empty meeting (round robin)",
    "attendees": "{attendees:,} attendees (attendees)",
    "long turn": "one turn of {points:,} points",
    "long point": "a {chars:,}-character point open",
}
#: Per key at most this many times the empty meeting's, per Enter at most this many.
KEY_TARGET, ENTER_TARGET = 1.3, 1.5


def run_cases(
    store: Store, keys: int, runs: int, scale: Scale = Scale(), enters: int = 20
) -> dict[str, dict[str, list[float]]]:
    """CPU ms per key and per Enter in each case, ``runs`` times: the cases take turns, each
    round in a new order (after one untimed run of the empty meeting), so a busy spell of
    the machine falls on all of them alike."""
    asyncio.run(measure_case(store, *build_case(store, "empty", scale), keys, enters))
    results: dict[str, dict[str, list[float]]] = {case: {"key": [], "enter": []} for case in CASES}
    for n in range(runs):
        for case in CASES[n % len(CASES) :] + CASES[: n % len(CASES)]:
            # A new meeting each time: typing and Enter add to the one typed in.
            key, enter = asyncio.run(measure_case(store, *build_case(store, case, scale), keys, enters))
            results[case]["key"].append(key)
            if enter == enter:  # not NaN: the case has an Enter
                results[case]["enter"].append(enter)
    return results


def label(case: str, scale: Scale) -> str:
    return CASE_LABELS[case].format(attendees=scale.attendees, points=scale.points, chars=scale.chars)


def print_cases(results: dict[str, dict[str, list[float]]], scale: Scale, runs: int) -> None:
    """The medians of each case, and their ratios to the empty meeting's."""
    base_key = statistics.median(results["empty"]["key"])
    base_enter = statistics.median(results["empty"]["enter"])
    print(f"medians of {runs} runs, the cases taking turns (CPU time)")
    print(f"{'case':<34}{'ms/key':>8}{'ratio':>8}{'ms/Enter':>10}{'ratio':>8}")
    for case, times in results.items():
        key = statistics.median(times["key"])
        enter = statistics.median(times["enter"]) if times["enter"] else None
        enter_text = "" if enter is None else f"{enter:10.2f}{enter / base_enter:7.2f}x"
        print(f"{label(case, scale):<34}{key:8.2f}{key / base_key:7.2f}x{enter_text}")
    print(f"targets: a key at most {KEY_TARGET}x the empty meeting, Enter at most {ENTER_TARGET}x")


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
    parser.add_argument(
        "--runs", type=int, default=5, help="startups to time, or rounds of the cases (default 5)"
    )
    parser.add_argument(
        "--cases", action="store_true", help="only the cases at typing pace (2,000 attendees, ...)"
    )
    parser.add_argument("--enters", type=int, default=20, help="with --cases: Enters to time (default 20)")
    parser.add_argument("--json", action="store_true", help="with --cases: print the times as JSON")
    parser.add_argument("--attendees", type=int, default=Scale.attendees, help="with --cases (default 2000)")
    parser.add_argument("--points", type=int, default=Scale.points, help="with --cases (default 2000)")
    parser.add_argument("--chars", type=int, default=Scale.chars, help="with --cases (default 50000)")
    args = parser.parse_args()
    if args.cases:
        scale = Scale(args.attendees, args.points, args.chars)
        with tempfile.TemporaryDirectory() as tmp:
            store = Store.open(Path(tmp) / "cases.db")
            results = run_cases(store, args.keys, args.runs, scale, args.enters)
            store.close()
        if args.json:
            print(
                json.dumps({case: {"label": label(case, scale), **times} for case, times in results.items()})
            )
        else:
            print_cases(results, scale, args.runs)
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
