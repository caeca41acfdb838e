"""Two at once, end to end: two real app processes (and the app with the CLI) on one database.

Each app types into its own meeting, or both into one meeting in different sections.
No error may reach either screen, every edit must be in the database, and each app
must show the other's saved changes when it opens the meeting again.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
from support.db import integrity
from support.samples import full_meeting, without_history
from support.tmux import Tmux, poll, trouble, wait_dead

from minutes_tui.interchange import meeting_to_dict
from minutes_tui.store import Store

pytestmark = [
    pytest.mark.slow,
    pytest.mark.serial,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]

POINTS = 6


@pytest.fixture
def term():
    t = Tmux()
    yield t
    t.close()


def make_db(tmp_path, *titles: str):
    db = tmp_path / "shared.db"
    store = Store.open(db)
    ids = [store.create_meeting(series="Skills Board", title=title).id for title in titles]
    order = [m.id for m in store.list_meetings()]
    store.close()
    return db, ids, order


def texts(db, meeting_id: int, section: str) -> list[str]:
    store = Store.open(db)
    try:
        return [b.text for b in store.get_meeting(meeting_id).sections.get(section, [])]
    finally:
        store.close()


def assert_calm(term: Tmux, *names: str) -> None:
    for name in names:
        shown = term.screen(name)
        assert not trouble(shown), f"{name}: {trouble(shown)}\n{shown}"


def open_meeting(term: Tmux, name: str, row: int, title: str) -> None:
    """From the list of meetings, open the one on ``row`` (0: the first)."""
    term.wait_for(name, "to search every meeting")  # the list is on screen
    term.wait_for(name, title)
    term.keys(name, *["Up"] * 5, *["Down"] * row, "Enter")
    # The top bar is filled in once the screen has mounted: keys typed from now on land.
    term.wait_for(name, f"Skills Board · {title}")


def type_points(term: Tmux, turns: list[tuple[str, str, str]]) -> None:
    """(app, section key, point) in turn, each point typed in two halves and Enter."""
    current: dict[str, str] = {}
    for name, key, point in turns:
        if current.get(name) != key:
            term.keys(name, key)
            current[name] = key
        half = len(point) // 2
        term.type(name, point[:half])
        term.type(name, point[half:])
        term.keys(name, "Enter")


def quit_app(term: Tmux, name: str, pid: int) -> None:
    term.keys(name, "C-q")
    wait_dead(pid)


def start_two(term: Tmux, db) -> tuple[int, int]:
    return term.start("one", "--db", str(db)), term.start("two", "--db", str(db))


def test_two_apps_two_meetings(term, tmp_path):
    db, (alpha, beta), order = make_db(tmp_path, "Alpha", "Beta")
    row = {m: order.index(m) for m in (alpha, beta)}
    one, two = start_two(term, db)
    open_meeting(term, "one", row[alpha], "Alpha")
    open_meeting(term, "two", row[beta], "Beta")
    mine = {n: [f"{n} point {i} [b]x[/b]" for i in range(POINTS)] for n in ("one", "two")}
    type_points(term, [(n, "F4", mine[n][i]) for i in range(POINTS) for n in ("one", "two")])
    assert poll(lambda: texts(db, alpha, "overview") == mine["one"]), texts(db, alpha, "overview")
    assert poll(lambda: texts(db, beta, "overview") == mine["two"]), texts(db, beta, "overview")
    assert_calm(term, "one", "two")
    # Each opens the other's meeting and sees what was typed there.
    term.keys("one", "C-l")
    open_meeting(term, "one", row[beta], "Beta")
    term.keys("one", "F4")
    term.wait_for("one", mine["two"][-1])
    term.keys("two", "C-l")
    open_meeting(term, "two", row[alpha], "Alpha")
    term.keys("two", "F4")
    term.wait_for("two", mine["one"][-1])
    assert_calm(term, "one", "two")
    quit_app(term, "one", one)
    quit_app(term, "two", two)
    assert texts(db, alpha, "overview") == mine["one"]
    assert texts(db, beta, "overview") == mine["two"]
    assert integrity(db) == "ok"


def test_two_apps_one_meeting_different_sections(term, tmp_path):
    db, (board,), _ = make_db(tmp_path, "Board")
    one, two = start_two(term, db)
    open_meeting(term, "one", 0, "Board")
    open_meeting(term, "two", 0, "Board")
    overview = [f"overview {i} from one" for i in range(POINTS)]
    agreed = [f"agreed {i} from two" for i in range(POINTS)]
    comments = [f"comment {i} from two" for i in range(POINTS)]
    turns = []
    for i in range(POINTS):
        turns += [("one", "F4", overview[i]), ("two", "F8", agreed[i]), ("two", "F10", comments[i])]
    type_points(term, turns)
    for section, want in (("overview", overview), ("agreed", agreed), ("comments", comments)):
        assert poll(lambda s=section, w=want: texts(db, board, s) == w), (section, texts(db, board, section))
    assert_calm(term, "one", "two")
    # Open the meeting again: each app shows the other's sections as saved.
    for name, key, want in (("one", "F8", agreed), ("one", "F10", comments), ("two", "F4", overview)):
        term.keys(name, "C-l")
        open_meeting(term, name, 0, "Board")
        term.keys(name, key)
        term.wait_for(name, want[-1])
    assert_calm(term, "one", "two")
    quit_app(term, "one", one)
    quit_app(term, "two", two)
    assert texts(db, board, "overview") == overview
    assert texts(db, board, "agreed") == agreed
    assert texts(db, board, "comments") == comments
    assert integrity(db) == "ok"


def test_the_cli_imports_while_the_app_types(term, tmp_path):
    db, (board,), _ = make_db(tmp_path, "Board")
    meeting = full_meeting()
    meeting.title = "Imported while typing"
    source = tmp_path / "meeting.json"
    source.write_text(json.dumps(meeting_to_dict(meeting)), encoding="utf-8")
    app = term.start("one", "--db", str(db))
    open_meeting(term, "one", 0, "Board")
    points = [f"typed during import {i}" for i in range(POINTS * 2)]
    imports = []
    for i, point in enumerate(points):
        if i % 4 == 0:  # an import runs while the app keeps typing
            imports.append(
                subprocess.Popen(
                    [sys.executable, "-m", "minutes_tui", "--db", str(db), "import", "--force", str(source)],
                    stdout=subprocess.PIPE,
                    stderr=subprocess.PIPE,
                    text=True,
                )
            )
        type_points(term, [("one", "F4", point)])
    ids = []
    for process in imports:
        out, err = process.communicate(timeout=60)
        assert (process.returncode, err) == (0, ""), err
        ids.append(int(out))
    assert poll(lambda: texts(db, board, "overview") == points), texts(db, board, "overview")
    assert_calm(term, "one")
    term.keys("one", "C-l")  # back to the list: the imported meetings are there
    shown = term.wait_for("one", "Imported while typing")
    assert shown.count("Imported while typing") == len(ids)
    assert f"{len(ids) + 1} meetings" in shown
    assert_calm(term, "one")
    quit_app(term, "one", app)
    store = Store.open(db)
    try:
        for meeting_id in ids:
            assert without_history(meeting_to_dict(store.get_meeting(meeting_id))) == meeting_to_dict(meeting)
    finally:
        store.close()
    assert texts(db, board, "overview") == points
    assert integrity(db) == "ok"


def cli(db, *args: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "minutes_tui", "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, ""), done.stderr


def test_one_app_shows_the_others_points_and_holds_text_through_approval_elsewhere(term, tmp_path):
    db, (board,), _ = make_db(tmp_path, "Board")
    one, two = start_two(term, db)
    open_meeting(term, "one", 0, "Board")
    open_meeting(term, "two", 0, "Board")
    term.keys("two", "F4")
    term.keys("one", "F4")
    for i in range(3):  # "two" shows each point typed in "one" without reopening the meeting
        type_points(term, [("one", "F4", f"seen elsewhere {i}")])
        term.wait_for("two", f"seen elsewhere {i}", timeout=3)
    cli(db, "approve", str(board))
    term.wait_for("one", "Approved elsewhere", timeout=3)
    held = [f"held {i}" for i in range(3)]
    for point in held:  # still in the field (no section key: that goes to the read-only list)
        term.type("one", point)
        term.keys("one", "Enter")
    term.wait_for("one", "held 2")
    assert texts(db, board, "overview") == [f"seen elsewhere {i}" for i in range(3)]
    cli(db, "reopen", str(board), "Late points")
    assert poll(lambda: len(texts(db, board, "overview")) == 4), texts(db, board, "overview")
    # Every key, in order (a space between the held points is not always there: see CHANGELOG).
    saved = texts(db, board, "overview")[3]
    assert saved.replace(" ", "") == "held0held1held2", saved
    term.wait_for("two", saved, timeout=3)
    quit_app(term, "one", one)
    quit_app(term, "two", two)
    assert integrity(db) == "ok"
