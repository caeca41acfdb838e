"""Note-takers typing at once into a PostgreSQL archive: save latency and edits lost.

    python bench/bench_pg.py                       # a throwaway local cluster, 10 + 2 writers, 60 s
    python bench/bench_pg.py --seconds 300         # the issue's five minutes
    python bench/bench_pg.py --url postgresql://...  # an existing (empty) database
    python bench/bench_pg.py --durable             # the throwaway cluster with fsync and synchronous_commit on

Each writer is a process with its own store, typing as the app saves: every few
keystrokes the point being typed is saved with its row version (``update_point`` with
``expected_version``), and every 40 keystrokes a new point is started. ``--writers``
processes type into a meeting each and ``--shared`` more into one meeting together. At the
end every writer's last saved text of each point is compared with what is in the
database: a difference is an edit lost. Prints save p50/p99 in milliseconds and the count.

For reference, each writer also times a bare ``SELECT 1`` round trip after each save: on a
loaded machine its p99 shows how much of the saves' tail is waiting for a CPU rather than
the save's own work. The load average is printed before and after.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import time

from pg_server import bench_database

#: Seconds between two saves of one writer (the app saves at most every 0.4-0.6 s; faster here).
PAUSE = 0.05


def writer(url: str, meeting_id: int, name: str, seconds: float, out: mp.Queue) -> None:
    from minutes_tui.store import Store

    store = Store.open(url)
    turn = store.add_turn(meeting_id, name)
    latencies: list[float] = []
    pings: list[float] = []
    typed: dict[int, str] = {}
    end = time.monotonic() + seconds
    text, point = "", None
    while time.monotonic() < end:
        text += "word "
        began = time.perf_counter()
        if point is None or len(text) > 200:
            text = "word "
            point = store.add_point(turn.id, text)
        else:
            point = store.update_point(point.id, text, expected_version=point.version)
        latencies.append(time.perf_counter() - began)
        typed[point.id] = text
        began = time.perf_counter()
        store.gateway.execute("SELECT 1").fetchone()
        pings.append(time.perf_counter() - began)
        time.sleep(PAUSE)
    lost = sum(1 for pid, want in typed.items() if store.get_point(pid).text != want)
    store.close()
    out.put((latencies, lost, len(typed), pings))


def p99(ordered: list[float]) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


def run(url: str, writers: int, shared: int, seconds: float) -> dict[str, float]:
    from minutes_tui.store import Store

    store = Store.open(url)
    own = [store.create_meeting(title=f"Meeting {n}").id for n in range(writers)]
    together = store.create_meeting(title="Shared meeting").id
    store.close()
    out: mp.Queue = mp.Queue()
    jobs = [(m, f"W{n}") for n, m in enumerate(own)] + [(together, f"S{n}") for n in range(shared)]
    procs = [mp.Process(target=writer, args=(url, m, name, seconds, out)) for m, name in jobs]
    for p in procs:
        p.start()
    results = [out.get(timeout=seconds + 120) for _ in procs]
    for p in procs:
        p.join()
    latencies = sorted(x for r in results for x in r[0])
    pings = sorted(x for r in results for x in r[3])
    return {
        "saves": len(latencies),
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": p99(latencies) * 1000,
        "ping_p50_ms": statistics.median(pings) * 1000,
        "ping_p99_ms": p99(pings) * 1000,
        "lost": sum(r[1] for r in results),
        "points": sum(r[2] for r in results),
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", help="an empty database (default: a throwaway local cluster)")
    parser.add_argument("--writers", type=int, default=10)
    parser.add_argument("--shared", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument(
        "--durable",
        action="store_true",
        help="run the throwaway cluster as a real server runs (the tests' turns fsync and synchronous_commit off)",
    )
    args = parser.parse_args()
    with bench_database(args.url, durable=args.durable) as url:
        load_before = os.getloadavg()
        figures = run(url, args.writers, args.shared, args.seconds)
    print(
        f"{args.writers} writers in their own meetings + {args.shared} in one, {args.seconds:.0f} s: "
        f"{figures['saves']} saves, p50 {figures['p50_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms, "
        f"{figures['lost']} of {figures['points']} points lost (target p99 <= 20 ms, none lost)\n"
        f"reference SELECT 1 round trip: p50 {figures['ping_p50_ms']:.2f} ms, p99 {figures['ping_p99_ms']:.1f} ms; "
        f"load average before {load_before[0]:.2f}, after {os.getloadavg()[0]:.2f} (1 min), {os.cpu_count()} CPUs"
    )
    return 1 if figures["lost"] else 0


if __name__ == "__main__":
    sys.exit(main())
