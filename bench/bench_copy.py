"""``minutes copy`` of a large archive, SQLite to PostgreSQL and back, as a user runs it (run by hand).

    python bench/bench_copy.py                                   # 10,000 meetings, 1,000,000 points
    python bench/bench_copy.py --meetings 10000 --points 100000  # 10,000 smaller meetings, quicker
    python bench/bench_copy.py --no-back                         # only to the server

The archive is ``bench_archive.py``'s (built once into its cache). Each copy is the real
command in its own process (``python -m minutes_tui copy SOURCE TARGET``): one transaction on
the target, every meeting's JSON export compared on both sides before it commits. Without
``--url`` a throwaway local cluster is started (``fsync=off``, as the tests') and removed at
the end. Prints the wall time of each direction and the load average.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from bench_archive import archive_path, build  # noqa: E402
from pg_server import bench_database  # noqa: E402


def copy(source: str, target: str) -> float:
    """Seconds ``minutes copy source target`` takes (raises with its output if it fails)."""
    began = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "minutes_tui", "copy", source, target], capture_output=True, text=True
    )
    took = time.perf_counter() - began
    if done.returncode:
        raise SystemExit(f"minutes copy {source} {target} failed:\n{done.stdout}{done.stderr}")
    print(f"  {done.stdout.strip()}")
    return took


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--meetings", type=int, default=10_000)
    parser.add_argument("--points", type=int, default=1_000_000)
    parser.add_argument("--url", help="an empty database (default: a throwaway local cluster)")
    parser.add_argument("--no-back", action="store_true", help="do not copy back to a file")
    args = parser.parse_args()
    path = archive_path(args.meetings, args.points)
    if not path.exists():
        print(f"Building {args.meetings:,} meetings and {args.points:,} points ...")
        build(path, args.meetings, args.points)
    with bench_database(args.url) as url:
        load = os.getloadavg()[0]
        to_server = copy(str(path), url)
        back = None
        if not args.no_back:
            with tempfile.TemporaryDirectory() as folder:
                back = copy(url, str(Path(folder) / "back.db"))
    print(
        f"{args.meetings:,} meetings, {args.points:,} points: SQLite -> PostgreSQL {to_server:.0f} s"
        + (f", PostgreSQL -> SQLite {back:.0f} s" if back is not None else "")
        + f" (load average {load:.2f} before, {os.getloadavg()[0]:.2f} after, {os.cpu_count()} CPUs)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
