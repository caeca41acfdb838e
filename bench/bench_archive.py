"""Speed of the archive at scale: start-up, search and scrolling (run by hand).

    python bench/bench_archive.py                                  # 10,000 meetings, 1,000,000 points
    python bench/bench_archive.py --meetings 1000 --points 100000  # a quicker run

The archive is built once (one transaction through the store's own connection, so
the triggers fill the full-text index as the app would) and cached in
``/tmp/minutes-bench/``; later runs reuse it (``--rebuild`` makes it again).
Each meeting gets 8 attendees, 10 bullets, 10 round-robin turns sharing its
points, and 4 actions; two series (one small) stopped meeting long ago. The word
"employer" is in about one point in six (so in nearly every meeting); "zeugma" is
in 3 points of the whole archive.

Reported, as p50/p99 over repeated runs on a warm page cache:
- start-up: open the store (connect, check migrations) and list the first 50 meetings,
  on the archive and on an empty database (the ratio is the target: under 1.5);
- search for a rare word, a common word, a prefix, a phrase, and a common word in one series;
- scrolling the meeting list 50 at a time by OFFSET, and by keyset (``list_meetings_before``).
Targets: every p99 under 100 ms, start-up under 1.5x the empty database.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from minutes_tui.store import Store

CACHE = Path(tempfile.gettempdir()) / "minutes-bench"
VERSION = 2  # bump when the generated data changes
RARE, COMMON = "zeugma", "employer"
SERIES = [
    f"{area} {body}"
    for area in ("North West", "Humber", "Tees Valley", "Black Country", "Solent", "Leeds City Region")
    for body in ("Skills Alliance", "Employment Board", "Economic Theme Partners", "Learning Partnership")
] + ["Chemicals Sector Group", "Construction Skills Forum", "Digital Skills Partnership"]
#: Series that stopped meeting long ago: a small one (one in five of the oldest 2% of
#: meetings, at least one) and a large one (one in two of the oldest 10%: 480 at 10,000
#: meetings, more than the search's FEW_MEETINGS).
OLD_SMALL = "Objective One Monitoring Committee"
OLD_LARGE = "Regional Skills Partnership"
ORGS = ["Cogent SSC", "LSC", "Business Link", "JCP", "ChemiCol", "NWDA", "DWP", "City Council", "FE College"]
SECTIONS = ("overview", "purpose", "agreed", "comments", "next_steps")
DOMAIN = [
    "apprentices",
    "apprenticeship",
    "levy",
    "trial",
    "budget",
    "committed",
    "contract",
    "providers",
    "contact",
    "list",
    "training",
    "growth",
    "process",
    "operators",
    "maintenance",
    "offer",
    "sector",
    "skills",
    "agreement",
    "stage",
    "funding",
    "review",
    "report",
    "board",
    "partners",
    "agreed",
    "pilot",
    "college",
    "learners",
    "placements",
    "vacancies",
    "workforce",
    "strategy",
    "survey",
    "evaluation",
    "procurement",
    "tender",
    "outcomes",
    "targets",
    "quarter",
    "milestone",
    "risk",
    "register",
    "delivery",
    "plan",
]


def vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    """Plain words first (frequent), then made-up ones for a long Zipf-like tail."""
    syllables = ["ka", "lo", "mi", "ra", "te", "su", "ven", "dor", "pel", "quin", "bar", "tis", "mon", "gal"]
    made_up = {"".join(rng.choices(syllables, k=rng.randint(2, 4))) for _ in range(size * 2)}
    made_up -= {RARE, COMMON}
    return DOMAIN + sorted(made_up)[: size - len(DOMAIN)]


class Text:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.words = vocabulary(rng)
        weights = [1 / (rank + 8) for rank in range(len(self.words))]
        self.cumulative = []
        total = 0.0
        for w in weights:
            total += w
            self.cumulative.append(total)

    def sentence(self, low: int = 6, high: int = 16) -> str:
        words = self.rng.choices(self.words, cum_weights=self.cumulative, k=self.rng.randint(low, high))
        return " ".join(words).capitalize()


def archive_path(meetings: int, points: int) -> Path:
    return CACHE / f"archive-v{VERSION}-{meetings}m-{points}p.db"


def build(path: Path, meetings: int, points: int, seed: int = 1) -> None:
    """Write the archive to ``path`` (through a temporary file, so a killed build leaves none)."""
    rng = random.Random(seed)
    text = Text(rng)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    store = Store.open(partial)
    db = store.db
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -200000")
    per_meeting, extra = divmod(points, meetings)
    rare_points = set(rng.sample(range(points), 3))
    start = dt.date(2006, 1, 9)
    now = dt.datetime(2026, 1, 1).isoformat(timespec="seconds")
    m_rows, a_rows, b_rows, t_rows, p_rows, x_rows = [], [], [], [], [], []
    point_id = turn_id = bullet_id = attendee_id = action_id = 0
    started = time.perf_counter()

    def flush() -> None:
        conn = db.conn
        conn.executemany(
            "INSERT INTO meetings (id, series, title, date, place, chair, minute_taker, status, created, updated) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            m_rows,
        )
        conn.executemany(
            "INSERT INTO attendees (id, meeting_id, name, organisation, role, attendance, position) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            a_rows,
        )
        conn.executemany(
            "INSERT INTO bullets (id, meeting_id, section, text, position) VALUES (?, ?, ?, ?, ?)", b_rows
        )
        conn.executemany("INSERT INTO turns (id, meeting_id, speaker, position) VALUES (?, ?, ?, ?)", t_rows)
        conn.executemany(
            "INSERT INTO points (id, turn_id, meeting_id, text, position) VALUES (?, ?, ?, ?, ?)", p_rows
        )
        conn.executemany(
            "INSERT INTO actions (id, meeting_id, text, owner, due, status, position) VALUES (?, ?, ?, ?, ?, ?, ?)",
            x_rows,
        )
        for rows in (m_rows, a_rows, b_rows, t_rows, p_rows, x_rows):
            rows.clear()

    with db.atomic():
        for m in range(1, meetings + 1):
            date = start + dt.timedelta(days=(m * 7300) // meetings)
            series = SERIES[m % len(SERIES)]
            if m <= max(meetings // 50, 5) and m % 5 == 0:
                series = OLD_SMALL
            elif m <= meetings // 10 and m % 2 == 0:
                series = OLD_LARGE
            m_rows.append(
                (
                    m,
                    series,
                    f"{text.sentence(2, 4)} workshop",
                    date.isoformat(),
                    "Runcorn",
                    "Priya",
                    "Tom",
                    "approved",
                    now,
                    now,
                )  # fmt: skip
            )
            for n in range(8):
                attendee_id += 1
                org = ORGS[(m + n) % len(ORGS)]
                a_rows.append((attendee_id, m, f"Person {rng.randint(1, 400)}", org, "", "present", n + 1.0))
            for n in range(10):
                bullet_id += 1
                b_rows.append((bullet_id, m, SECTIONS[n % 5], text.sentence(), n + 1.0))
            count = per_meeting + (1 if m <= extra else 0)
            turns = []
            for n in range(10):
                turn_id += 1
                turns.append(turn_id)
                t_rows.append((turn_id, m, ORGS[(m + n) % len(ORGS)], n + 1.0))
            for n in range(count):
                words = text.sentence()
                if rng.random() < 1 / 6:
                    words += f" {COMMON} engagement"
                if point_id in rare_points:
                    words += f" {RARE}"
                point_id += 1
                p_rows.append((point_id, turns[n % 10], m, words, n // 10 + 1.0))
            for n in range(4):
                action_id += 1
                due = (date + dt.timedelta(days=30)).isoformat()
                x_rows.append((action_id, m, text.sentence(4, 8), "Priya", due, "open", n + 1.0))
            if m % 500 == 0:
                flush()
                print(f"  built {m:,} meetings, {point_id:,} points ({time.perf_counter() - started:.0f} s)")
        flush()
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    os.replace(partial, path)
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    print(f"Built {path} in {time.perf_counter() - started:.0f} s ({path.stat().st_size / 1e6:.0f} MB)")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(fn: Callable[[], object], runs: int, warmup: int = 3) -> list[float]:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def startup(path: Path) -> Callable[[], object]:
    def run():
        store = Store.open(path)
        try:
            return store.list_meetings(limit=50)
        finally:
            store.close()

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=200, help="timed runs per measure")
    parser.add_argument("--rebuild", action="store_true", help="build the archive again")
    args = parser.parse_args()

    path = archive_path(args.meetings, args.points)
    if args.rebuild or not path.exists():
        print(f"Building {args.meetings:,} meetings and {args.points:,} points ...")
        build(path, args.meetings, args.points)
    with tempfile.TemporaryDirectory() as folder:
        # A copy, so that opening (which may upgrade or checkpoint) never changes the cache.
        work = Path(folder) / "archive.db"
        shutil.copyfile(path, work)
        empty = Path(folder) / "empty.db"
        Store.open(empty).close()
        results = measure(work, empty, args.runs)
    width = max(len(name) for name in results)
    print(f"\n{args.meetings:,} meetings, {args.points:,} points, {args.runs} runs each (ms):")
    print(f"{'':{width}}   {'p50':>8} {'p99':>8} {'max':>8}")
    for name, times in results.items():
        print(
            f"{name:{width}}   {percentile(times, 0.5):8.3f} {percentile(times, 0.99):8.3f} {max(times):8.3f}"
        )
    ratio = percentile(results["start-up, archive"], 0.5) / percentile(results["start-up, empty db"], 0.5)
    print(f"\nstart-up archive / empty (p50): {ratio:.2f}x (target < 1.5x)")
    worst = max(percentile(times, 0.99) for times in results.values())
    print(f"worst p99: {worst:.1f} ms (target < 100 ms)")


def query_shapes(store: Store) -> dict[str, Callable[[], object]]:
    """The searches measured, by name: each word kind, prefix, phrase and filter (also used by run.py)."""
    series = store.list_meetings(limit=1)[0].series
    return {
        f"search rare word ({RARE})": lambda: store.search(RARE),
        f"search common word ({COMMON})": lambda: store.search(COMMON),
        "search two common words": lambda: store.search(f"{COMMON} engagement"),
        "search prefix (appren*)": lambda: store.search("appren*"),
        "search as you type (em)": lambda: store.search("em", prefix_last=True),
        'search phrase ("process operators")': lambda: store.search('"process operators"'),
        "search common word in a series": lambda: store.search(COMMON, series=series),
        "search common word in a series that stopped long ago": lambda: store.search(
            COMMON, series=OLD_LARGE
        ),
        "search common word in a small series that stopped long ago": lambda: store.search(
            COMMON, series=OLD_SMALL
        ),
        "search common word since a year ago": lambda: store.search(COMMON, since="2025-01-01"),
        "search rare word in a series": lambda: store.search(RARE, series=series),
        "search hostile text": lambda: store.search('NEAR( "AND - * :'),
    }


def measure(work: Path, empty: Path, runs: int) -> dict[str, list[float]]:
    results: dict[str, list[float]] = {}
    results["start-up, empty db"] = timed(startup(empty), runs)
    results["start-up, archive"] = timed(startup(work), runs)
    store = Store.open(work)
    total = store.count_meetings()
    for name, fn in query_shapes(store).items():
        results[name] = timed(fn, runs)
    pages = max(1, total // 50)
    offsets = [50 * (n % pages) for n in range(runs)]
    it = iter(offsets * 2)
    results["scroll by OFFSET (any page)"] = timed(
        lambda: store.list_meetings(limit=50, offset=next(it)), runs
    )
    page = store.list_meetings(limit=50)
    state = {"page": page}

    def next_page():
        last = state["page"][-1]
        state["page"] = store.list_meetings_before(last.date, last.id, limit=50) or store.list_meetings(
            limit=50
        )

    results["scroll by keyset (next page)"] = timed(next_page, runs)
    results["count meetings"] = timed(store.count_meetings, runs)
    results["series names"] = timed(store.series_names, runs)
    store.close()
    return results


if __name__ == "__main__":
    main()
