"""Starting the app: its first frame comes before the database is opened, and a database
that cannot be opened still ends the app with one clear ``Error:`` line."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import shutil
import subprocess
import sys

import pytest
from support.tmux import Tmux, poll, wait_dead
from support.tui import screen_text

from minutes_tui.launch import app_only
from minutes_tui.store import Store, StoreError
from minutes_tui.tui.app import make_app

DAMAGED = "damaged or is not a minutes database"


def damaged(folder):
    path = folder / "damaged.db"
    path.write_bytes(b"not a database at all " * 200)
    return path


async def test_an_app_given_an_opener_lists_the_meetings_once_it_has_opened(tmp_path):
    path = tmp_path / "m.db"
    with contextlib.closing(Store.open(path)) as store:
        store.create_meeting(series="Board", title="Quarterly", date=dt.date(2025, 3, 14))
    opened: list[Store] = []

    def opener() -> Store:
        opened.append(Store.open(path))
        return opened[-1]

    app = make_app(opener)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            for _ in range(100):  # right after the first frame (a loaded machine: a moment)
                if "1 meeting" in screen_text(app):
                    break
                await pilot.pause(0.05)
            assert len(opened) == 1  # opened once
            assert "Quarterly" in screen_text(app) and "1 meeting" in screen_text(app)
            await pilot.press("enter")
            await pilot.pause()
            assert "Quarterly" in screen_text(app)
    finally:
        for store in opened:
            store.close()


async def test_an_app_whose_database_cannot_be_opened_exits_and_says_why(tmp_path):
    path = damaged(tmp_path)
    before = path.read_bytes()
    app = make_app(lambda: Store.open(path))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(100):
            if app.open_error is not None:
                break
            await pilot.pause(0.05)
    assert isinstance(app.open_error, StoreError) and DAMAGED in str(app.open_error)
    assert app.return_code == 1
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "db"),
    [
        ([], ""),
        (["--db", "m.db"], "m.db"),
        (["--db=m.db"], "m.db"),
        (["--db", "postgresql://host/minutes"], "postgresql://host/minutes"),
        (["list"], None),
        (["--db", "m.db", "list"], None),
        (["--help"], None),
        (["--version"], None),
        (["--db", "--help"], None),
        (["--db", ""], None),
    ],
)
def test_only_plain_app_starts_skip_the_cli(args, db):
    assert app_only(args) == db


def test_a_folder_as_db_goes_to_the_cli_for_its_message(tmp_path):
    assert app_only(["--db", str(tmp_path)]) is None


def test_opening_the_app_loads_neither_click_nor_the_store_before_its_first_frame():
    code = "import json, sys, minutes_tui.launch, minutes_tui.tui.app; print(json.dumps(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    modules = set(json.loads(done.stdout))
    early = (
        "click",
        "sqlite_utils",
        "sqlite3",
        "minutes_tui.cli",
        "minutes_tui.store.store",
        "minutes_tui.model",
    )
    assert sorted(m for m in modules if any(m == p or m.startswith(f"{p}.") for p in early)) == []


@pytest.mark.slow
@pytest.mark.serial
@pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")
def test_a_damaged_database_in_a_real_terminal_gives_one_error_line(tmp_path):
    path = damaged(tmp_path)
    term = Tmux()
    try:
        pid = term.start("t", "--db", str(path))
        wait_dead(pid)

        def shown() -> str:  # with the lines scrolled off the top
            return term.tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", "t", check=False)

        # The pane wraps the long message (dropping a space at a line's end).
        assert poll(lambda: "".join(DAMAGED.split()) in "".join(shown().split()), timeout=10), shown()
        text = shown()
    finally:
        term.close()
    assert "Traceback" not in text
    assert [line for line in text.splitlines() if line.startswith("Error: ")], text


async def test_the_collector_held_off_by_the_launcher_is_back_after_the_first_frame(store):
    """`minutes` starts with the garbage collector off (launch.run_app); the first frame turns it on."""
    import gc

    gc.disable()
    try:
        app = make_app(store)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
