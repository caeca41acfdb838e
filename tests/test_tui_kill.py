"""The real app in a real terminal (tmux): killed mid-typing, it has still saved the words."""

from __future__ import annotations

import os
import shutil
import signal
import time

import pytest
from support.tmux import Tmux, poll, wait_dead

from minutes_tui.store import Store

pytestmark = [
    pytest.mark.slow,
    pytest.mark.serial,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]


def comments(db) -> list[str]:
    store = Store.open(db)
    try:
        meetings = store.list_meetings()
        if not meetings:
            return []
        return [b.text for b in store.get_meeting(meetings[0].id).sections["comments"]]
    finally:
        store.close()


def start_meeting(term: Tmux, db) -> int:
    """A new board meeting in the app at General comments; the app's pid."""
    pid = term.start("t", "--db", str(db))
    term.wait_for("t", "No meetings yet")
    term.keys("t", "n")
    term.wait_for("t", "Series or body")  # the dialog ("New meeting" is in the footer too)
    # Each step waits for the screen to show the last one: on a loaded machine the
    # dialog may take a moment to take the keys.
    term.type("t", "Kill test")
    term.wait_for("t", "Kill test")
    term.keys("t", "Enter")
    term.type("t", "Board")
    term.wait_for("t", "Board")
    term.keys("t", "Enter", "Enter")
    term.wait_for("t", "Add attendee")
    term.keys("t", "F10")  # General comments (F6 is matters arising in the workshop layout)
    term.wait_for("t", "General comments")
    return pid


def test_kill_9_mid_typing_keeps_what_was_typed(tmp_path):
    db = tmp_path / "kill.db"
    term = Tmux()
    try:
        pid = start_meeting(term, db)
        term.type("t", "The first point is finished.")
        term.keys("t", "Enter")
        words = "and this one was still being typed when the power went"
        term.type("t", words)
        typed = time.monotonic()
        # No Enter, no leaving the field: the debounce alone must get it to the database.
        saved = poll(lambda: comments(db) == ["The first point is finished.", words], timeout=10)
        latency = time.monotonic() - typed
        assert saved, comments(db)
        assert latency < 3.0  # the app saves within a second; slack for a loaded machine
        os.kill(pid, signal.SIGKILL)
        wait_dead(pid)
    finally:
        term.close()
    assert comments(db) == ["The first point is finished.", words]


def test_closing_the_terminal_saves_what_is_pending(tmp_path):
    db = tmp_path / "hup.db"
    term = Tmux()
    try:
        pid = start_meeting(term, db)
        words = "typed just before the window was closed"
        term.type("t", words)
        term.wait_for("t", words)
        term.end("t")  # the terminal goes away: SIGHUP
        wait_dead(pid)
    finally:
        term.close()
    assert comments(db) == [words]


def test_sigterm_saves_what_is_pending_and_exits(tmp_path):
    """README: the process being killed (``kill PID``, a shutdown) loses at most the last second."""
    db = tmp_path / "term.db"
    term = Tmux()
    try:
        pid = start_meeting(term, db)
        words = "typed just before the machine shut down"
        term.type("t", words)
        term.wait_for("t", words)
        os.kill(pid, signal.SIGTERM)  # at once: well inside the one-second debounce
        wait_dead(pid)
    finally:
        term.close()
    assert comments(db) == [words]


@pytest.mark.parametrize("how", ["SIGTERM", "SIGHUP"])
def test_pending_text_after_an_autosave_is_saved_on_exit(tmp_path, how):
    """The point was autosaved in part; what was typed since is still pending when the signal comes."""
    db = tmp_path / "term.db"
    term = Tmux()
    try:
        pid = start_meeting(term, db)
        term.type("t", "typed just")
        assert poll(lambda: comments(db) == ["typed just"], timeout=10), comments(db)  # the autosave
        term.type("t", " before the machine shut down")
        term.wait_for("t", "typed just before the machine shut down")
        if how == "SIGTERM":
            os.kill(pid, signal.SIGTERM)
        else:
            term.end("t")
        wait_dead(pid)
    finally:
        term.close()
    assert comments(db) == ["typed just before the machine shut down"]
