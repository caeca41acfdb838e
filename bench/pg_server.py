"""The PostgreSQL database a benchmark runs against: the one ``--url`` names, else an empty
database on a throwaway local cluster (the tests' own, see tests/support/postgres.py),
removed at the end."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def bench_database(url: str | None, *, durable: bool = False) -> Iterator[str]:
    """``url``, else a throwaway cluster's empty database ``bench`` (``durable``: fsync and
    synchronous_commit on, as a real server runs; the tests turn them off)."""
    if url is not None:
        yield url
        return
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from support.postgres import remove_cluster, start_cluster

    cluster = start_cluster(durable=durable)
    try:
        cluster.admin("CREATE DATABASE bench")
        yield cluster.url("bench")
    finally:
        remove_cluster(cluster)
