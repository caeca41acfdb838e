"""Shared fixtures: no test ever touches a real user's data or the repository's exports/.

Also the suite's rules for CI and for running in parallel:

- With ``CI`` set, a test that skips (a missing tool, a refused mount, a check not yet
  there) fails instead, so CI cannot pass by skipping. Only tests marked
  ``may_skip`` (with the reason the platform can never provide it) are let through.
- Tests marked ``serial`` (real terminals in tmux, timing bounds) all run on one
  xdist worker, one after another (``--dist loadgroup``), and each runs alone: it
  takes a lock file exclusively, every other test takes it shared, so the other
  workers wait while a serial test runs (before their timeouts start).
- Test modules marked ``both_backends`` run each test that uses the ``store`` fixture
  twice: on SQLite and on a PostgreSQL server (a throwaway cluster per worker, see
  ``tests/support/postgres.py``; a fresh database per test). A test marked
  ``sqlite_only`` (it reads SQLite's own tables or pragmas) runs on SQLite alone.
- Every test has a timeout (``timeout`` in pyproject.toml); ``slow`` tests get
  :data:`SLOW_TIMEOUT` unless they set their own with ``pytest.mark.timeout``.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
from pathlib import Path

import pytest

from minutes_tui.store import Store

#: Seconds a ``slow`` test (LibreOffice, real processes) may take unless it says otherwise.
SLOW_TIMEOUT = 300


def pytest_generate_tests(metafunc):
    """Both backends for the ``store`` (or ``$MINUTES_DB``, with the ``backend`` fixture) of
    tests in modules marked ``both_backends``."""
    if not metafunc.definition.get_closest_marker("both_backends"):
        return
    backends = (
        ["sqlite"] if metafunc.definition.get_closest_marker("sqlite_only") else ["sqlite", "postgresql"]
    )
    for name in ("backend", "store"):
        if name in metafunc.fixturenames:
            metafunc.parametrize(name, backends, indirect=True)
            return


def pytest_collection_modifyitems(config, items):
    for item in items:
        if item.get_closest_marker("serial"):
            item.add_marker(pytest.mark.xdist_group("serial"))
        if item.get_closest_marker("slow") and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(SLOW_TIMEOUT))


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    """Under xdist, a ``serial`` test runs with no other test running beside it."""
    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")  # the same in every worker of this run
    if not run:
        yield
        return
    exclusive = item.get_closest_marker("serial") is not None
    with open(Path(tempfile.gettempdir()) / f"minutes-tests-{run}.lock", "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if not (os.environ.get("CI") and report.skipped) or hasattr(report, "wasxfail"):
        return
    if item.get_closest_marker("may_skip"):
        return
    reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
    report.outcome = "failed"
    report.longrepr = f"skipped under CI, which must run every test: {reason}"


@pytest.fixture(autouse=True)
def private_data(tmp_path, monkeypatch):
    """Point MINUTES_DB at a temporary folder and run each test in its own folder."""
    (tmp_path / "data").mkdir(mode=0o700)  # $MINUTES_DB's folder must exist, as for --db
    monkeypatch.setenv("MINUTES_DB", str(tmp_path / "data" / "minutes.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("MINUTES_CONFIG", str(tmp_path / "config" / "config.toml"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="session")
def pg_cluster(tmp_path_factory):
    """A PostgreSQL server of this test session (of this xdist worker), with the schema
    in a template database; skipped (a failure under CI) if no server is installed."""
    from support.postgres import remove_cluster, server_bin, start_cluster

    if server_bin() is None:
        pytest.skip("PostgreSQL's server is not installed (apt-get install postgresql)")
    cluster = start_cluster()
    try:
        cluster.prepare_template()
        yield cluster
    finally:
        remove_cluster(cluster)


@pytest.fixture
def pg_url(pg_cluster):
    """The URL of a fresh database, with the current schema, on the session's server."""
    url = pg_cluster.new_database()
    yield url
    pg_cluster.drop_database(url)


@pytest.fixture
def backend(request, monkeypatch):
    """The backend ``$MINUTES_DB`` names: a file (SQLite) or a fresh PostgreSQL database."""
    name = getattr(request, "param", "sqlite")
    if name == "postgresql":
        monkeypatch.setenv("MINUTES_DB", request.getfixturevalue("pg_url"))
    return name


@pytest.fixture
def store(request):
    """A store on a fresh database: in memory (SQLite), or on PostgreSQL when the test
    is parametrised so (modules marked ``both_backends``)."""
    if getattr(request, "param", "sqlite") == "postgresql":
        s = Store.open(request.getfixturevalue("pg_url"))
    else:
        s = Store.open(":memory:")
    yield s
    s.close()
