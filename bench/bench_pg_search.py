"""Search on PostgreSQL at scale: the query shapes of ``bench_archive.py``, p50/p99 (run by hand).

    python bench/bench_pg_search.py                                   # 10,000 meetings, 1,000,000 points
    python bench/bench_pg_search.py --meetings 1000 --points 100000   # a quicker run
    python bench/bench_pg_search.py --url postgresql://...            # an existing empty database

The archive is ``bench_archive.py``'s (built once into its cache), copied into the server
with ``minutes copy``'s own code (the server's triggers fill its search index), then
``ANALYZE``d. Each shape runs ``--runs`` times after 3 warm-ups. Target: every p99 ≤ 50 ms.
Without ``--url`` a throwaway local cluster is started (``fsync=off``) and removed at the end.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from bench_archive import archive_path, build, percentile, query_shapes, timed  # noqa: E402
from pg_server import bench_database  # noqa: E402

from minutes_tui.store import Store  # noqa: E402
from minutes_tui.store.copy import copy_archive  # noqa: E402

TARGET_MS = 50.0


def load(url: str, meetings: int, points: int) -> None:
    """Copy the cached SQLite archive (built if missing) into the empty database at ``url``."""
    path = archive_path(meetings, points)
    if not path.exists():
        print(f"Building {meetings:,} meetings and {points:,} points ...")
        build(path, meetings, points)
    started = time.perf_counter()
    source, target = Store.open(path), Store.open(url)
    try:
        count = copy_archive(source, target, lambda _: None)
        target.gateway.execute("ANALYZE")
    finally:
        source.close()
        target.close()
    print(f"Copied {count:,} meetings to the server in {time.perf_counter() - started:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=100, help="timed runs per shape")
    parser.add_argument("--url", help="an empty database (default: a throwaway local cluster)")
    args = parser.parse_args()
    with bench_database(args.url) as url:
        load(url, args.meetings, args.points)
        store = Store.open(url)
        try:
            results = {name: timed(fn, args.runs) for name, fn in query_shapes(store).items()}
        finally:
            store.close()
    width = max(len(name) for name in results)
    print(f"\n{args.meetings:,} meetings, {args.points:,} points, {args.runs} runs each (ms):")
    print(f"{'':{width}}   {'p50':>8} {'p99':>8} {'max':>8}")
    for name, times in results.items():
        print(
            f"{name:{width}}   {percentile(times, 0.5):8.1f} {percentile(times, 0.99):8.1f} {max(times):8.1f}"
        )
    worst = max(percentile(times, 0.99) for times in results.values())
    print(f"\nworst p99: {worst:.1f} ms (target <= {TARGET_MS:.0f} ms)")
    return 0 if worst <= TARGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
