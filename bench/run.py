"""Benchmarks as users meet them: whole processes beside a reference, in one table.

    python bench/run.py                                  # full size (issue 14's table)
    python bench/run.py --size small --runs 2            # a smoke run, seconds
    python bench/run.py --size medium --only help,list   # some rows only

Data is built once and cached (see fixtures.py); each pair is run interleaved,
ours then the reference, after one warm-up of each. Times are medians in
milliseconds unless a row says otherwise. bench/README.md says what each row means.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import cast

import timing
from fixtures import Cache, meeting_id, work_copy
from timing import (
    BenchError,
    first_frame,
    interleaved,
    key_to_frame,
    median,
    percentile,
    repeated,
    run_process,
)

HERE = Path(__file__).resolve().parent
CACHE_VAR = "MINUTES_BENCH_CACHE"
#: Text the home screen draws in its first frame (a column heading, the footer).
HOME = ("Series", "Quit")
#: Text the action log draws once its rows are there (its title, an owner).
ACTION_LOG = ("Action log ·", "Officer")
REFERENCE_TEXT = "Reference app ready"
REFERENCE_APP = f'''from textual.app import App
from textual.widgets import Static


class Bare(App):
    def compose(self):
        yield Static("{REFERENCE_TEXT}")


Bare().run()
'''


@dataclass(frozen=True)
class Size:
    meetings: int  # in the database of `minutes list` and the app's first frame
    items: tuple[int, ...]  # the scaling rows' meetings
    export_items: int  # the meeting of the export-vs-pandoc row
    archive: tuple[int, int]  # search: meetings, points
    actions: tuple[int, int]  # action log: meetings, actions per meeting
    runs: int
    search_runs: int
    #: typing (bench_typing.py --cases): attendees, points in one turn, characters in the open
    #: point, keys and Enters timed
    typing: tuple[int, int, int, int, int] = (2000, 2000, 50_000, 400, 20)


SIZES = {
    "small": Size(
        50,
        (100, 200, 400),
        100,
        (50, 5_000),
        (20, 10),
        runs=2,
        search_runs=20,
        typing=(200, 200, 5_000, 12, 3),
    ),
    "medium": Size(1_000, (1_000, 10_000), 1_000, (1_000, 100_000), (500, 10), runs=5, search_runs=50),
    "full": Size(
        10_000, (1_000, 10_000, 100_000), 1_000, (10_000, 1_000_000), (500, 10), runs=5, search_runs=100
    ),
}


@dataclass
class Row:
    """One line of the table. ``ratio`` is ours/reference (or the growth factor)."""

    what: str
    size: str
    ours: float | None = None
    reference: float | None = None
    ratio: float | None = None
    target: str = ""
    passed: bool | None = None
    note: str = ""


def ratio_row(what: str, size: str, ours: list[float], reference: list[float], limit: float) -> Row:
    a, b = median(ours), median(reference)
    return Row(what, size, a, b, a / b, f"≤ {limit:g}×", a / b <= limit)


def ms_row(what: str, size: str, value: float, limit: float, note: str = "") -> Row:
    return Row(what, size, value, target=f"≤ {limit:g} ms", passed=value <= limit, note=note)


def growth_rows(what: str, medians: dict[int, float], unit: str = "items") -> list[Row]:
    """Rows for a measure at growing sizes: each size's median, and its growth over the
    size before (target: at most 1.1 times the growth in size, so ≤ 11× for 10×)."""
    rows, previous = [], None
    for count, value in medians.items():
        row = Row(what, f"{count:,} {unit}", value)
        if previous is not None:
            limit = 1.1 * count / previous[0]
            row.reference, row.ratio = previous[1], value / previous[1]
            row.target, row.passed = f"≤ {limit:g}× (growth)", row.ratio <= limit
        rows.append(row)
        previous = (count, value)
    return rows


class Bench:
    """What every row needs: the size, the data, a work folder, and how to run things."""

    def __init__(self, size: Size, runs: int, cache: Cache, work: Path) -> None:
        self.size, self.runs, self.cache, self.work = size, runs, cache, work
        self.python = sys.executable
        script = Path(sys.executable).parent / "minutes"
        found = str(script) if script.exists() else shutil.which("minutes")
        self.minutes = [found] if found else [self.python, "-m", "minutes_tui"]
        # Installed programs run from bytecode (pip compiles it): never with
        # PYTHONDONTWRITEBYTECODE, which would compile our modules afresh at every start but
        # not the reference's. The warm-ups write it (into minutes_tui/__pycache__).
        environ = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        self.env = {
            **environ,
            "MINUTES_CONFIG": str(work / "no-settings.toml"),
            "MINUTES_DB": str(work / "not-used.db"),
        }
        self.reference_app = work / "reference_app.py"
        self.reference_app.write_text(REFERENCE_APP, encoding="utf-8")

    def process(self, *command: str) -> Callable[[], float]:
        return lambda: run_process(command, self.env)

    def app(self, db: Path) -> Callable[[], float]:
        return lambda: first_frame([*self.minutes, "--db", str(db)], self.env, HOME)

    def bare_app(self) -> float:
        return first_frame([self.python, str(self.reference_app)], self.env, [REFERENCE_TEXT])

    def inproc(self, *args: str) -> object:
        command = [self.python, str(HERE / "inproc.py"), *args]
        # In process, after the imports: bytecode changes nothing, and none goes into bench/.
        env = {**self.env, "PYTHONDONTWRITEBYTECODE": "1"}
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            raise BenchError(f"inproc.py {args[0]} failed: {done.stderr.strip()[-300:]}")
        return json.loads(done.stdout)


# -- the rows, by group -------------------------------------------------------


def help_rows(b: Bench) -> list[Row]:
    ours, ref = interleaved(
        b.process(*b.minutes, "--help"), b.process(b.python, "-c", "import click"), b.runs
    )
    return [ratio_row("`minutes --help` / `python -c 'import click'`", "-", ours, ref, 1.5)]


def list_rows(b: Bench) -> list[Row]:
    count = b.size.meetings
    with (
        work_copy(b.cache.empty_db(), b.work) as empty,
        work_copy(b.cache.meetings_db(count), b.work) as full,
    ):
        listing = b.process(*b.minutes, "--db", str(empty), "list")
        ours, ref = interleaved(listing, b.process(b.python, "-c", "import sqlite_utils"), b.runs)
        rows = [ratio_row("`minutes list`, empty db / `import sqlite_utils`", "0 meetings", ours, ref, 1.3)]
        ours, ref = interleaved(b.process(*b.minutes, "--db", str(full), "list"), listing, b.runs)
        rows.append(
            ratio_row("`minutes list` / itself on an empty db", f"{count:,} meetings", ours, ref, 1.2)
        )
    return rows


def app_rows(b: Bench) -> list[Row]:
    count = b.size.meetings
    rows = []
    with (
        work_copy(b.cache.empty_db(), b.work) as empty,
        work_copy(b.cache.meetings_db(count), b.work) as full,
    ):
        for db, size in ((empty, "0 meetings"), (full, f"{count:,} meetings")):
            ours, ref = interleaved(b.app(db), b.bare_app, b.runs)
            rows.append(ratio_row("app to first frame (pty 100×30) / bare Textual app", size, ours, ref, 1.3))
    return rows


def export_rows(b: Bench) -> list[Row]:
    items = b.size.export_items
    what, size = "`minutes export ID` (Word) / pandoc md→docx", f"{items:,} items"
    markdown = b.cache.meeting_markdown(items, b.minutes, b.env)
    ours_path, pandoc_path = b.work / "ours.docx", b.work / "pandoc.docx"
    with work_copy(b.cache.meeting_db(items), b.work) as db:
        command = [*b.minutes, "--db", str(db), "export", str(meeting_id(db)), "-o", str(ours_path)]

        def ours() -> float:
            ours_path.unlink(missing_ok=True)
            return run_process(command, b.env)

        pandoc = shutil.which("pandoc")
        if not pandoc:
            alone = median(repeated(ours, b.runs))
            return [Row(what, size, alone, target="≤ 0.5×", note="pandoc not installed: no reference")]
        reference = b.process(pandoc, "-f", "markdown", "-t", "docx", "-o", str(pandoc_path), str(markdown))
        return [ratio_row(what, size, *interleaved(ours, reference, b.runs), 0.5)]


def by_size(b: Bench, measure: Callable[[int], list[float]]) -> dict[int, float]:
    """The median of ``measure(items)`` at each size, the sizes taken in turn round after round
    (as the ratio rows interleave ours and the reference): a busy spell of the machine then
    slows every size alike instead of one, and the growth factors stay true."""
    values: dict[int, list[float]] = {items: [] for items in b.size.items}
    for _ in range(b.runs):
        for items in b.size.items:
            values[items] += measure(items)
    return {items: median(found) for items, found in values.items()}


def word_rows(b: Bench) -> list[Row]:
    with ExitStack() as stack:
        dbs = {
            items: stack.enter_context(work_copy(b.cache.meeting_db(items), b.work)) for items in b.size.items
        }
        medians = by_size(
            b, lambda items: cast(list[float], b.inproc("export", str(dbs[items]), "1", str(b.work)))
        )
    return growth_rows("Word export, in process (export_meeting)", medians)


def import_rows(b: Bench) -> list[Row]:
    empty, fresh = b.cache.empty_db(), b.work / "import.db"
    sources = {items: b.cache.meeting_json(items) for items in b.size.items}

    def one_import(items: int) -> list[float]:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{fresh}{suffix}").unlink(missing_ok=True)
        shutil.copyfile(empty, fresh)
        return [1000 * run_process([*b.minutes, "--db", str(fresh), "import", str(sources[items])], b.env)]

    one_import(b.size.items[0])  # warm-up: bytecode written, files in the page cache
    return growth_rows("`minutes import FILE.json` (fresh db)", by_size(b, one_import))


def load_rows(b: Bench) -> list[Row]:
    with ExitStack() as stack:
        dbs = {
            items: stack.enter_context(work_copy(b.cache.meeting_db(items), b.work)) for items in b.size.items
        }
        medians = by_size(b, lambda items: cast(list[float], b.inproc("load", str(dbs[items]), "1")))
    return growth_rows("load a meeting, in process (Store.get_meeting)", medians)


def search_rows(b: Bench) -> list[Row]:
    meetings, points = b.size.archive
    runs = b.size.search_runs
    with work_copy(b.cache.archive_db(meetings, points), b.work) as db:
        results: dict = b.inproc("search", str(db), str(runs))  # type: ignore[assignment]
    size = f"{meetings:,} m, {points:,} pts"
    return [
        ms_row(
            f"search p99: {name.removeprefix('search ')}",
            size,
            percentile(times, 0.99),
            50,
            f"p50 {median(times):.1f}",
        )
        for name, times in results.items()
    ]


def action_rows(b: Bench) -> list[Row]:
    meetings, per_meeting = b.size.actions
    with work_copy(b.cache.actions_db(meetings, per_meeting), b.work) as db:
        command = [*b.minutes, "--db", str(db)]
        times = repeated(lambda: key_to_frame(command, b.env, HOME, b"a", ACTION_LOG), b.runs)
    size = f"{meetings * per_meeting:,} actions"
    return [
        ms_row("action log: key `a` to first frame (pty)", size, median(times), 200, f"max {max(times):.0f}")
    ]


def typing_rows(b: Bench) -> list[Row]:
    """bench_typing.py --cases in its own process: CPU per key (a save every 3 keys) and per
    Enter in each case against the empty meeting, the cases taking turns ``runs`` times."""
    attendees, points, chars, keys, enters = b.size.typing
    command = [b.python, str(HERE / "bench_typing.py"), "--cases", "--json", "--runs", str(b.runs)]
    command += ["--keys", str(keys), "--enters", str(enters), "--attendees", str(attendees)]
    command += ["--points", str(points), "--chars", str(chars)]
    env = {**b.env, "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BenchError(f"bench_typing.py failed: {done.stderr.strip()[-300:]}")
    cases = json.loads(done.stdout.strip().splitlines()[-1])
    empty = cases.pop("empty")
    rows = []
    for case in cases.values():
        what = "typing (Pilot, CPU): {} / empty meeting"
        rows.append(ratio_row(what.format("per key"), case["label"], case["key"], empty["key"], 1.3))
        if case["enter"]:
            rows.append(
                ratio_row(what.format("per Enter"), case["label"], case["enter"], empty["enter"], 1.5)
            )
    return rows


GROUPS: dict[str, Callable[[Bench], list[Row]]] = {
    "help": help_rows,
    "list": list_rows,
    "app": app_rows,
    "export": export_rows,
    "word": word_rows,
    "import": import_rows,
    "load": load_rows,
    "search": search_rows,
    "actions": action_rows,
    "typing": typing_rows,
}


# -- the table ----------------------------------------------------------------


def heading(size_name: str, runs: int, clock: str = "wall") -> str:
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"minutes bench/run.py --size {size_name} · {os.cpu_count()} cores · Python {platform.python_version()}"
        f" · {now} · load average {load} · medians of {runs} runs (ms, {clock} time)"
    )


def cell(value: float | None, suffix: str = "") -> str:
    return "-" if value is None else f"{value:,.1f}{suffix}"


def table(rows: list[Row]) -> str:
    header = ("what", "size", "ours", "reference", "ratio", "target", "result", "note")
    lines = [
        (
            r.what,
            r.size,
            cell(r.ours),
            cell(r.reference),
            "-" if r.ratio is None else f"{r.ratio:.2f}×",
            r.target,
            {True: "pass", False: "FAIL", None: "-"}[r.passed],
            r.note,
        )
        for r in rows
    ]
    widths = [max(len(str(line[i])) for line in [header, *lines]) for i in range(len(header))]
    right = {2, 3, 4}

    def fmt(line) -> str:
        cells = [
            str(c).rjust(w) if i in right else str(c).ljust(w) for i, (c, w) in enumerate(zip(line, widths))
        ]
        return "  ".join(cells).rstrip()

    return "\n".join([fmt(header), fmt(["-" * w for w in widths]), *(fmt(line) for line in lines)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", choices=sorted(SIZES), default="full", help="data sizes (default: full)")
    parser.add_argument("--runs", type=int, help="timed runs of each measure (default: 2 small, else 5)")
    parser.add_argument("--only", help=f"comma-separated row groups: {','.join(GROUPS)}")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(os.environ.get(CACHE_VAR) or HERE / ".cache"),
        help=f"folder for the built data (default: ${CACHE_VAR}, else bench/.cache)",
    )
    parser.add_argument("--json", type=Path, help="also write the rows to this file as JSON")
    parser.add_argument(
        "--clock",
        choices=["wall", "cpu"],
        default="wall",
        help="wall: elapsed time, as users meet it (default); cpu: each process's own CPU time, "
        "which other work on a busy machine inflates far less",
    )
    args = parser.parse_args(argv)
    size = SIZES[args.size]
    runs = args.runs or size.runs
    groups = args.only.split(",") if args.only else list(GROUPS)
    unknown = [g for g in groups if g not in GROUPS]
    if unknown:
        parser.error(f"unknown row groups {unknown}; choose from {','.join(GROUPS)}")
    os.environ["MINUTES_BENCH_CLOCK"] = timing.CLOCK = args.clock  # inproc.py reads it too
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="minutes-bench-run-") as folder:
        bench = Bench(size, runs, Cache(args.cache), Path(folder))
        for group in groups:
            print(f"measuring {group} ...", file=sys.stderr, flush=True)
            try:
                rows += GROUPS[group](bench)
            except Exception as exc:  # one broken row must not lose the rest of the table
                traceback.print_exc(file=sys.stderr)
                rows.append(Row(group, "-", note=f"not measured: {exc}"))
    title = heading(args.size, runs, args.clock)
    print(title)
    print(table(rows))
    if args.json:
        args.json.write_text(json.dumps({"heading": title, "rows": [asdict(r) for r in rows]}, indent=1))
    return 1 if any(r.ours is None for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())
