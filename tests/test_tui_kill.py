"""The real app in a real terminal (tmux): killed mid-typing, it has still saved the words."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid

import pytest

from minutes_tui.store import Store

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux"),
]


class Terminal:
    """The app running in a detached tmux session on a private tmux server."""

    def __init__(self, db, size=(100, 30)):
        self.socket = f"minutes-test-{uuid.uuid4().hex[:8]}"
        self.db = db
        command = f"exec {sys.executable} -m minutes_tui --db {db}"
        self.tmux("new-session", "-d", "-s", "t", "-x", str(size[0]), "-y", str(size[1]), command)
        self.pid = int(self.tmux("display-message", "-p", "-t", "t", "#{pane_pid}").strip())

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], check=True, capture_output=True, text=True
        ).stdout

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "t", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "t", "-l", text)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t")

    def wait_for(self, text: str, timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while text not in self.screen():
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} never appeared:\n{self.screen()}")
            time.sleep(0.05)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie (not yet reaped by tmux) is dead too
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except OSError:
        return False


def wait_dead(pid: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while alive(pid):
        if time.monotonic() > deadline:
            raise AssertionError("the app did not exit")
        time.sleep(0.05)


def poll(check, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(0.05)


def comments(db) -> list[str]:
    store = Store.open(db)
    try:
        meetings = store.list_meetings()
        if not meetings:
            return []
        return [b.text for b in store.get_meeting(meetings[0].id).sections["comments"]]
    finally:
        store.close()


def start_meeting(term: Terminal) -> None:
    term.wait_for("No meetings yet")
    term.keys("n")
    term.wait_for("Series or body")  # the dialog ("New meeting" is in the footer too)
    # Each step waits for the screen to show the last one: on a loaded machine the
    # dialog may take a moment to take the keys.
    term.type("Kill test")
    term.wait_for("Kill test")
    term.keys("Enter")
    term.type("Board")
    term.wait_for("Board")
    term.keys("Enter", "Enter")
    term.wait_for("Add attendee")
    term.keys("F10")  # General comments (F6 is matters arising in the workshop layout)
    term.wait_for("General comments")


def test_kill_9_mid_typing_keeps_what_was_typed(tmp_path):
    db = tmp_path / "kill.db"
    term = Terminal(db)
    try:
        start_meeting(term)
        term.type("The first point is finished.")
        term.keys("Enter")
        words = "and this one was still being typed when the power went"
        term.type(words)
        typed = time.monotonic()
        # No Enter, no leaving the field: the debounce alone must get it to the database.
        saved = poll(lambda: comments(db) == ["The first point is finished.", words])
        latency = time.monotonic() - typed
        assert saved, comments(db)
        assert latency < 3.0  # the app saves within a second; slack for a loaded machine
        os.kill(term.pid, signal.SIGKILL)
        wait_dead(term.pid)
    finally:
        term.close()
    assert comments(db) == ["The first point is finished.", words]


def test_closing_the_terminal_saves_what_is_pending(tmp_path):
    db = tmp_path / "hup.db"
    term = Terminal(db)
    try:
        start_meeting(term)
        words = "typed just before the window was closed"
        term.type(words)
        term.wait_for(words)
        term.tmux("kill-session", "-t", "t")  # the terminal goes away: SIGHUP
        wait_dead(term.pid)
    finally:
        term.close()
    assert comments(db) == [words]
