"""Speed of the Word export against pandoc on the same content (run by hand).

    python bench/bench_export.py                  # 1,000 and 10,000 items, 7 runs each
    python bench/bench_export.py --repeat 3       # quicker

A meeting of 1,000 items has 30 attendees, 300 round-robin turns (1 to 3 points
each), 300 actions and 370 bullets spread over the five bulleted sections; 10,000
items is the same times ten. For each size, side by side in one run:

- minutes: ``export_meeting(meeting, "docx", path)`` in this process (built-in look,
  the whole export: build, save, move into place);
- pandoc: ``pandoc -f markdown -t docx`` on the same meeting as Markdown (our own
  ``--format md`` output, written once beforehand), as a subprocess.

Reported: best and median wall time of the runs, and minutes/pandoc as a ratio of
medians (target: below 1.0 at 1,000 items). Also the one-off cost of starting
Python and importing the exporters, which a ``minutes export`` command adds and the
in-app export key does not.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from minutes_tui.export import export_meeting
from minutes_tui.export.markdown import render_markdown
from minutes_tui.model import Action, Attendee, Bullet, Meeting, Point, Turn

ORGS = ["Cogent SSC", "LSC", "Business Link", "JCP", "ChemiCol", "NWDA", "DWP", "City Council", "FE College"]
PHRASES = [
    "Level 3 trial has 24 apprentices in year one",
    "Train to Gain budget is committed until August",
    "Need a single contact for employers",
    "Growth areas: process operators, maintenance and laboratory technicians",
    "Providers to share one employer contact list before the next meeting",
    "Look at the Humber approach to work trials and report back to the board",
]
SECTIONS = ("overview", "purpose", "agreed", "comments", "next_steps")


def meeting_of(scale: float) -> Meeting:
    """A meeting of ``1000 * scale`` items (see the module docstring); ``scale`` may be a
    fraction (0.1 is 100 items: 3 attendees, 30 turns, 30 actions, 37 bullets)."""

    def count(per_thousand: int) -> int:
        return round(per_thousand * scale)

    def phrase(n: int) -> str:
        return f"{PHRASES[n % len(PHRASES)]} ({n})"

    attendees = [
        Attendee(f"Person {n}", ORGS[n % len(ORGS)], attendance=("present", "apologies")[n % 7 == 0])
        for n in range(count(30))
    ]
    turns = [
        Turn(ORGS[n % len(ORGS)], [Point(phrase(n + k)) for k in range(1 + n % 3)]) for n in range(count(300))
    ]
    actions = [
        Action(
            phrase(n), f"Person {n % 30}", dt.date(2025, 1 + n % 12, 1 + n % 28), ("open", "done")[n % 4 == 0]
        )
        for n in range(count(300))
    ]
    sections: dict[str, list[Bullet]] = {name: [] for name in SECTIONS}
    for n in range(count(370)):
        sections[SECTIONS[n % len(SECTIONS)]].append(Bullet(phrase(n)))
    return Meeting(
        series="North West Chemicals Skills Alliance",
        title=f"Benchmark meeting ({round(1000 * scale):,} items)",
        date=dt.date(2025, 3, 14),
        place="Runcorn",
        minute_taker="Sam Lee",
        next_meeting=dt.date(2025, 6, 12),
        attendees=attendees,
        sections=sections,
        round_robin=turns,
        actions=actions,
    )


def timed(run: Callable[[], object], repeat: int) -> list[float]:
    run()  # warm up: imports, page cache, pandoc's binary
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return times


def compare(scale: int, repeat: int, folder: Path) -> tuple[list[float], list[float] | None]:
    meeting = meeting_of(scale)
    docx_path = folder / f"minutes-{scale}.docx"
    md_path = folder / f"minutes-{scale}.md"
    md_path.write_text(render_markdown(meeting), encoding="utf-8")
    ours = timed(lambda: export_meeting(meeting, "docx", docx_path, overwrite=True, template=None), repeat)
    pandoc = None
    if shutil.which("pandoc"):
        command = [
            "pandoc",
            "-f",
            "markdown",
            "-t",
            "docx",
            "-o",
            str(folder / f"pandoc-{scale}.docx"),
            str(md_path),
        ]
        pandoc = timed(lambda: subprocess.run(command, check=True), repeat)
    return ours, pandoc


def line(label: str, times: list[float]) -> str:
    return f"  {label:<8} best {min(times) * 1000:8.1f} ms   median {statistics.median(times) * 1000:8.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per measurement (default 7)")
    parser.add_argument(
        "--scales", type=int, nargs="+", default=[1, 10], help="thousands of items (default 1 10)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="minutes-bench-export-") as tmp:
        for scale in args.scales:
            ours, pandoc = compare(scale, args.repeat, Path(tmp))
            print(f"{1000 * scale:,} items ({args.repeat} runs):")
            print(line("minutes", ours))
            if pandoc:
                print(line("pandoc", pandoc))
                ratio = statistics.median(ours) / statistics.median(pandoc)
                print(f"  ratio    {ratio:.2f} (minutes / pandoc, medians; target below 1.0)")
            else:
                print("  pandoc   not installed")
    imports = timed(
        lambda: subprocess.run([sys.executable, "-c", "import minutes_tui.export"], check=True), args.repeat
    )
    print("Starting Python and importing the exporters (a CLI run only):")
    print(line("import", imports))


if __name__ == "__main__":
    main()
