"""Shared fixtures: no test ever touches a real user's data or the repository's exports/."""

from __future__ import annotations

import pytest

from minutes_tui.store import Store


@pytest.fixture(autouse=True)
def private_data(tmp_path, monkeypatch):
    """Point MINUTES_DB at a temporary folder and run each test in its own folder."""
    (tmp_path / "data").mkdir(mode=0o700)  # $MINUTES_DB's folder must exist, as for --db
    monkeypatch.setenv("MINUTES_DB", str(tmp_path / "data" / "minutes.db"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("MINUTES_CONFIG", str(tmp_path / "config" / "config.toml"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def store():
    """A store on a fresh in-memory database."""
    s = Store.open(":memory:")
    yield s
    s.close()
